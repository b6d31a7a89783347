using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.State;

public sealed class Domain
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid ProjectId { get; init; }
    public Guid? EnvironmentId { get; set; }
    public string Status { get; set; } = DomainStatus.Pending;
    public string? Message { get; set; }
    public JsonObject Records { get; init; } = new();
    public Guid? DomainCertificateId { get; set; }
    public int FailedVerificationCount { get; set; }
    public DateTimeOffset? LastFailedVerifiedAt { get; set; }
    public DateTimeOffset? DeletingAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
