using System.Security;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>Typed results of analytics, API keys, GitHub and transfer cmdlets.</summary>
[Collection(SandboxCollection.Name)]
public class ResourceTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public ResourceTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    [Fact]
    public void Analytics_sends_the_range_as_unix_seconds_and_returns_typed_results()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("$global:env = $project | New-CreateOsEnvironment -Name production -Confirm:$false");
        var deployment = (Deployment)ps.Invoke("Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Wait -PollIntervalSeconds 0.05 -Confirm:$false").Single().BaseObject;
        var environmentId = (string)ps.Invoke("$env.Id").Single().BaseObject;
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var at = start.AddMinutes(10);
        foreach (var (path, status) in new[] { ("/", 200), ("/", 200), ("/a", 404), ("/b", 500), ("/", 301) })
            _fixture.Sandbox.State.RecordHit(Guid.Parse(projectId), Guid.Parse(environmentId), Guid.Parse(deployment.Id), "GET", path, status, at);
        ps.SetVariable("start", start.UtcDateTime);
        ps.SetVariable("end", start.AddMinutes(30).UtcDateTime);

        var overall = (OverallRequests)ps.Invoke("$env | Get-CreateOsAnalytics -Metric OverallRequests -Start $start -End $end").Single().BaseObject;
        Assert.Equal((5, 2, 1, 1), (overall.Total, overall.Success, overall.Client, overall.Server));
        var query = _fixture.Sandbox.State.Requests.Last(r => r.Path.EndsWith("/analytics/overall-requests")).QueryString;
        Assert.Contains($"start={start.ToUnixTimeSeconds()}", query);
        Assert.Contains($"end={start.AddMinutes(30).ToUnixTimeSeconds()}", query);

        var summary = (AnalyticsSummary)ps.Invoke("$env | Get-CreateOsAnalytics -Start $start -End $end").Single().BaseObject;
        Assert.Equal(60, summary.SuccessPercentage); // 2xx and 3xx: 3 of 5
        Assert.Equal("/", summary.TopHitPaths[0].Path);
        Assert.Equal(environmentId, summary.EnvironmentId);

        var distribution = ps.Invoke("$env | Get-CreateOsAnalytics -Metric StatusDistribution -Start $start -End $end").Select(o => (StatusCount)o.BaseObject).ToList();
        Assert.Equal(new[] { "200:2", "301:1", "404:1", "500:1" }, distribution.Select(d => $"{d.Status}:{d.Count}"));
        var errors = ps.Invoke("$env | Get-CreateOsAnalytics -Metric TopErrorPaths -Start $start -End $end").Select(o => (ErrorPathHits)o.BaseObject).ToList();
        Assert.Equal(2, errors.Count);
        var overTime = ps.Invoke("$env | Get-CreateOsAnalytics -Metric RequestsOverTime -Start $start -End $end").Select(o => (RequestsOverTimePoint)o.BaseObject).ToList();
        Assert.Equal(5, overTime.Sum(p => p.Count));
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void A_new_api_key_secret_is_a_SecureString_unless_AsPlainText_and_it_authenticates()
    {
        using var ps = _fixture.ConnectedSession();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var secure = (NewApiKey)ps.Invoke("New-CreateOsApiKey -Name $args[0] -ExpiresAt ([datetime]::UtcNow.AddDays(1)) -Confirm:$false", $"sec-{suffix}").Single().BaseObject;
        Assert.Null(secure.PlainTextSecret);
        Assert.True(secure.Secret.Length > 10);

        var plain = (NewApiKey)ps.Invoke("New-CreateOsApiKey -Name $args[0] -ExpiresAt ([datetime]::UtcNow.AddDays(1)) -AsPlainText -Confirm:$false", $"txt-{suffix}").Single().BaseObject;
        Assert.StartsWith("skp_", plain.PlainTextSecret);

        // The secret works as a key: a session connected with it sees the same user.
        ps.SetVariable("secret", secure.Secret);
        var user = ps.Invoke("$s = [CreateOs.Core.CreateOsSession]::new(); Connect-CreateOs -Session $s -ApiKey $secret -ApiUri $apiUri; Get-CreateOsUser -Session $s").Single();
        Assert.Equal("sandbox-user", user.Properties["Username"].Value);

        var listed = ps.Invoke("Get-CreateOsApiKey -Name $args[0]", $"sec-{suffix}").Select(o => (ApiKey)o.BaseObject).Single();
        Assert.True(listed.ExpiresAt > DateTimeOffset.UtcNow);
        ps.Invoke("Get-CreateOsApiKey -Name '*-" + suffix + "' | Revoke-CreateOsApiKey -Confirm:$false");
        Assert.Empty(ps.Invoke("Get-CreateOsApiKey -Name '*-" + suffix + "'"));
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void Transfer_makes_the_other_user_the_owner_and_is_never_sent_twice()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("$global:other = [CreateOs.Core.CreateOsSession]::new(); Connect-CreateOs -Session $other -ApiKey $otherKey -ApiUri $apiUri");
        _fixture.Sandbox.Faults.AddDropAfterActing($"GET /v1/projects/{projectId}/transfer", count: 1);

        ps.Invoke("$project | Get-CreateOsProjectTransferUri | Approve-CreateOsProjectTransfer -Session $other -Confirm:$false");

        // The answer was lost after the server acted: the module must report it, not send the mutating GET again.
        Assert.Single(ps.Errors);
        Assert.Single(_fixture.Sandbox.State.Requests, r => r.Method == "GET" && r.Path == $"/v1/projects/{projectId}/transfer");
        var history = ps.Invoke("Get-CreateOsProjectTransferHistory -ProjectId $project.Id -Session $other").Select(o => (ProjectTransfer)o.BaseObject).ToList();
        Assert.Equal(projectId, Assert.Single(history).ProjectId);
    }

    [Fact]
    public void GitHub_content_folders_pipe_back_in_with_full_paths()
    {
        using var ps = _fixture.ConnectedSession();
        var entries = ps.Invoke("Get-CreateOsGitHubAccount | Get-CreateOsGitHubRepository -Name node-api | Get-CreateOsGitHubContent -Branch main | Where-Object Type -eq tree | Get-CreateOsGitHubContent")
            .Select(o => (GitHubTreeEntry)o.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Contains('/', e.FullPath));
        Assert.All(entries, e => Assert.Equal("main", e.Branch));
    }
}
