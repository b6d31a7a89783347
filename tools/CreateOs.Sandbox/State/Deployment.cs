using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

public sealed class Deployment
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public string Status { get; set; } = DeploymentStatus.Queue;
    public int VersionNumber { get; init; }
    public JsonObject Source { get; init; } = new();
    public JsonObject Settings { get; init; } = new();
    public Dictionary<string, string> Extra { get; } = new();
    public string? ArtifactImage { get; set; }
    public string? CancelReason { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Files the endpoint serves: uploads, the emulated repository tree, or a placeholder page for images.</summary>
    [JsonIgnore] public Dictionary<string, byte[]> Files { get; init; } = new(StringComparer.Ordinal);
    [JsonIgnore] public List<BuildLogLine> BuildLogs { get; } = new();
    [JsonIgnore] public List<(DateTimeOffset Time, string Line)> RuntimeLogs { get; } = new();
    [JsonIgnore] public string? BuildFailureReason { get; init; }
    [JsonIgnore] public string? RolloutFailureReason { get; init; }
    /// <summary>How the deployment was made: "upload", "image", "vcs".</summary>
    [JsonIgnore] public string Kind { get; init; } = "upload";
}

public sealed class BuildLogLine
{
    public string Log { get; init; } = "";
    public string Stage { get; init; } = "";
    public int LineNumber { get; init; }
    public DateTimeOffset Ts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid DeploymentId { get; init; }
}
