using System.Net;
using CreateOs.Sandbox.Routes;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class CronjobsTests
{
    [Fact]
    public async Task CronjobLifecycle()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("cron-app");
        var environmentId = (await sandbox.PostAsync($"v1/projects/{projectId}/environments", new
        {
            displayName = "Production", uniqueName = "prod", description = "production", settings = new { runEnvs = new { } },
            resources = new { cpu = 200, memory = 500, replicas = 1 },
        })).Id;
        object Job(string name, string schedule = "0 * * * *", int timeout = 3) => new
        {
            name, schedule, type = "http", environmentId, settings = new { path = "/tick", method = "post", timeoutInSeconds = timeout },
        };
        var jobs = $"v1/projects/{projectId}/cronjobs";
        (await sandbox.PostAsync(jobs, Job("bad", schedule: "every minute"))).AssertFail(400, "schedule");
        (await sandbox.PostAsync(jobs, Job("bad", timeout: 9))).AssertFail(400, "timeoutInSeconds");
        var created = await sandbox.PostAsync(jobs, Job("tick"));
        created.AssertStatus(HttpStatusCode.OK);
        var job = await sandbox.WaitForAsync($"{jobs}/{created.Id}", j => (string?)j["status"] == "active");
        Assert.Equal("POST", (string?)job["settings"]!["method"]);
        for (var i = 2; i <= 4; i++) await sandbox.PostAsync(jobs, Job("tick" + i));
        (await sandbox.PostAsync(jobs, Job("tick5"))).AssertFail(429);
        Assert.Equal(4, (await sandbox.GetAsync(jobs)).Data!.AsArray().Count);

        (await sandbox.PostAsync($"{jobs}/{created.Id}/unsuspend")).AssertFail(422);
        (await sandbox.PostAsync($"{jobs}/{created.Id}/suspend")).AssertStatus(HttpStatusCode.OK);
        (await sandbox.PostAsync($"{jobs}/{created.Id}/suspend")).AssertFail(422);
        (await sandbox.PostAsync($"{jobs}/{created.Id}/unsuspend")).AssertStatus(HttpStatusCode.OK);
        // UpdateCronjob takes name, schedule and settings; type and environment are fixed at creation.
        (await sandbox.PutAsync($"{jobs}/{created.Id}", Job("renamed", schedule: "@daily"))).AssertFail(400, "fixed at creation");
        (await sandbox.PutAsync($"{jobs}/{created.Id}", new { name = "tick2", schedule = "@daily" })).AssertFail(409);
        (await sandbox.PutAsync($"{jobs}/{created.Id}", new { name = "renamed", schedule = new string('*', 257) })).AssertFail(400, "schedule");
        (await sandbox.PutAsync($"{jobs}/{created.Id}", new { name = "renamed", schedule = "@daily" })).AssertStatus(HttpStatusCode.OK);
        var renamed = (await sandbox.GetAsync($"{jobs}/{created.Id}")).Data!;
        Assert.Equal("/tick", (string?)renamed["settings"]!["path"]); // settings left out: kept
        (await sandbox.PutAsync($"{jobs}/{created.Id}", new { name = "renamed", schedule = "*/5 * * * *", settings = new { path = "/health", method = "get", extra = 1 } })).AssertFail(400, "settings.extra");
        (await sandbox.PutAsync($"{jobs}/{created.Id}", new { name = "renamed", schedule = "*/5 * * * *", settings = new { path = "/health", method = "get" } })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("GET", (string?)(await sandbox.GetAsync($"{jobs}/{created.Id}")).Data!["settings"]!["method"]);

        Assert.Empty((await sandbox.GetAsync($"{jobs}/{created.Id}/activities")).Data!.AsArray());
        CronjobsRoutes.RecordRun(sandbox.Host.State, Guid.Parse(created.Id), success: false, statusCode: 500);
        var run = (await sandbox.GetAsync($"{jobs}/{created.Id}/activities")).Data!.AsArray().Single()!;
        Assert.False((bool)run["success"]!);
        Assert.Equal(created.Id, (string?)run["cronJobId"]);

        (await sandbox.DeleteAsync($"{jobs}/{created.Id}")).AssertStatus(HttpStatusCode.OK);
        await sandbox.WaitForAsync(jobs, list => list.AsArray().Count == 3);
    }

    [Fact]
    public async Task A_run_recorded_over_http_is_the_newest_activity_and_an_unknown_cronjob_is_404()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("cron-runs");
        var environmentId = (await sandbox.PostAsync($"v1/projects/{projectId}/environments", new
        {
            displayName = "Production", uniqueName = "prod", description = "production", settings = new { runEnvs = new { } },
            resources = new { cpu = 200, memory = 500, replicas = 1 },
        })).Id;
        var jobs = $"v1/projects/{projectId}/cronjobs";
        var created = await sandbox.PostAsync(jobs, new { name = "ping", schedule = "@hourly", type = "http", environmentId, settings = new { path = "/", method = "GET" } });

        (await sandbox.PostAsync($"sandbox/cronjobs/{created.Id}/runs", new { statusCode = 200, log = "ok" }, key: null)).AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync($"sandbox/cronjobs/{created.Id}/runs", new { statusCode = 502, log = "upstream unavailable" }, key: null)).AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync($"sandbox/cronjobs/{created.Id}/runs", new { statusCode = 42 }, key: null)).AssertFail(400, "statusCode");
        (await sandbox.PostAsync($"sandbox/cronjobs/{Guid.NewGuid()}/runs", new { }, key: null)).AssertFail(404);

        var runs = (await sandbox.GetAsync($"{jobs}/{created.Id}/activities")).Data!.AsArray();
        Assert.Equal(2, runs.Count);
        Assert.Equal(502, (int)runs[0]!["statusCode"]!);
        Assert.False((bool)runs[0]!["success"]!);   // success follows the status code unless given
        Assert.True((bool)runs[1]!["success"]!);
    }

    [Fact]
    public async Task SuspendedUserIs403()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        lock (sandbox.Host.State.SyncRoot) sandbox.Host.State.DefaultUser.SuspendedAt = DateTimeOffset.UtcNow;
        (await sandbox.GetAsync("v1/users/me")).AssertFail(403, "suspended");
        (await sandbox.GetAsync("v1/users/me", TestSandbox.OtherUserKey)).AssertStatus(HttpStatusCode.OK);
    }
}
