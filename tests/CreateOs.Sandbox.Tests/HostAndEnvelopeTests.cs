using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class HostAndEnvelopeTests
{
    [Fact]
    public async Task StartsOnAFreeLoopbackPortAndAnswersHealth()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        Assert.Equal("127.0.0.1", sandbox.Host.BaseUri.Host);
        Assert.NotEqual(0, sandbox.Host.BaseUri.Port);
        Assert.EndsWith("/", sandbox.Host.BaseUri.ToString());
        var health = await sandbox.GetAsync("health", key: null);
        health.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("ok", (string?)health.Json!["status"]);
        Assert.Equal(TestSandbox.UserKey, sandbox.Host.ApiKey);
    }

    [Fact]
    public async Task GeneratesAnApiKeyWhenNoneIsGiven()
    {
        await using var host = await SandboxHost.StartAsync(new SandboxOptions());
        Assert.StartsWith("skp_", host.ApiKey);
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        http.DefaultRequestHeaders.Add("X-Api-Key", host.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task RejectsNonLoopbackAddresses()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SandboxHost.StartAsync(new SandboxOptions { Urls = "http://0.0.0.0:0" }));
    }

    [Fact]
    public async Task OccupiedPortFailsToStart()
    {
        await using var first = await TestSandbox.StartAsync();
        await Assert.ThrowsAnyAsync<IOException>(() => SandboxHost.StartAsync(new SandboxOptions { Urls = first.Host.BaseUri.ToString().TrimEnd('/') }));
    }

    [Fact]
    public async Task MissingOrUnknownKeyIs401WithFailEnvelope()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.GetAsync("v1/projects", key: null)).AssertFail(401, "API key");
        (await sandbox.GetAsync("v1/projects", key: "skp_unknown")).AssertFail(401);
        Assert.Empty(sandbox.Host.State.Projects);
    }

    [Fact]
    public async Task HeaderNameIsCaseInsensitive()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/users/me");
        request.Headers.TryAddWithoutValidation("x-api-key", TestSandbox.UserKey);
        var response = await ApiResponse.ReadAsync(await sandbox.Http.SendAsync(request));
        response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("sandbox-user", (string?)response.Data!["username"]);
    }

    [Fact]
    public async Task SuccessEnvelopeAndCreateStatusCodes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var project = await sandbox.PostAsync("v1/projects", new { uniqueName = "env-codes", displayName = "Env codes", type = "image", source = new { }, settings = new { port = 80 } });
        project.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("success", project.EnvelopeStatus);
        Assert.True(Guid.TryParse(project.Id, out _));
        var deployment = await sandbox.PostAsync($"v1/projects/{project.Id}/deployments", new { image = "nginx:latest" });
        deployment.AssertStatus(HttpStatusCode.OK);
        (await sandbox.PostAsync("v1/apps", new { name = "my app" })).AssertStatus(HttpStatusCode.OK);
        var key = await sandbox.PostAsync("v1/api-keys", new { name = "ci-key", expiryAt = DateTime.UtcNow.AddDays(1).ToString("O") });
        key.AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync($"v1/projects/{project.Id}/domains", new { name = "codes.example.org" })).AssertStatus(HttpStatusCode.Created);
        var update = await sandbox.PutAsync($"v1/projects/{project.Id}", new { displayName = "Renamed" });
        Assert.Equal("project updated successfully", update.MessageText);
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethodHaveEnvelopes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.GetAsync("v1/logs/build")).AssertFail(404, "route not found");
        (await sandbox.PatchAsync("v1/projects", new { })).AssertFail(405);
    }

    [Fact]
    public async Task InvalidJsonIs400()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.PostAsync("v1/projects", "{not json")).AssertFail(400, "JSON");
    }

    [Fact]
    public async Task RecordsRequestsAndCountsMutatingCalls()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.GetAsync("v1/projects");
        await sandbox.PostAsync("v1/projects", new { uniqueName = "x" });
        await sandbox.GetAsync("health", key: null);
        var requests = sandbox.Host.State.Requests;
        Assert.Contains(requests, r => r.Method == "GET" && r.Path == "/v1/projects" && r.StatusCode == 200);
        Assert.Contains(requests, r => r.Method == "POST" && r.Path == "/v1/projects" && r.StatusCode == 400);
        Assert.Equal(1, sandbox.Host.State.MutatingRequestCount);
        Assert.Equal(sandbox.Host.State.DefaultUser.Id, requests.First(r => r.Path == "/v1/projects").UserId);
        var post = requests.Single(r => r.Method == "POST");
        Assert.Equal("{\"uniqueName\":\"x\"}", post.Body);
        Assert.StartsWith("application/json", post.ContentType);
        Assert.Equal(sandbox.Host.Requests.Count, requests.Count);
    }

    [Fact]
    public async Task RequestLogIsBounded()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxRecordedRequests = 3);
        for (var i = 0; i < 5; i++) await sandbox.GetAsync("health", key: null);
        Assert.Equal(3, sandbox.Host.Requests.Count);
    }

    [Fact]
    public async Task SameSeedGivesSameIds()
    {
        async Task<(string ProjectId, string UserId)> RunAsync()
        {
            await using var sandbox = await TestSandbox.StartAsync(o => o.Seed = 42);
            var projectId = await sandbox.CreateProjectAsync("seeded-app");
            return (projectId, (string)(await sandbox.GetAsync("v1/users/me")).Data!["id"]!);
        }
        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task UserMeAliasQuotasAndSupportedTypes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var me = await sandbox.GetAsync("v1/user/me");
        Assert.Equal("sandbox-user", (string?)me.Data!["username"]);
        var other = await sandbox.GetAsync("v1/users/me", TestSandbox.OtherUserKey);
        Assert.NotEqual((string?)me.Data["id"], (string?)other.Data!["id"]);

        await sandbox.CreateProjectAsync("quota-app");
        var quotas = (await sandbox.GetAsync("v1/quotas")).Data!;
        Assert.Equal(1, (int)quotas["projects"]!["current"]!);
        Assert.Equal(10, (int)quotas["projects"]!["max"]!);
        Assert.Equal(9, (int)quotas["projects"]!["remaining"]!);
        Assert.Equal(0, (int)quotas["apiKeys"]!["current"]!);

        var supported = (await sandbox.GetAsync("v1/projects/supported")).Data!.AsArray();
        Assert.Contains(supported, t => (string?)t!["type"] == "framework" && (string?)t["name"] == "nextjs");
        Assert.Contains(supported, t => (string?)t!["type"] == "runtime" && (string?)t["name"] == "node:20");
    }

    [Fact]
    public async Task ConfigureEndpointsAddsRouteGroups()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.ConfigureEndpoints = (app, state) =>
            app.MapGet("/agent/ping", () => Results.Json(new { users = state.Users.Count })));
        var response = await sandbox.GetAsync("agent/ping", key: null);
        Assert.Equal(2, (int)response.Json!["users"]!);
    }
}
