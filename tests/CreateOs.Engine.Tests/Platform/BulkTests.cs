using System.Diagnostics;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>The bulk cmdlets: concurrency up to -ThrottleLimit, input order, 429 + Retry-After, one error per failed item.</summary>
[Collection(SandboxCollection.Name)]
public class BulkTests : IClassFixture<PlatformSandboxFixture>
{
    private const string VariablesRoute = "PUT /v1/projects/*/environments/*/environment-variables";
    private readonly PlatformSandboxFixture _fixture;

    public BulkTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    /// <summary>A project with <paramref name="count"/> environments env-00…, as $project and $envs.</summary>
    private List<ProjectEnvironment> Environments(PowerShellSession ps, int count)
    {
        PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("1..$args[0] | ForEach-Object { $null = $project | New-CreateOsEnvironment -Name ('env-{0:00}' -f $_) -Variables @{ KEEP = 'me' } -Confirm:$false }", count);
        var environments = ps.Invoke("$global:envs = $project | Get-CreateOsEnvironment -Name 'env-*'; $envs").Select(o => (ProjectEnvironment)o.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.Equal(count, environments.Count);
        return environments;
    }

    private Dictionary<string, string> VariablesOf(string environmentId)
    {
        var environment = _fixture.Sandbox.State.Environments.Single(e => e.Id.ToString() == environmentId);
        lock (_fixture.Sandbox.State.SyncRoot)
            return ((System.Text.Json.Nodes.JsonObject)environment.Settings["runEnvs"]!).ToDictionary(p => p.Key, p => (string)p.Value!);
    }

    [Fact]
    public void Requests_run_concurrently_and_results_come_in_input_order()
    {
        using var ps = _fixture.ConnectedSession();
        var environments = Environments(ps, 20);
        // The first environment answers slowest, so it finishes last, yet its result must be written first.
        var slowFirst = _fixture.Sandbox.Faults.AddLatency($"PUT /v1/projects/*/environments/{environments[0].Id}/environment-variables", 900);
        var latency = _fixture.Sandbox.Faults.AddLatency(VariablesRoute, 150);
        try
        {
            var clock = Stopwatch.StartNew();
            var written = ps.Invoke("$envs | Set-CreateOsEnvironmentVariable -Variables @{ RUN = 'parallel' } -ThrottleLimit 10 -PassThru -Confirm:$false")
                .Select(o => ((ProjectEnvironment)o.BaseObject).Id).ToList();
            var parallel = clock.Elapsed;
            Assert.Empty(ps.Errors);
            Assert.Equal(environments.Select(e => e.Id), written);

            clock.Restart();
            ps.Invoke("$envs | Set-CreateOsEnvironmentVariable -Variables @{ RUN = 'sequential' } -ThrottleLimit 1 -Confirm:$false");
            var sequential = clock.Elapsed;
            Assert.Empty(ps.Errors);

            // Sequentially: 900 + 19 × 150 ms = 3.75 s at least; 10 at a time: about 900 ms (the slow one overlaps the rest).
            Assert.True(sequential >= TimeSpan.FromMilliseconds(3700), $"sequential run took only {sequential}");
            Assert.True(parallel < sequential / 2.5, $"10 at a time took {parallel}, one at a time {sequential}");
            foreach (var environment in environments)
                Assert.Equal(new Dictionary<string, string> { ["KEEP"] = "me", ["RUN"] = "sequential" }, VariablesOf(environment.Id));
        }
        finally
        {
            _fixture.Sandbox.Faults.Remove(slowFirst.Id);
            _fixture.Sandbox.Faults.Remove(latency.Id);
        }
    }

    [Fact]
    public void Answers_429_with_Retry_After_are_retried_and_every_item_succeeds()
    {
        using var ps = _fixture.ConnectedSession();
        var environments = Environments(ps, 10);
        _fixture.Sandbox.State.ClearRequests();
        var throttled = _fixture.Sandbox.Faults.AddStatus(VariablesRoute, 429, count: 5, retryAfterSeconds: 1);
        try
        {
            ps.Invoke("$envs | Set-CreateOsEnvironmentVariable -Variables @{ AFTER = '429' } -ThrottleLimit 10 -Verbose -Confirm:$false");

            Assert.Empty(ps.Errors);
            var puts = _fixture.Sandbox.State.Requests.Where(r => r.Method == "PUT" && r.Path.EndsWith("/environment-variables")).ToList();
            Assert.Equal(5, puts.Count(r => r.StatusCode == 429));
            Assert.Equal(10, puts.Count(r => r.StatusCode == 200));
            Assert.Contains(ps.Verbose, v => v.Message.Contains("HTTP 429") && v.Message.Contains("retrying in 1 s"));
            foreach (var environment in environments) Assert.Equal("429", VariablesOf(environment.Id)["AFTER"]);
        }
        finally
        {
            _fixture.Sandbox.Faults.Remove(throttled.Id);
        }
    }

    [Fact]
    public void One_failing_item_gives_one_error_and_the_others_succeed()
    {
        using var ps = _fixture.ConnectedSession();
        var environments = Environments(ps, 8);
        var broken = environments[3];
        var failure = _fixture.Sandbox.Faults.AddStatus($"PUT /v1/projects/*/environments/{broken.Id}/environment-variables", 422);
        try
        {
            var written = ps.Invoke("$envs | Set-CreateOsEnvironmentVariable -Variables @{ X = '1' } -ThrottleLimit 4 -PassThru -Confirm:$false")
                .Select(o => ((ProjectEnvironment)o.BaseObject).Id).ToList();

            var error = Assert.Single(ps.Errors);
            Assert.Equal("CreateOs.EnvironmentVariableInvalidState", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(broken.Id, error.TargetObject);
            Assert.Equal(environments.Where(e => e.Id != broken.Id).Select(e => e.Id), written);
            foreach (var environment in environments)
                Assert.Equal(environment.Id == broken.Id ? null : "1", VariablesOf(environment.Id).GetValueOrDefault("X"));
        }
        finally
        {
            _fixture.Sandbox.Faults.Remove(failure.Id);
        }
    }

    [Fact]
    public void Pending_domains_are_refreshed_together_and_other_states_are_refused_without_a_request()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("1..5 | ForEach-Object { $null = New-CreateOsDomain -ProjectId $project.Id -Name \"d$_-$($project.Id.Substring(0, 8)).example.com\" -Confirm:$false }");
        Assert.Empty(ps.Errors);

        var refreshed = ps.Invoke("Get-CreateOsProject -Id $project.Id | Get-CreateOsDomain | Where-Object Status -eq pending | Update-CreateOsDomain -ThrottleLimit 5 -PassThru -Confirm:$false")
            .Select(o => (Domain)o.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.Equal(5, refreshed.Count);
        Assert.All(refreshed, d => Assert.NotEqual("pending", d.Status));
        Assert.All(refreshed, d => Assert.Contains(d.Records, r => r.Type == "TXT"));

        var before = _fixture.Sandbox.State.MutatingRequestCount;
        ps.Invoke("Get-CreateOsDomain -ProjectId $project.Id | Update-CreateOsDomain -Confirm:$false");
        Assert.Equal(5, ps.Errors.Count);
        Assert.All(ps.Errors, e => Assert.Equal("CreateOs.DomainInvalidState", e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(before, _fixture.Sandbox.State.MutatingRequestCount);
    }
}
