namespace CreateOs.Sandbox.State;

/// <summary>One request served by a deployed app; analytics and runtime logs are derived from these.</summary>
public sealed record Hit(DateTimeOffset Time, Guid ProjectId, Guid? EnvironmentId, Guid DeploymentId, string Method, string Path, int Status);
