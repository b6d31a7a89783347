using System.Management.Automation;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

[Collection(SandboxCollection.Name)]
public class DeploymentTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public DeploymentTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    [Fact]
    public void Wait_streams_the_build_log_as_verbose_and_returns_the_deployed_deployment()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);

        var result = ps.Invoke("Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1.27 -Wait -PollIntervalSeconds 0.05 -Verbose -Confirm:$false").Single();

        Assert.Empty(ps.Errors);
        var deployment = (Deployment)result.BaseObject;
        Assert.Equal("deployed", deployment.Status);
        Assert.StartsWith("http", deployment.Endpoint);
        var verbose = ps.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, m => m.Contains("Pulling image nginx:1.27"));
        Assert.Contains(verbose, m => m.Contains("Deployed at"));
        // Each line once, in order, although the log was polled many times.
        var logLines = verbose.Where(m => m.StartsWith('[')).ToList();
        Assert.Equal(logLines.Distinct().Count(), logLines.Count);
    }

    [Fact]
    public void Wait_on_a_failing_build_gives_a_clear_error_with_the_last_log_lines()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps, extra: "-RunEnvs @{ SANDBOX_BUILD_FAIL = '1' }");

        ps.Invoke("Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1.27 -Wait -PollIntervalSeconds 0.05 -Confirm:$false");

        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.DeploymentDeploymentFailed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("build_error", error.Exception.Message);
        Assert.Contains("SANDBOX_BUILD_FAIL marker found", error.Exception.Message);
    }

    [Fact]
    public void Cancel_from_a_wrong_state_is_refused_before_any_mutation()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("$global:d = Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Wait -PollIntervalSeconds 0.05 -Confirm:$false");
        Assert.Empty(ps.Errors);
        var mutatingBefore = _fixture.Sandbox.State.MutatingRequestCount;

        ps.Invoke("$d | Stop-CreateOsDeployment -Confirm:$false");

        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.DeploymentInvalidState", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("'deployed'", error.Exception.Message);
        Assert.Contains("queue or building", error.Exception.Message);
        Assert.NotNull(error.ErrorDetails.RecommendedAction);
        Assert.Equal(mutatingBefore, _fixture.Sandbox.State.MutatingRequestCount);

        ps.Errors.Clear();
        ps.Invoke("$d | Start-CreateOsDeployment -Confirm:$false");
        Assert.Equal("CreateOs.DeploymentInvalidState", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(mutatingBefore, _fixture.Sandbox.State.MutatingRequestCount);
    }

    [Fact]
    public void A_queued_deployment_is_cancelled()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);

        var cancelled = (Deployment)ps.Invoke("Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Confirm:$false | Stop-CreateOsDeployment -PassThru -Confirm:$false").Single().BaseObject;

        Assert.Empty(ps.Errors);
        Assert.Equal("cancelled", cancelled.Status);
    }

    [Fact]
    public void Rollback_pipeline_assigns_the_previous_deployed_deployment()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("$global:env = $project | New-CreateOsEnvironment -Name production -Confirm:$false");
        var ids = new List<string>();
        foreach (var tag in new[] { "1", "2", "3" })
            ids.Add(((Deployment)ps.Invoke("Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:$args -Wait -PollIntervalSeconds 0.05 -Confirm:$false", tag).Single().BaseObject).Id);
        Assert.Empty(ps.Errors);

        // Newest first: skip the current one, take the one before. Select-Object -Skip 1 -First 1 is not in the hosted
        // engine (Microsoft.PowerShell.Utility); indexing the filtered list is the same.
        ps.Invoke("@(Get-CreateOsDeployment -ProjectId $project.Id -First 5 | Where-Object Status -eq deployed)[1] | Set-CreateOsEnvironmentDeployment -EnvironmentId $env.Id -Confirm:$false");

        Assert.Empty(ps.Errors);
        var environment = _fixture.Sandbox.State.Environments.Single(e => e.Id.ToString() == (string)ps.Invoke("$env.Id").Single().BaseObject);
        Assert.Equal(ids[1], environment.ProjectDeploymentId.ToString());
    }

    [Fact]
    public void Build_log_follow_ends_with_the_build_and_runtime_log_is_split_into_lines()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);

        var lines = ps.Invoke("Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Confirm:$false | Get-CreateOsDeploymentLog -Follow -PollIntervalSeconds 0.05")
            .Select(o => (BuildLogLine)o.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.LineNumber));
        Assert.Contains(lines, l => l.Log.StartsWith("Deployed at"));

        var runtime = ps.Invoke("Get-CreateOsDeployment -ProjectId $project.Id -First 1 | Get-CreateOsDeploymentLog -Runtime -SinceSeconds 600").Select(o => (string)o.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.Contains(runtime, l => l.EndsWith("Container started"));
        Assert.Contains(runtime, l => l.EndsWith("Listening on port 80"));
    }

    [Fact]
    public void Save_downloads_the_uploaded_files()
    {
        using var ps = _fixture.ConnectedSession();
        var folder = Directory.CreateTempSubdirectory("createos-save-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "index.html"), "<h1>saved</h1>");
            File.WriteAllText(Path.Combine(folder, ".env"), "SECRET=1");
            ps.Invoke("$global:up = New-CreateOsProject -Name $args[0] -DisplayName 'Save Test' -Type upload -Framework express -Port 3000 -Confirm:$false", $"save-{Guid.NewGuid():N}"[..20]);
            var saved = ps.Invoke("Publish-CreateOsDeployment -ProjectId $up.Id -Path $args[0] -Wait -PollIntervalSeconds 0.05 -Verbose -Confirm:$false | Save-CreateOsDeployment -Path $args[0] -Confirm:$false", folder).Single();
            Assert.Empty(ps.Errors);
            Assert.Contains(ps.Verbose, v => v.Message.StartsWith("Excluded .env"));
            var zipPath = ((SavedFile)saved.BaseObject).Path;
            using var zip = System.IO.Compression.ZipFile.OpenRead(zipPath);
            Assert.Equal(new[] { "index.html" }, zip.Entries.Select(e => e.FullName).ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Runtime_log_follow_writes_only_new_lines_until_stopped()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = PlatformSandboxFixture.NewImageProject(ps);
        var deployment = (Deployment)ps.Invoke("Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Wait -PollIntervalSeconds 0.05 -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors);

        using var follow = PowerShell.Create();
        follow.Runspace = ps.Runspace;
        follow.AddScript("Get-CreateOsDeployment -ProjectId $project.Id -First 1 | Get-CreateOsDeploymentLog -Runtime -Follow -SinceSeconds 600 -PollIntervalSeconds 0.05");
        var output = new PSDataCollection<PSObject>();
        var running = follow.BeginInvoke<PSObject, PSObject>(null, output);
        List<string> Lines() => output.ReadAll().Select(o => (string)o.BaseObject).ToList();
        var seen = new List<string>();
        bool WaitFor(Func<List<string>, bool> condition)
        {
            for (var i = 0; i < 200; i++)
            {
                seen.AddRange(Lines());
                if (condition(seen)) return true;
                Thread.Sleep(25);
            }
            return false;
        }

        Assert.True(WaitFor(lines => lines.Any(l => l.EndsWith("Listening on port 80"))), "the existing lines were not written: " + string.Join(" | ", seen));
        _fixture.Sandbox.State.RecordHit(Guid.Parse(projectId), null, Guid.Parse(deployment.Id), "GET", "/followed", 200);
        Assert.True(WaitFor(lines => lines.Any(l => l.EndsWith("GET /followed 200"))), "the new line was not written: " + string.Join(" | ", seen));
        Thread.Sleep(300); // several more polls, which must not repeat anything
        follow.Stop();
        seen.AddRange(Lines());

        Assert.True(running.IsCompleted);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Single(seen, l => l.EndsWith("GET /followed 200"));
    }
}
