using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class ProjectsTests
{
    private static object Project(string uniqueName = "valid-app", string displayName = "Valid App", string type = "upload", object? settings = null, string? description = null) =>
        new { uniqueName, displayName, type, source = new { }, settings = settings ?? new { framework = "nextjs", port = 3000 }, description };

    [Theory]
    [InlineData("abc", "uniqueName")]
    [InlineData("has space", "uniqueName")]
    [InlineData("under_score", "uniqueName")]
    [InlineData("this-name-is-way-too-long-for-the-limit", "uniqueName")]
    public async Task UniqueNameIsValidated(string uniqueName, string field)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.PostAsync("v1/projects", Project(uniqueName: uniqueName))).AssertFail(400, field);
        Assert.Empty(sandbox.Host.State.Projects);
        Assert.Equal(1, sandbox.Host.State.MutatingRequestCount);
    }

    [Fact]
    public async Task FieldRulesNameTheField()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.PostAsync("v1/projects", Project(displayName: "Bad!"))).AssertFail(400, "displayName");
        (await sandbox.PostAsync("v1/projects", Project(displayName: "abc"))).AssertFail(400, "displayName");
        (await sandbox.PostAsync("v1/projects", Project(displayName: "Under_score ok"))).AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync("v1/projects", Project(uniqueName: "desc-app", description: "abc"))).AssertFail(400, "description");
        (await sandbox.PostAsync("v1/projects", Project(uniqueName: "type-app", type: "lambda"))).AssertFail(400, "type");
        (await sandbox.PostAsync("v1/projects", new { uniqueName = "no-settings", displayName = "No settings", type = "upload" })).AssertFail(400, "settings");
    }

    [Fact]
    public async Task SettingsRulesFollowTheProjectType()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.PostAsync("v1/projects", Project(type: "image", settings: new { runEnvs = new { A = "1" } }))).AssertFail(400, "settings.port");
        (await sandbox.PostAsync("v1/projects", Project(type: "image", settings: new { port = 80, runtime = "node:20" }))).AssertFail(400, "settings.runtime");
        (await sandbox.PostAsync("v1/projects", Project(type: "image", settings: new { port = 70000 }))).AssertFail(400, "settings.port");
        (await sandbox.PostAsync("v1/projects", Project(settings: new { runtime = "node:20" }))).AssertFail(400, "settings.framework");
        (await sandbox.PostAsync("v1/projects", Project(settings: new { framework = "rails" }))).AssertFail(400, "settings.framework");
        (await sandbox.PostAsync("v1/projects", Project(settings: new { framework = "nextjs", buildCommand = new string('x', 256) }))).AssertFail(400, "settings.buildCommand");
        (await sandbox.PostAsync("v1/projects", Project(uniqueName: "ai-app", settings: new { runtime = "build-ai", useBuildAI = true }))).AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync("v1/projects", Project(uniqueName: "docker-app", settings: new { hasDockerfile = true }))).AssertStatus(HttpStatusCode.Created);
        var vcsWithoutRuntime = new { uniqueName = "vcs-app", displayName = "Vcs app", type = "vcs", source = new { vcsName = "github", vcsInstallationId = "12345678", vcsRepoId = (await sandbox.FirstRepoIdAsync()).ToString() }, settings = new { port = 3000 } };
        (await sandbox.PostAsync("v1/projects", vcsWithoutRuntime)).AssertFail(400, "settings.runtime");
        var vcsUnknownRepo = new { uniqueName = "vcs-app", displayName = "Vcs app", type = "vcs", source = new { vcsName = "github", vcsInstallationId = "12345678", vcsRepoId = "1" }, settings = new { runtime = "node:20" } };
        (await sandbox.PostAsync("v1/projects", vcsUnknownRepo)).AssertFail(404, "repository");
    }

    [Fact]
    public async Task DuplicateUniqueNameIs409PerUser()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.CreateProjectAsync("dup-app");
        (await sandbox.PostAsync("v1/projects", Project(uniqueName: "dup-app"))).AssertFail(409, "already exists");
        var available = await sandbox.PostAsync("v1/projects/available-unique-name", new { uniqueName = "dup-app" });
        Assert.False((bool)available.Data!["isAvailable"]!);
        Assert.True((bool)(await sandbox.PostAsync("v1/projects/available-unique-name", new { uniqueName = "free-app" })).Data!["isAvailable"]!);
        (await sandbox.PostAsync("v1/projects/available-unique-name", new { uniqueName = "x" })).AssertFail(400, "uniqueName");
        await sandbox.CreateProjectAsync("dup-app", key: TestSandbox.OtherUserKey);
    }

    [Fact]
    public async Task ProjectQuotaIs429()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxProjects = 2);
        await sandbox.CreateProjectAsync("quota-one");
        await sandbox.CreateProjectAsync("quota-two");
        (await sandbox.PostAsync("v1/projects", Project(uniqueName: "quota-three"))).AssertFail(429, "maximum");
        Assert.Equal(0, (int)(await sandbox.GetAsync("v1/quotas")).Data!["projects"]!["remaining"]!);
    }

    [Fact]
    public async Task ListIsPaginatedAndValidatesLimit()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxProjects = 20);
        for (var i = 0; i < 12; i++) await sandbox.CreateProjectAsync($"page-app-{i:00}");
        var first = await sandbox.GetAsync("v1/projects");
        Assert.Equal(10, first.Data!["data"]!.AsArray().Count);
        Assert.Equal(12, (int)first.Data["pagination"]!["total"]!);
        Assert.Equal(10, (int)first.Data["pagination"]!["limit"]!);
        Assert.Equal(0, (int)first.Data["pagination"]!["offset"]!);
        Assert.Equal(10, (int)first.Data["pagination"]!["count"]!);
        var second = await sandbox.GetAsync("v1/projects?limit=5&offset=10");
        Assert.Equal(2, (int)second.Data!["pagination"]!["count"]!);
        (await sandbox.GetAsync("v1/projects?limit=0")).AssertFail(400, "limit");
        (await sandbox.GetAsync("v1/projects?limit=21")).AssertFail(400, "limit");
        (await sandbox.GetAsync("v1/projects?offset=-1")).AssertFail(400, "offset");
        (await sandbox.GetAsync("v1/projects?status=zombie")).AssertFail(400, "status");
        var filtered = await sandbox.GetAsync("v1/projects?name=app-0&type=upload&app=null");
        Assert.Equal(10, (int)filtered.Data!["pagination"]!["total"]!);
        Assert.Equal(0, (int)(await sandbox.GetAsync("v1/projects", TestSandbox.OtherUserKey)).Data!["pagination"]!["total"]!);
    }

    [Fact]
    public async Task AnotherUsersProjectIs403AndUnknownIs404()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("owned-app");
        (await sandbox.GetAsync($"v1/projects/{projectId}", TestSandbox.OtherUserKey)).AssertFail(403);
        (await sandbox.DeleteAsync($"v1/projects/{projectId}", TestSandbox.OtherUserKey)).AssertFail(403);
        (await sandbox.GetAsync($"v1/projects/{projectId}/deployments", TestSandbox.OtherUserKey)).AssertFail(403);
        (await sandbox.GetAsync($"v1/projects/{Guid.NewGuid()}")).AssertFail(404, "project not found");
        (await sandbox.GetAsync("v1/projects/not-a-uuid")).AssertFail(404);
        Assert.Equal("active", sandbox.Host.State.Projects.Single().Status);
    }

    [Fact]
    public async Task UpdateSettingsAndDelete()
    {
        // Slow enough that "deleting" is observable even on a loaded machine.
        await using var sandbox = await TestSandbox.StartAsync(o => o.StepDelay = TimeSpan.FromSeconds(1));
        var projectId = await sandbox.CreateProjectAsync("life-app");
        (await sandbox.PutAsync($"v1/projects/{projectId}", new { displayName = "New Name", description = "a description", enabledSecurityScan = true })).AssertStatus(HttpStatusCode.OK);
        (await sandbox.PutAsync($"v1/projects/{projectId}/settings", new { framework = "astro", buildDir = "dist" }))
            .AssertStatus(HttpStatusCode.OK);
        (await sandbox.PutAsync($"v1/projects/{projectId}/settings", new { framework = "astro", port = 0 })).AssertFail(400, "settings.port");
        var project = (await sandbox.GetAsync($"v1/projects/{projectId}")).Data!;
        Assert.Equal("New Name", (string?)project["displayName"]);
        Assert.True((bool)project["enabledSecurityScan"]!);
        Assert.Equal("dist", (string?)project["settings"]!["buildDir"]);
        Assert.Equal(sandbox.Host.State.DefaultUser.Id.ToString(), (string?)project["userId"]);

        Assert.Equal("project is being deleted", (await sandbox.DeleteAsync($"v1/projects/{projectId}")).MessageText);
        Assert.Equal("deleting", (string?)(await sandbox.GetAsync($"v1/projects/{projectId}")).Data!["status"]);
        (await sandbox.PutAsync($"v1/projects/{projectId}/settings", new { framework = "astro" })).AssertFail(400, "not active");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await sandbox.GetAsync($"v1/projects/{projectId}")).StatusCode != HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        (await sandbox.GetAsync($"v1/projects/{projectId}")).AssertFail(404);
        Assert.Equal(0, (int)(await sandbox.GetAsync("v1/projects")).Data!["pagination"]!["total"]!);
        Assert.Equal(1, (int)(await sandbox.GetAsync("v1/projects?status=deleted")).Data!["pagination"]!["total"]!);
    }
}
