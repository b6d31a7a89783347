using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

public sealed class App
{
    public Guid Id { get; init; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Color { get; set; } = "#6366F1";
    public Guid UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Services are opaque ids to the sandbox (their schema is unknown).</summary>
    [JsonIgnore] public List<AppService> Services { get; } = new();
}

public sealed class AppService
{
    public Guid Id { get; init; }
    public Guid AppId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
