using System.Diagnostics;
using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class FaultsTests
{
    [Fact]
    public async Task LatencyDelaysMatchingRequestsOnly()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var rule = sandbox.Host.Faults.AddLatency("GET /v1/quotas", 300);
        var watch = Stopwatch.StartNew();
        (await sandbox.GetAsync("v1/quotas")).AssertStatus(HttpStatusCode.OK);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
        await sandbox.GetAsync("v1/users/me");
        Assert.Equal(1, rule.Applied);
    }

    [Fact]
    public async Task ForcedStatusForTheNextNRequestsWithRetryAfter()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.Faults.AddStatus("PUT /v1/projects/*/environments/*/environment-variables", 503, count: 2, retryAfterSeconds: 7);
        var projectId = await sandbox.CreateProjectAsync("flaky-app");
        var environmentId = (await sandbox.PostAsync($"v1/projects/{projectId}/environments", new
        {
            displayName = "Production", uniqueName = "prod", description = "production", settings = new { runEnvs = new { } },
            resources = new { cpu = 200, memory = 500, replicas = 1 },
        })).Id;
        var path = $"v1/projects/{projectId}/environments/{environmentId}/environment-variables";
        for (var i = 0; i < 2; i++)
        {
            var failed = await sandbox.PutAsync(path, new { runEnvs = new { A = "1" } });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal("error", failed.EnvelopeStatus);
            Assert.Equal(503, (int)failed.Json!["code"]!);
            Assert.NotNull((string?)failed.Json["message"]);
            Assert.Equal(TimeSpan.FromSeconds(7), failed.Message.Headers.RetryAfter?.Delta);
        }
        Assert.Empty(sandbox.Host.State.Environments.Single().Settings["runEnvs"]!.AsObject());
        (await sandbox.PutAsync(path, new { runEnvs = new { A = "1" } })).AssertStatus(HttpStatusCode.OK);
        Assert.Empty(sandbox.Host.Faults.Rules);
    }

    [Fact]
    public async Task QuotaStyle429UsesTheFailEnvelope()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var rule = sandbox.Host.Faults.AddStatus("POST /v1/projects", 429);
        for (var i = 0; i < 3; i++) (await sandbox.PostAsync("v1/projects", new { })).AssertFail(429);
        Assert.Equal(3, rule.Applied);
        Assert.Empty(sandbox.Host.State.Projects);
    }

    [Fact]
    public async Task DropAfterActingPerformsTheActionButTheClientSeesNoResponse()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.Faults.AddDropAfterActing("POST /v1/projects");
        await sandbox.GetAsync("v1/users/me"); // a pooled connection: the client must not silently resend on it
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sandbox.PostAsync("v1/projects", new
        {
            uniqueName = "ghost-app", displayName = "Ghost app", type = "upload", source = new { }, settings = new { framework = "nextjs" },
        }));
        Assert.Equal("ghost-app", sandbox.Host.State.Projects.Single().UniqueName);
        Assert.Single(sandbox.Host.Requests, r => r.Method == "POST");
        // The rule was for one request only: a retry now sees the conflict the first attempt caused.
        (await sandbox.PostAsync("v1/projects", new
        {
            uniqueName = "ghost-app", displayName = "Ghost app", type = "upload", source = new { }, settings = new { framework = "nextjs" },
        })).AssertFail(409);
    }

    [Fact]
    public async Task FaultsCanBeManagedOverHttp()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var added = await sandbox.PostAsync("sandbox/faults", new { method = "GET", path = "/v1/users/me", status = 500, count = 1 }, key: null);
        added.AssertStatus(HttpStatusCode.Created);
        var failed = await sandbox.GetAsync("v1/users/me");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("error", failed.EnvelopeStatus);
        (await sandbox.GetAsync("v1/users/me")).AssertStatus(HttpStatusCode.OK);

        await sandbox.PostAsync("sandbox/faults", new { path = "GET /v1/quotas", latencyMs = 10, status = 502 }, key: null);
        Assert.Single((await sandbox.GetAsync("sandbox/faults", key: null)).Data!["rules"]!.AsArray());
        (await sandbox.DeleteAsync("sandbox/faults", key: null)).AssertStatus(HttpStatusCode.OK);
        (await sandbox.GetAsync("v1/quotas")).AssertStatus(HttpStatusCode.OK);
        (await sandbox.PostAsync("sandbox/faults", new { status = 500 }, key: null)).AssertFail(400, "path");
        Assert.NotEmpty((await sandbox.GetAsync("sandbox/requests", key: null)).Data!.AsArray());
    }

    [Fact]
    public async Task ErrorsAsHttp200Toggle()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Host.Faults.ErrorsAsHttp200 = true;
        var response = await sandbox.GetAsync($"v1/projects/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fail", response.EnvelopeStatus);
        Assert.Equal("project not found", response.MessageText);
        sandbox.Host.Faults.Clear();
        (await sandbox.GetAsync($"v1/projects/{Guid.NewGuid()}")).AssertFail(404);

        await sandbox.PostAsync("sandbox/faults", new { errorsAsHttp200 = true }, key: null);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync("v1/projects", key: "skp_nobody")).StatusCode);
    }

    [Fact]
    public void PatternsMatchSegments()
    {
        var rule = new Faults.FaultRule { Method = "PUT", PathPattern = "/v1/projects/*/environments/*/environment-variables" };
        Assert.True(rule.Matches("put", "/v1/projects/a/environments/b/environment-variables"));
        Assert.False(rule.Matches("PUT", "/v1/projects/a/environments/b"));
        Assert.False(rule.Matches("GET", "/v1/projects/a/environments/b/environment-variables"));
        var prefix = new Faults.FaultRule { PathPattern = "/v1/projects/**" };
        Assert.True(prefix.Matches("DELETE", "/v1/projects/x/deployments/y"));
        Assert.False(prefix.Matches("GET", "/v1/apps"));
    }
}
