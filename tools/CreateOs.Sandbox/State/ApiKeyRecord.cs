using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

/// <summary>An API key. Keys given on the command line ("bootstrap" keys) authenticate but are neither listed nor counted.</summary>
public sealed class ApiKeyRecord
{
    public Guid Id { get; init; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public Guid UserId { get; init; }
    public DateTimeOffset? ExpiredAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonIgnore] public string Secret { get; init; } = "";
    [JsonIgnore] public bool IsBootstrap { get; init; }

    public bool Authenticates(DateTimeOffset now) => RevokedAt is null && (ExpiredAt is null || ExpiredAt > now);
}
