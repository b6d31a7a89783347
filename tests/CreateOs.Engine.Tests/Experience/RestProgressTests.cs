using System.Management.Automation;
using System.Text.RegularExpressions;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>Progress of the REST cmdlets against the sandbox: packing and uploading (bytes), following a build, bulk changes (n of total).</summary>
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

    [Fact]
    public void Publish_from_a_folder_shows_packing_and_upload_progress_in_bytes()
    {
        using var ps = _fixture.ConnectedSession();
        var folder = Directory.CreateTempSubdirectory("createos-progress-").FullName;
        var projectId = (string)ps.Invoke("(New-CreateOsProject -Name $args[0] -DisplayName 'Progress Upload' -Type upload -Framework express -Port 3000 -Confirm:$false).Id", $"prog-{Guid.NewGuid():N}"[..20]).Single().BaseObject;
        Assert.Empty(ps.Errors);
        try
        {
            // Incompressible and above the files form's 4 MiB of base64: sent as a zip of about the same size.
            var data = new byte[3 * 1024 * 1024];
            new Random(7).NextBytes(data);
            File.WriteAllBytes(Path.Combine(folder, "data.bin"), data);
            File.WriteAllText(Path.Combine(folder, "index.js"), "console.log('hi')");

            ps.Invoke("Publish-CreateOsDeployment -ProjectId $args[0] -Path $args[1] -Confirm:$false", projectId, folder);

            Assert.Empty(ps.Errors);
            var name = Path.GetFileName(folder);
            var packing = AssertByteProgress(ps, $"Packing {name}");
            Assert.Equal((data.Length + 17) / 1024, packing.Last().Total);
            var uploading = AssertByteProgress(ps, $"Uploading {name}");
            Assert.True(uploading.Last().Total >= data.Length / 1024, $"the zip was {uploading.Last().Total} KiB");
            Assert.True(uploading.Count > 2, "a 3 MiB upload reports more than its start and end");
        }
        finally
        {
            ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", projectId);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Publish_completes_its_byte_progress_when_the_upload_fails()
    {
        using var ps = _fixture.ConnectedSession();
        var folder = Directory.CreateTempSubdirectory("createos-progress-").FullName;
        // An image project refuses uploaded files, after the whole body has been sent.
        var projectId = (string)ps.Invoke("(New-CreateOsProject -Name $args[0] -DisplayName 'Progress Refused' -Type image -Port 80 -Confirm:$false).Id", $"prog-{Guid.NewGuid():N}"[..20]).Single().BaseObject;
        Assert.Empty(ps.Errors);
        try
        {
            File.WriteAllText(Path.Combine(folder, "index.html"), new string('x', 600 * 1024));

            ps.Invoke("Publish-CreateOsDeployment -ProjectId $args[0] -Path $args[1] -Confirm:$false", projectId, folder);

            Assert.NotEmpty(ps.Errors);
            var name = Path.GetFileName(folder);
            Assert.Equal(600, AssertByteProgress(ps, $"Packing {name}").Last().Total);
            AssertByteProgress(ps, $"Uploading {name}");
        }
        finally
        {
            ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", projectId);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The activity's records: "x of y KiB" steps that never go back and reach the total, then one Completed record.
    /// Returns the steps as (done, total) in KiB.
    /// </summary>
    private static List<(long Done, long Total)> AssertByteProgress(PowerShellSession ps, string activity)
    {
        var records = ps.Host.Progress.Where(r => r.Activity == activity).ToList();
        Assert.True(records.Count >= 2, $"{activity}: {records.Count} progress records");
        Assert.Equal(ProgressRecordType.Completed, records.Last().RecordType);
        Assert.Single(records, r => r.RecordType == ProgressRecordType.Completed);
        var steps = records.SkipLast(1).Select(r =>
        {
            var match = Regex.Match(r.StatusDescription, @"^([\d,]+) of ([\d,]+) KiB$");
            Assert.True(match.Success, $"{activity}: '{r.StatusDescription}'");
            return (Done: long.Parse(match.Groups[1].Value.Replace(",", "")), Total: long.Parse(match.Groups[2].Value.Replace(",", "")));
        }).ToList();
        Assert.True(steps.Zip(steps.Skip(1)).All(p => p.Second.Done >= p.First.Done), $"{activity} went backwards");
        Assert.Equal(steps.Last().Total, steps.Last().Done);
        Assert.True(steps.Last().Total > 0);
        return steps;
    }
}
