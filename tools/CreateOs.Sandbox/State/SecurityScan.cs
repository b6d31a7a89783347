using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

public sealed class SecurityScan
{
    public Guid Id { get; init; }
    public Guid DeploymentId { get; init; }
    public string Type { get; init; } = "vulnerability";
    public string Tool { get; init; } = "trivy";
    public string Status { get; set; } = ScanStatus.Pending;
    public JsonObject? ParsedReport { get; set; }
    public string? FailedReason { get; set; }
    public string? Executor { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    [JsonIgnore] public bool WillFail { get; set; }
}
