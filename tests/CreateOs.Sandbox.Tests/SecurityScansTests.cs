using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class SecurityScansTests
{
    [Fact]
    public async Task ScanLifecycleDownloadAndRetrigger()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.StepDelay = Timeout.InfiniteTimeSpan);
        var disabled = await sandbox.CreateProjectAsync("noscan-app");
        var plainDeployment = await sandbox.UploadAsync(disabled, ("index.html", "x"));
        (await sandbox.PostAsync($"v1/projects/{disabled}/deployments/{plainDeployment}/security-scans/trigger")).AssertFail(400, "enabledSecurityScan");

        var projectId = await sandbox.CreateProjectAsync("scan-app", enabledSecurityScan: true);
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "x"));
        var scans = $"v1/projects/{projectId}/deployments/{deploymentId}/security-scans";
        (await sandbox.GetAsync(scans)).AssertFail(404);
        Assert.Equal("security scan report created and triggered", (await sandbox.PostAsync(scans + "/trigger")).MessageText);
        var scan = (await sandbox.GetAsync(scans)).Data!;
        Assert.Equal("pending", (string?)scan["status"]);
        Assert.Equal("trivy", (string?)scan["tool"]);
        (await sandbox.GetAsync(scans + "/download")).AssertFail(404);
        (await sandbox.PostAsync(scans + "/retrigger")).AssertFail(400, "failed");

        var scanId = Guid.Parse((string)scan["id"]!);
        Assert.True(sandbox.Host.State.AdvanceScan(scanId));
        Assert.Equal("in_progress", (string?)(await sandbox.GetAsync(scans)).Data!["status"]);
        Assert.True(sandbox.Host.State.AdvanceScan(scanId));
        var done = (await sandbox.GetAsync(scans)).Data!;
        Assert.Equal("success", (string?)done["status"]);
        Assert.NotNull(done["parsedReport"]);
        var download = await sandbox.GetAsync(scans + "/download");
        using var http = new HttpClient();
        Assert.Contains("vulnerabilities", await http.GetStringAsync((string)download.Data!["downloadUri"]!));
        (await sandbox.PostAsync(scans + "/retrigger")).AssertFail(400);
    }

    [Fact]
    public async Task FailedScanCanBeRetriggered()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("badscan-app", enabledSecurityScan: true,
            settings: new { framework = "nextjs", runEnvs = new Dictionary<string, string> { ["SANDBOX_SCAN_FAIL"] = "1" } });
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "x"));
        var scans = $"v1/projects/{projectId}/deployments/{deploymentId}/security-scans";
        await sandbox.PostAsync(scans + "/trigger");
        var failed = await sandbox.WaitForAsync(scans, s => (string?)s["status"] == "failed");
        Assert.NotNull((string?)failed["failedReason"]);
        Assert.Equal("security scan report retriggered", (await sandbox.PostAsync(scans + "/retrigger")).MessageText);
        Assert.Contains((string?)(await sandbox.GetAsync(scans)).Data!["status"], new[] { "pending", "in_progress", "failed" });
    }
}
