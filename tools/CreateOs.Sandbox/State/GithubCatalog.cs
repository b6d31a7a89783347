using System.Security.Cryptography;
using System.Text;

namespace CreateOs.Sandbox.State;

/// <summary>The emulated GitHub side: a seeded installation with a few small repositories.</summary>
public static class GithubCatalog
{
    public const long SeededInstallationId = 12345678;
    public const string SeededUsername = "sandbox-user";

    public static GithubInstallation CreateInstallation(Guid userId, long installationId, string username)
    {
        // Repository ids derive from the installation id so that every installation has distinct, stable ids.
        var baseRepoId = 87654000 + installationId % 1000 * 10;
        return new GithubInstallation
        {
            InstallationId = installationId,
            Username = username,
            OwnerId = 10000000 + installationId % 1000000,
            AvatarUrl = $"https://avatars.githubusercontent.com/u/{10000000 + installationId % 1000000}",
            UserId = userId,
            Repositories =
            [
                Repository(baseRepoId + 1, username, "hello-static", "main", ["main", "dev", "feature-docs"], StaticSite()),
                Repository(baseRepoId + 2, username, "node-api", "main", ["main", "staging"], NodeApi()),
                Repository(baseRepoId + 3, username, "python-service", "master", ["master"], PythonService(), isPrivate: true),
            ],
        };
    }

    private static GithubRepository Repository(long id, string owner, string name, string defaultBranch, string[] branches,
        Dictionary<string, string> files, bool isPrivate = false) => new()
    {
        Id = id,
        Name = name,
        FullName = $"{owner}/{name}",
        Private = isPrivate,
        DefaultBranch = defaultBranch,
        Files = files,
        Branches = branches.Select(branch => new GithubBranch
        {
            Name = branch,
            Protected = branch == defaultBranch,
            Commit = new GithubCommit
            {
                Sha = Sha1Hex($"{owner}/{name}@{branch}"),
                Url = $"https://api.github.com/repos/{owner}/{name}/commits/{Sha1Hex($"{owner}/{name}@{branch}")}",
            },
            CommitMessage = $"Update {name} on {branch}",
        }).ToList(),
    };

    public static string Sha1Hex(string text) =>
        Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static Dictionary<string, string> StaticSite() => new()
    {
        ["index.html"] = "<!doctype html><html><head><title>hello-static</title></head><body><h1>Hello from hello-static</h1></body></html>\n",
        ["about/index.html"] = "<!doctype html><html><body><h1>About</h1></body></html>\n",
        ["css/site.css"] = "body { font-family: sans-serif; }\n",
        ["README.md"] = "# hello-static\n\nA static site used by the CreateOS sandbox.\n",
    };

    private static Dictionary<string, string> NodeApi() => new()
    {
        ["package.json"] = "{\"name\":\"node-api\",\"scripts\":{\"start\":\"node src/index.js\"}}\n",
        ["src/index.js"] = "require('http').createServer((req,res)=>res.end('Hello from node-api')).listen(process.env.PORT||3000)\n",
        ["index.html"] = "<!doctype html><html><body><h1>Hello from node-api</h1></body></html>\n",
        ["README.md"] = "# node-api\n",
    };

    private static Dictionary<string, string> PythonService() => new()
    {
        ["requirements.txt"] = "fastapi\nuvicorn\n",
        ["app/main.py"] = "from fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/')\ndef root():\n    return {'hello': 'python-service'}\n",
        ["index.html"] = "<!doctype html><html><body><h1>Hello from python-service</h1></body></html>\n",
    };
}
