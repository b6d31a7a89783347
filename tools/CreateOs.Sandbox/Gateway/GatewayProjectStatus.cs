using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Gateway;

/// <summary>How the gateway reports CreateOS projects and deployments (mpp-gateway.md §7).</summary>
public static class GatewayProjectStatus
{
    /// <summary>Project statuses that count as "active" for the credit cases (§4).</summary>
    public static readonly string[] Active = ["active", "building", "deploying", "pending", "queued", "promoting"];

    /// <summary>Raw deployment statuses the status endpoint reports as "deploying".</summary>
    public static readonly string[] InProgress = ["promoting", "building", "deploying", "pending", "queued", "queue"];

    /// <summary>The project's status as /agent/projects shows it, derived from its newest deployment. Caller holds the sandbox lock.</summary>
    public static string Describe(SandboxState sandbox, Project project)
    {
        if (project.Status != ProjectStatus.Active) return project.Status; // deleting, deleted
        var latest = sandbox.DeploymentList.LastOrDefault(d => d.ProjectId == project.Id);
        return latest?.Status switch
        {
            null or DeploymentStatus.Queue => "queued",
            DeploymentStatus.Building => "building",
            DeploymentStatus.Deploying => "deploying",
            DeploymentStatus.Deployed => "active",
            _ => "failed",
        };
    }

    /// <summary>The URL of the newest successful deployment, or null. Caller holds the sandbox lock.</summary>
    public static string? Url(SandboxState sandbox, Project project) =>
        sandbox.DeploymentList.LastOrDefault(d => d.ProjectId == project.Id && d.Extra.ContainsKey("endpoint"))?.Extra["endpoint"];

    /// <summary>"deployed" (CreateOS REST, which then carries extra.endpoint) or "active".</summary>
    public static bool IsReady(Deployment deployment) => deployment.Status is DeploymentStatus.Deployed or "active";
}
