using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

public static class CronjobStatus
{
    public const string Pending = "pending", Building = "building", Active = "active", Suspending = "suspending",
        Suspended = "suspended", Deleting = "deleting", Deleted = "deleted";
}

public sealed class Cronjob
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public Guid EnvironmentId { get; set; }
    public string Name { get; set; } = "";
    public string Schedule { get; set; } = "";
    public string Type { get; set; } = "http";
    public JsonObject Settings { get; set; } = new();
    public string Status { get; set; } = CronjobStatus.Pending;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Runs recorded by the sandbox, newest last (the API returns the last 10).</summary>
    [JsonIgnore] public List<CronjobActivity> Activities { get; } = new();
}

public sealed class CronjobActivity
{
    public Guid Id { get; init; }
    public Guid CronjobId { get; init; }
    public string Status { get; init; } = "success";
    public int? StatusCode { get; init; }
    public string? Log { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
