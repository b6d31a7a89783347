using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class EnvironmentsTests
{
    private static object Environment(string uniqueName = "staging", object? runEnvs = null, object? resources = null, string? branch = null) => new
    {
        displayName = "Staging env",
        uniqueName,
        description = "the staging environment",
        settings = new { runEnvs = runEnvs ?? new { A = "1", B = "2" } },
        resources = resources ?? new { cpu = 250, memory = 512, replicas = 2 },
        branch,
    };

    [Fact]
    public async Task CreateListAndValidate()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxEnvironmentsPerProject = 2);
        var projectId = await sandbox.CreateProjectAsync("env-app");
        var created = await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment());
        created.AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment())).AssertFail(409);
        (await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment("mem-env", resources: new { cpu = 200, memory = 2048, replicas = 1 }))).AssertFail(400, "resources.memory");
        (await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment("rep-env", resources: new { cpu = 200, memory = 512, replicas = 4 }))).AssertFail(400, "resources.replicas");
        (await sandbox.PostAsync($"v1/projects/{projectId}/environments", new { displayName = "No desc", uniqueName = "nodesc" })).AssertFail(400, "description");
        // CreateProjectEnvironment takes settings.runEnvs only; the port goes through the environment-variables route.
        (await sandbox.PostAsync($"v1/projects/{projectId}/environments", new
        {
            displayName = "With port", uniqueName = "withport", description = "has a port", settings = new { runEnvs = new { }, port = 8080 },
            resources = new { cpu = 200, memory = 512, replicas = 1 },
        })).AssertFail(400, "settings.port");
        (await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment("second"))).AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment("third"))).AssertFail(429);
        Assert.False((bool)(await sandbox.PostAsync($"v1/projects/{projectId}/environments/available-unique-name", new { uniqueName = "second" })).Data!["isAvailable"]!);

        var list = (await sandbox.GetAsync($"v1/projects/{projectId}/environments")).Data!.AsArray();
        var staging = list.Single(e => (string?)e!["uniqueName"] == "staging")!;
        Assert.Equal("active", (string?)staging["status"]);
        Assert.Equal(250, (int)staging["resources"]!["cpu"]!);
        Assert.Equal(new Uri(sandbox.Host.BaseUri, "apps/env-app.staging/").ToString(), (string?)staging["extra"]!["endpoint"]);

        var vcs = await sandbox.CreateProjectAsync("vcs-env-app", type: "vcs");
        (await sandbox.PostAsync($"v1/projects/{vcs}/environments", Environment())).AssertFail(400, "branch");
        (await sandbox.PostAsync($"v1/projects/{vcs}/environments", Environment(branch: "main"))).AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task EnvironmentVariablesAreReplacedWhole()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("vars-app");
        var environmentId = (await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment())).Id;
        var update = await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}/environment-variables", new { runEnvs = new { C = "3" } });
        Assert.Equal("project environment settings updated successfully", update.MessageText);
        var environment = (await sandbox.GetAsync($"v1/projects/{projectId}/environments")).Data![0]!;
        var runEnvs = environment["settings"]!["runEnvs"]!.AsObject();
        Assert.Equal(["C"], runEnvs.Select(p => p.Key));
        (await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}/environment-variables", new { runEnvs = new { C = "3" }, port = 8080 })).AssertFail(400, "port");
        (await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}/environment-variables", new { })).AssertFail(400, "runEnvs");
        (await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}/environment-variables", new { runEnvs = new { C = 3 } })).AssertFail(400, "runEnvs.C");

        (await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}/resources", new { cpu = 500, memory = 1024, replicas = 3 })).AssertStatus(HttpStatusCode.OK);
        (await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}/resources", new { cpu = 501, memory = 1024, replicas = 3 })).AssertFail(400, "cpu");
        (await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}", new { displayName = "Renamed env", description = "new description" })).AssertStatus(HttpStatusCode.OK);
        (await sandbox.PutAsync($"v1/projects/{projectId}/environments/{environmentId}", new { displayName = "Renamed env", description = "bad: description!" })).AssertFail(400, "description");
    }

    [Fact]
    public async Task AssignDeploymentLogsAndAnalytics()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.StepDelay = Timeout.InfiniteTimeSpan);
        var projectId = await sandbox.CreateProjectAsync("stats-app");
        var environmentId = (await sandbox.PostAsync($"v1/projects/{projectId}/environments", Environment())).Id;
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "home"), ("about.html", "about"));
        var assign = $"v1/projects/{projectId}/environments/{environmentId}/assign-deployment";
        (await sandbox.PostAsync(assign, new { deploymentId })).AssertFail(422, "queue");
        (await sandbox.GetAsync($"v1/projects/{projectId}/environments/{environmentId}/logs")).AssertFail(422);
        var zero = (await sandbox.GetAsync($"v1/projects/{projectId}/environments/{environmentId}/analytics/overall-requests")).Data!;
        Assert.Equal(0, (int)zero["total"]!);

        while (sandbox.Host.State.AdvanceDeployment(Guid.Parse(deploymentId))) { }
        Assert.Equal("deployment assigned to project environment successfully", (await sandbox.PostAsync(assign, new { deploymentId })).MessageText);
        (await sandbox.PostAsync(assign, new { deploymentId = Guid.NewGuid() })).AssertFail(404);

        using var http = new HttpClient { BaseAddress = new Uri(sandbox.Host.BaseUri, "apps/stats-app.staging/") };
        for (var i = 0; i < 3; i++) await http.GetAsync("");
        await http.GetAsync("about.html");
        await http.GetAsync("missing");
        await http.GetAsync("missing");

        var prefix = $"v1/projects/{projectId}/environments/{environmentId}/analytics";
        var overall = (await sandbox.GetAsync(prefix + "/overall-requests")).Data!;
        Assert.Equal(6, (int)overall["total"]!);
        Assert.Equal(4, (int)overall["success"]!);
        Assert.Equal(2, (int)overall["client"]!);
        Assert.Equal(0, (int)overall["server"]!);
        Assert.Equal(66.67, (double)(await sandbox.GetAsync(prefix + "/success-percentage")).Data!["successPercentage"]!);
        var top = (await sandbox.GetAsync(prefix + "/top-hit-paths")).Data!.AsArray();
        Assert.Equal("/", (string?)top[0]!["path"]);
        Assert.Equal(3, (int)top[0]!["count"]!);
        var errors = (await sandbox.GetAsync(prefix + "/top-error-paths")).Data!.AsArray();
        Assert.Equal("/missing", (string?)errors.Single()!["path"]);
        Assert.Equal(404, (int)errors.Single()!["status"]!);
        var distribution = (await sandbox.GetAsync(prefix + "/request-distribution")).Data!.AsArray();
        Assert.Equal(["200", "404"], distribution.Select(d => (string)d!["status"]!));
        var rpm = (await sandbox.GetAsync(prefix + "/rpm")).Data!;
        Assert.True((int)rpm["peak"]! >= 1);
        var overTime = (await sandbox.GetAsync(prefix + "/requests-over-time")).Data!.AsArray();
        Assert.Equal(60, overTime.Count);
        Assert.Equal(6, overTime.Sum(b => (int)b!["count"]!));
        var all = (await sandbox.GetAsync(prefix)).Data!;
        Assert.Equal(6, (int)all["overallRequests"]!["total"]!);
        var end = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        Assert.Equal(0, (int)(await sandbox.GetAsync($"{prefix}/overall-requests?start={end - 3600}&end={end}")).Data!["total"]!);
        (await sandbox.GetAsync($"{prefix}/rpm?start=10&end=5")).AssertFail(400, "start");

        var logs = await sandbox.GetAsync($"v1/projects/{projectId}/environments/{environmentId}/logs?since-seconds=300");
        Assert.Contains("GET /missing 404", logs.MessageText);

        (await sandbox.DeleteAsync($"v1/projects/{projectId}/environments/{environmentId}")).AssertStatus(HttpStatusCode.OK);
        Assert.Empty(sandbox.Host.State.Environments);
    }
}
