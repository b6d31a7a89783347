using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.State;

/// <summary>Security scans: pending → in_progress → success | failed.</summary>
public sealed partial class SandboxState
{
    internal SecurityScan StartScan(Deployment deployment, bool willFail)
    {
        var now = Now;
        var scan = new SecurityScan
        {
            Id = Ids.NewId(),
            DeploymentId = deployment.Id,
            ExpiresAt = now.AddDays(30),
            CreatedAt = now,
            UpdatedAt = now,
            WillFail = willFail,
        };
        ScanList.Add(scan);
        ScheduleScanStep(scan);
        return scan;
    }

    internal void ScheduleScanStep(SecurityScan scan)
    {
        var expected = scan.Status;
        AfterStepDelay(() =>
        {
            if (scan.Status == expected) AdvanceScan(scan);
        });
    }

    /// <summary>Moves a scan one step along; false when it is finished.</summary>
    public bool AdvanceScan(Guid scanId)
    {
        lock (_sync)
        {
            var scan = ScanList.FirstOrDefault(s => s.Id == scanId);
            return scan is not null && AdvanceScan(scan);
        }
    }

    private bool AdvanceScan(SecurityScan scan)
    {
        scan.UpdatedAt = Now;
        switch (scan.Status)
        {
            case ScanStatus.Pending:
                scan.Status = ScanStatus.InProgress;
                scan.Executor = "sandbox-trivy";
                ScheduleScanStep(scan);
                return true;
            case ScanStatus.InProgress when scan.WillFail:
                scan.Status = ScanStatus.Failed;
                scan.FailedReason = $"scanner failed: {ScanFailMarker} is set";
                return true;
            case ScanStatus.InProgress:
                scan.Status = ScanStatus.Success;
                scan.ParsedReport = SampleReport();
                return true;
            default:
                return false;
        }
    }

    private static JsonObject SampleReport() => new()
    {
        ["summary"] = new JsonObject { ["critical"] = 0, ["high"] = 0, ["medium"] = 1, ["low"] = 2, ["unknown"] = 0 },
        ["vulnerabilities"] = new JsonArray(
            new JsonObject { ["id"] = "CVE-2024-0001", ["package"] = "sandbox-lib", ["installedVersion"] = "1.0.0", ["fixedVersion"] = "1.0.1", ["severity"] = "MEDIUM", ["title"] = "Synthetic sandbox finding" },
            new JsonObject { ["id"] = "CVE-2024-0002", ["package"] = "sandbox-util", ["installedVersion"] = "2.3.0", ["fixedVersion"] = null, ["severity"] = "LOW", ["title"] = "Synthetic sandbox finding" },
            new JsonObject { ["id"] = "CVE-2024-0003", ["package"] = "sandbox-util", ["installedVersion"] = "2.3.0", ["fixedVersion"] = "2.3.1", ["severity"] = "LOW", ["title"] = "Synthetic sandbox finding" }),
    };
}
