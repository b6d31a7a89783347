namespace CreateOs.Sandbox.State;

public sealed class ProjectTransfer
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public Guid FromUserId { get; init; }
    public Guid ToUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
