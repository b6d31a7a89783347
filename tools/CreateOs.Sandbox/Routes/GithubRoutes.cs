using System.Globalization;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>The GitHub app integration (reference §8.5), answered from <see cref="GithubCatalog"/>.</summary>
public static class GithubRoutes
{
    private const string Prefix = "/app-installations/github";

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post(Prefix, async (HttpContext context) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var installationIdText = body.OptionalIdString("installationId") ?? throw ApiException.BadRequest("installationId is required");
            if (!long.TryParse(installationIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var installationId) || installationId <= 0)
                throw ApiException.BadRequest("installationId must be a positive integer");
            body.RequiredString("code");
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                if (state.InstallationList.Any(i => i.UserId == user.Id && i.InstallationId == installationId))
                    throw ApiException.Conflict("github installation already exists");
                state.InstallationList.Add(GithubCatalog.CreateInstallation(user.Id, installationId, $"{user.Username}-{installationId}"));
                return Api.Message("installation authorized successfully");
            }
        });

        IResult ListAccounts(HttpContext context)
        {
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                return Api.Ok(state.InstallationList.Where(i => i.UserId == user.Id).ToList());
            }
        }

        // The MCP server says /accounts, the CLI says /installations (reference §9): serve both.
        foreach (var collection in new[] { "/accounts", "/installations" })
        {
            var group = Prefix + collection;
            v1.Get(group, ListAccounts);

            v1.Get(group + "/{installationId}/repositories", (HttpContext context, string installationId) =>
            {
                lock (state.SyncRoot) return Api.Ok(Installation(state, context, installationId).Repositories);
            });

            v1.Get(group + "/{installationId}/repositories/branches", (HttpContext context, string installationId) =>
            {
                var repositoryName = Query.OptionalString(context.Request, "repository") ?? throw ApiException.BadRequest("repository is required (owner/repo)");
                var page = Query.OptionalInt(context.Request, "page") ?? 1;
                var perPage = Query.OptionalInt(context.Request, "per-page") ?? Query.OptionalInt(context.Request, "per_page") ?? 30;
                var protectedOnly = Query.OptionalBool(context.Request, "protected");
                if (page < 1) throw ApiException.BadRequest("page must be 1 or greater");
                if (perPage is < 1 or > 100) throw ApiException.BadRequest("per-page must be between 1 and 100");
                lock (state.SyncRoot)
                {
                    var repository = Repository(Installation(state, context, installationId), repositoryName);
                    var branches = repository.Branches
                        .Where(b => protectedOnly is null || b.Protected == protectedOnly)
                        .Skip((page - 1) * perPage).Take(perPage).ToList();
                    return Api.Ok(branches);
                }
            });

            v1.Post(group + "/{installationId}/repositories/content", async (HttpContext context, string installationId) =>
            {
                var body = await Body.ReadAsync(context.Request);
                var repositoryName = body.RequiredString("repository");
                var branchName = body.RequiredString("branch");
                var treeSha = body.OptionalString("treeSha");
                lock (state.SyncRoot)
                {
                    var repository = Repository(Installation(state, context, installationId), repositoryName);
                    var branch = repository.Branches.FirstOrDefault(b => b.Name == branchName) ?? throw ApiException.NotFound($"branch '{branchName}' not found");
                    return Api.Ok(Tree(repository, branch, treeSha));
                }
            });
        }
    }

    private static GithubInstallation Installation(SandboxState state, HttpContext context, string installationId)
    {
        var user = context.CurrentUser();
        return state.InstallationList.FirstOrDefault(i => i.UserId == user.Id && i.InstallationId.ToString(CultureInfo.InvariantCulture) == installationId)
            ?? throw ApiException.NotFound("github installation not found");
    }

    private static GithubRepository Repository(GithubInstallation installation, string name) =>
        installation.Repositories.FirstOrDefault(r => r.FullName.Equals(name, StringComparison.OrdinalIgnoreCase) || r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw ApiException.NotFound($"repository '{name}' not found");

    /// <summary>A GitHub "get a tree" object for the root (or the folder whose tree sha is <paramref name="treeSha"/>).</summary>
    private static JsonObject Tree(GithubRepository repository, GithubBranch branch, string? treeSha)
    {
        var folders = repository.Files.Keys
            .SelectMany(path => Enumerable.Range(1, path.Count(c => c == '/')).Select(depth => string.Join('/', path.Split('/').Take(depth))))
            .Distinct().ToList();
        string TreeShaOf(string folder) => GithubCatalog.Sha1Hex($"{repository.FullName}@{branch.Name}:tree:{folder}");

        var folder = "";
        if (treeSha is not null && treeSha != branch.Commit.Sha && treeSha != TreeShaOf(""))
            folder = folders.FirstOrDefault(f => TreeShaOf(f) == treeSha) ?? throw ApiException.NotFound("tree not found");

        var prefix = folder.Length == 0 ? "" : folder + "/";
        var entries = new JsonArray();
        foreach (var sub in folders.Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && !f[prefix.Length..].Contains('/') && f != folder).Order(StringComparer.Ordinal))
        {
            var sha = TreeShaOf(sub);
            entries.Add(new JsonObject { ["path"] = sub[prefix.Length..], ["mode"] = "040000", ["type"] = "tree", ["sha"] = sha, ["url"] = $"https://api.github.com/repos/{repository.FullName}/git/trees/{sha}" });
        }
        foreach (var (path, content) in repository.Files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && !f.Key[prefix.Length..].Contains('/')).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var sha = GithubCatalog.Sha1Hex($"blob {content.Length}\0{content}");
            entries.Add(new JsonObject { ["path"] = path[prefix.Length..], ["mode"] = "100644", ["type"] = "blob", ["sha"] = sha, ["size"] = System.Text.Encoding.UTF8.GetByteCount(content), ["url"] = $"https://api.github.com/repos/{repository.FullName}/git/blobs/{sha}" });
        }
        var ownSha = TreeShaOf(folder);
        return new JsonObject
        {
            ["sha"] = ownSha,
            ["url"] = $"https://api.github.com/repos/{repository.FullName}/git/trees/{ownSha}",
            ["tree"] = entries,
            ["truncated"] = false,
        };
    }
}
