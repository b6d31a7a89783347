using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.State;

public sealed class ProjectEnvironment
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public string UniqueName { get; init; } = "";
    public string DisplayName { get; set; } = "";
    public string? Description { get; set; }
    public string? Branch { get; set; }
    public Guid? ProjectDeploymentId { get; set; }
    public bool IsAutoPromoteEnabled { get; set; }
    public string Status { get; set; } = EnvironmentStatus.Active;
    public JsonObject Settings { get; set; } = new() { ["runEnvs"] = new JsonObject() };
    public EnvironmentResources Resources { get; set; } = new();
    public EnvironmentExtra Extra { get; } = new();
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class EnvironmentResources
{
    public int Cpu { get; set; } = 200;
    public int Memory { get; set; } = 500;
    public int Replicas { get; set; } = 1;
}

public sealed class EnvironmentExtra
{
    public string Endpoint { get; set; } = "";
    public List<string> CustomDomains { get; set; } = new();
}
