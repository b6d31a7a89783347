using System.Management.Automation;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>Progress of the REST cmdlets against the sandbox: following a build, bulk changes (n of total).</summary>
[Collection(SandboxCollection.Name)]
public class RestProgressTests
{
    private readonly SandboxFixture _fixture;

    public RestProgressTests(SandboxFixture fixture) => _fixture = fixture;

    [Fact]
    public void Publish_with_Wait_and_bulk_variable_changes_complete_their_progress()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = (string)ps.Invoke("(New-CreateOsProject -Name progress-image -DisplayName 'Progress Image' -Type image -Port 80 -Confirm:$false).Id").Single().BaseObject;
        Assert.Empty(ps.Errors);
        try
        {
            ps.SetVariable("projectId", projectId);
            var deployed = ps.Invoke("Publish-CreateOsDeployment -ProjectId $projectId -Image nginx:1.27 -Wait -TimeoutMinutes 2 -PollIntervalSeconds 0.05 -Confirm:$false");
            Assert.Empty(ps.Errors);
            Assert.Single(deployed);
            var deploying = ps.Host.Progress.Where(r => r.Activity.StartsWith("Deploying ", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(deploying);
            Assert.Equal(ProgressRecordType.Completed, deploying.Last().RecordType);

            foreach (var name in new[] { "bulk-one", "bulk-two", "bulk-three" })
                ps.Invoke("New-CreateOsEnvironment -ProjectId $projectId -Name $args[0] -Confirm:$false | Out-Null", name);
            Assert.Empty(ps.Errors);
            ps.Invoke("Get-CreateOsEnvironment -ProjectId $projectId -Name 'bulk-*' | Set-CreateOsEnvironmentVariable -Variables @{ LOG_LEVEL = 'info' } -ThrottleLimit 2 -Confirm:$false");
            Assert.Empty(ps.Errors);
            var bulk = ps.Host.Progress.Where(r => r.Activity == "Setting environment variables").ToList();
            Assert.NotEmpty(bulk);
            Assert.Contains(bulk, r => r.StatusDescription == "3 of 3");
            Assert.Equal(ProgressRecordType.Completed, bulk.Last().RecordType);
        }
        finally
        {
            ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", projectId);
        }
    }
}
