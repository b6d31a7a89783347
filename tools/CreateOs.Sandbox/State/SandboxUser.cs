namespace CreateOs.Sandbox.State;

public sealed class SandboxUser
{
    public Guid Id { get; init; }
    public string DisplayName { get; set; } = "";
    public string Username { get; set; } = "";
    public string Email { get; set; } = "";
    public string? ProfileImagePath { get; set; }
    public DateTimeOffset? SuspendedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
