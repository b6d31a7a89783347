using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.State;

public sealed class Project
{
    public Guid Id { get; init; }
    public string UniqueName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Description { get; set; }
    public string Status { get; set; } = ProjectStatus.Active;
    public string Type { get; init; } = ProjectType.Upload;
    public JsonObject Source { get; set; } = new();
    public JsonObject Settings { get; set; } = new();
    public Guid UserId { get; set; }
    public Guid? AppId { get; set; }
    public bool EnabledSecurityScan { get; set; }
    public DateTimeOffset? ExpireAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
