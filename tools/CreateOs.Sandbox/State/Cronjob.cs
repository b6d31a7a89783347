using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

public static class CronjobStatus
{
    public const string Pending = "pending", Building = "building", Active = "active", Suspending = "suspending",
        Suspended = "suspended", Deleting = "deleting", Deleted = "deleted";
}

/// <summary>A scheduled job of a project environment; the shape of the createos CLI client's Cronjob.</summary>
public sealed class Cronjob
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    /// <summary>Fixed at creation (UpdateCronjob takes only name, schedule and settings).</summary>
    public Guid EnvironmentId { get; init; }
    public string Name { get; set; } = "";
    public string Schedule { get; set; } = "";
    /// <summary>http or artifact; fixed at creation.</summary>
    public string Type { get; init; } = "http";
    public JsonObject? Settings { get; set; }
    public string Status { get; set; } = CronjobStatus.Pending;
    public DateTimeOffset? SuspendedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Runs recorded by the sandbox, newest last (the API returns the last 10).</summary>
    [JsonIgnore] public List<CronjobActivity> Activities { get; } = new();
}

/// <summary>One run of a cronjob; the shape of the createos CLI client's CronjobActivity.</summary>
public sealed class CronjobActivity
{
    public Guid Id { get; init; }
    [JsonPropertyName("cronJobId")] public Guid CronjobId { get; init; }
    public bool? Success { get; init; }
    public int? StatusCode { get; init; }
    public string? Log { get; init; }
    public DateTimeOffset ScheduledAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
