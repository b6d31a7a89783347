using System.Management.Automation;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Routes;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>The cronjob cmdlets against the sandbox: pipelines, the platform's state rules, local validation, merging updates.</summary>
[Collection(SandboxCollection.Name)]
public class CronjobTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public CronjobTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    /// <summary>A fresh image project ($project) with an environment ($environment).</summary>
    private PowerShellSession SessionWithEnvironment()
    {
        var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("$global:environment = $project | New-CreateOsEnvironment -Name production -Confirm:$false");
        Assert.Empty(ps.Errors);
        return ps;
    }

    private int CronjobPosts(string projectId) =>
        _fixture.Sandbox.State.Requests.Count(r => r.Method == "POST" && r.Path == $"/v1/projects/{projectId}/cronjobs");

    [Fact]
    public void Projects_pipe_into_Get_and_cronjobs_pipe_into_Suspend_and_Resume_and_suspending_twice_is_the_platforms_422()
    {
        using var ps = SessionWithEnvironment();
        var created = (Cronjob)ps.Invoke("$environment | New-CreateOsCronjob -Name health -Schedule '*/5 * * * *' -Path /health -Method GET -TimeoutSec 3 -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal("GET /health", created.Request);
        Assert.Equal(((ProjectEnvironment)ps.Invoke("$environment").Single().BaseObject).Id, created.EnvironmentId);

        var listed = ps.Invoke("Get-CreateOsProject -Id $project.Id | Get-CreateOsCronjob").Select(o => (Cronjob)o.BaseObject).ToList();
        Assert.Equal(created.Id, Assert.Single(listed).CronjobId);

        var suspended = (Cronjob)ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id -Name health | Suspend-CreateOsCronjob -PassThru -Confirm:$false").Single().BaseObject;
        Assert.True(suspended.IsSuspended);
        ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id | Suspend-CreateOsCronjob -Confirm:$false");
        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.CronjobInvalidState", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains(_fixture.Sandbox.State.Requests, r => r.Path.EndsWith($"/cronjobs/{created.Id}/suspend", StringComparison.Ordinal) && r.StatusCode == 422);

        ps.Errors.Clear();
        var resumed = (Cronjob)ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id -CronjobId $args[0] | Resume-CreateOsCronjob -PassThru -Confirm:$false", created.Id).Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal("active", resumed.Status);
        ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id | Resume-CreateOsCronjob -Confirm:$false");
        Assert.Equal("CreateOs.CronjobInvalidState", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void A_fifth_cronjob_and_a_taken_name_are_refused_before_any_request()
    {
        using var ps = SessionWithEnvironment();
        var projectId = (string)ps.Invoke("$project.Id").Single().BaseObject;
        ps.Invoke("1..4 | ForEach-Object { $environment | New-CreateOsCronjob -Name \"job$_\" -Schedule '@daily' -Path /tick -Confirm:$false } | Out-Null");
        Assert.Empty(ps.Errors);
        Assert.Equal(4, CronjobPosts(projectId));

        ps.Invoke("$environment | New-CreateOsCronjob -Name job5 -Schedule '@daily' -Path /tick -Confirm:$false");
        var quota = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.CronjobQuotaExceeded", quota.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.LimitsExceeded, quota.CategoryInfo.Category);
        Assert.Equal(4, CronjobPosts(projectId));

        ps.Errors.Clear();
        ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id -Name job4 | Remove-CreateOsCronjob -Confirm:$false");
        Assert.Empty(ps.Errors);
        for (var i = 0; i < 100 && ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id").Count > 3; i++) Thread.Sleep(50);
        ps.Invoke("$environment | New-CreateOsCronjob -Name JOB1 -Schedule '@daily' -Path /tick -Confirm:$false");
        Assert.Equal("CreateOs.CronjobAlreadyExists", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(4, CronjobPosts(projectId));
    }

    [Theory]
    [InlineData("-Name health -Schedule 'every minute' -Path /x", "Schedule")]
    [InlineData("-Name health -Schedule '61 * * * *' -Path /x", "Schedule")]
    [InlineData("-Name health -Schedule '* * * 13 *' -Path /x", "Schedule")]
    [InlineData("-Name health -Schedule '@sometimes' -Path /x", "Schedule")]
    [InlineData("-Name health -Schedule '@daily' -Path health", "Path")]
    [InlineData("-Name health -Schedule '@daily'", "Path")]
    [InlineData("-Name health -Schedule '@daily' -Path /x -TimeoutSec 6", "TimeoutSec")]
    [InlineData("-Name health -Schedule '@daily' -Path /x -Header @{ 'Bad Name' = 'v' }", "Header")]
    public void Invalid_fields_are_refused_locally_and_nothing_is_sent(string arguments, string field)
    {
        using var ps = SessionWithEnvironment();
        var before = _fixture.Sandbox.State.MutatingRequestCount;
        ps.Invoke($"$environment | New-CreateOsCronjob {arguments} -Confirm:$false");
        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.CronjobInvalidArgument", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(field, error.Exception.Message);
        Assert.Equal(before, _fixture.Sandbox.State.MutatingRequestCount);
    }

    [Fact]
    public void Set_changes_only_what_is_named_and_never_sends_the_fixed_type_or_environment()
    {
        using var ps = SessionWithEnvironment();
        var id = (string)ps.Invoke("($environment | New-CreateOsCronjob -Name health -Schedule '@daily' -Path /health -Method POST -Header @{ 'X-Probe' = 'yes' } -Body '{\"ping\":1}' -TimeoutSec 2 -Confirm:$false).Id").Single().BaseObject;

        var updated = (Cronjob)ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id -Name health | Set-CreateOsCronjob -Schedule '0 */2 * * MON-FRI' -PassThru -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal("0 */2 * * MON-FRI", updated.Schedule);
        Assert.Equal("POST /health", updated.Request);
        Assert.Equal("yes", updated.Settings!.Headers!["X-Probe"]);
        Assert.Equal("{\"ping\":1}", updated.Settings.Body);

        updated = (Cronjob)ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id -Name health | Set-CreateOsCronjob -NewName readiness -Path /ready -Header @{} -Body '' -PassThru -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal(("readiness", "POST /ready", 2), (updated.Name, updated.Request, updated.Settings!.TimeoutInSeconds!.Value));
        Assert.True(updated.Settings.Headers is null || updated.Settings.Headers.Count == 0);
        Assert.Null(updated.Settings.Body);
        var puts = _fixture.Sandbox.State.Requests.Where(r => r.Method == "PUT" && r.Path.EndsWith("/cronjobs/" + id, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, put => Assert.DoesNotContain("environmentId", put.Body));
        Assert.All(puts, put => Assert.DoesNotContain("\"type\"", put.Body));
    }

    [Fact]
    public void Activities_are_the_runs_of_the_piped_cronjob_newest_first()
    {
        using var ps = SessionWithEnvironment();
        var cronjob = (Cronjob)ps.Invoke("$environment | New-CreateOsCronjob -Name health -Schedule '@hourly' -Path /health -Confirm:$false").Single().BaseObject;
        CronjobsRoutes.RecordRun(_fixture.Sandbox.State, Guid.Parse(cronjob.Id), success: true, statusCode: 200, log: "ok");
        CronjobsRoutes.RecordRun(_fixture.Sandbox.State, Guid.Parse(cronjob.Id), success: false, statusCode: 503, log: "unavailable");

        var runs = ps.Invoke("Get-CreateOsCronjob -ProjectId $project.Id | Get-CreateOsCronjobActivity").Select(o => (CronjobActivity)o.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.Equal(new bool?[] { false, true }, runs.Select(r => r.Success));
        Assert.Equal(503, runs[0].StatusCode);
        Assert.All(runs, r => Assert.Equal((cronjob.ProjectId, cronjob.Id), (r.ProjectId, r.CronjobId)));
    }
}
