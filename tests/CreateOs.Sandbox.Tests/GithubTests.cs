using CreateOs.Sandbox.State;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class GithubTests
{
    private const string Accounts = "v1/app-installations/github/accounts";

    [Fact]
    public async Task SeededInstallationRepositoriesBranchesAndContent()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var account = (await sandbox.GetAsync(Accounts)).Data!.AsArray().Single()!;
        Assert.Equal(GithubCatalog.SeededInstallationId, (long)account["installationId"]!);
        Assert.Equal("sandbox-user", (string?)account["username"]);
        Assert.Equal(account.ToJsonString(), (await sandbox.GetAsync("v1/app-installations/github/installations")).Data![0]!.ToJsonString());

        var repos = (await sandbox.GetAsync($"{Accounts}/12345678/repositories")).Data!.AsArray();
        Assert.Contains(repos, r => (string?)r!["fullName"] == "sandbox-user/hello-static" && (string?)r["defaultBranch"] == "main");
        (await sandbox.GetAsync($"{Accounts}/999/repositories")).AssertFail(404);

        var branches = (await sandbox.GetAsync($"{Accounts}/12345678/repositories/branches?repository=sandbox-user/hello-static")).Data!.AsArray();
        Assert.Equal(3, branches.Count);
        Assert.Equal(40, ((string?)branches[0]!["commit"]!["sha"])!.Length);
        var paged = (await sandbox.GetAsync($"{Accounts}/12345678/repositories/branches?repository=sandbox-user/hello-static&page=2&per-page=2")).Data!.AsArray();
        Assert.Single(paged);
        var protectedOnly = (await sandbox.GetAsync($"{Accounts}/12345678/repositories/branches?repository=sandbox-user/hello-static&protected=true")).Data!.AsArray();
        Assert.Equal("main", (string?)protectedOnly.Single()!["name"]);
        (await sandbox.GetAsync($"{Accounts}/12345678/repositories/branches?repository=sandbox-user/nope")).AssertFail(404);
        (await sandbox.GetAsync($"{Accounts}/12345678/repositories/branches?repository=sandbox-user/hello-static&per-page=101")).AssertFail(400);

        var tree = (await sandbox.PostAsync($"{Accounts}/12345678/repositories/content", new { repository = "sandbox-user/hello-static", branch = "main" })).Data!;
        var entries = tree["tree"]!.AsArray();
        Assert.Contains(entries, e => (string?)e!["path"] == "index.html" && (string?)e["type"] == "blob");
        var folder = entries.First(e => (string?)e!["type"] == "tree")!;
        var sub = (await sandbox.PostAsync($"{Accounts}/12345678/repositories/content", new { repository = "sandbox-user/hello-static", branch = "main", treeSha = (string)folder["sha"]! })).Data!;
        Assert.NotEmpty(sub["tree"]!.AsArray());
    }

    [Fact]
    public async Task InstallAddsAnInstallationAndDuplicatesAre409()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        Assert.Equal("installation authorized successfully", (await sandbox.PostAsync("v1/app-installations/github", new { installationId = 555, code = "abc" })).MessageText);
        (await sandbox.PostAsync("v1/app-installations/github", new { installationId = 555, code = "abc" })).AssertFail(409);
        (await sandbox.PostAsync("v1/app-installations/github", new { installationId = 556 })).AssertFail(400, "code");
        Assert.Equal(2, (await sandbox.GetAsync(Accounts)).Data!.AsArray().Count);
        Assert.Single((await sandbox.GetAsync(Accounts, TestSandbox.OtherUserKey)).Data!.AsArray());
    }
}
