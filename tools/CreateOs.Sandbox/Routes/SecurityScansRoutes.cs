using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Security scans of a deployment (reference §8.7): pending → in_progress → success | failed.</summary>
public static class SecurityScansRoutes
{
    private const string S = "/projects/{projectId}/deployments/{deploymentId}/security-scans";

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post(S + "/trigger", (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (project, deployment) = Find(state, context, projectId, deploymentId);
                if (!project.EnabledSecurityScan) throw ApiException.BadRequest("security scan is not enabled for this project (enabledSecurityScan is false)");
                if (Latest(state, deployment) is { Status: ScanStatus.Pending or ScanStatus.InProgress })
                    throw ApiException.BadRequest("a security scan is already running for this deployment");
                state.StartScan(deployment, WillFail(project));
                return Api.Message("security scan report created and triggered");
            }
        });

        v1.Get(S, (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (_, deployment) = Find(state, context, projectId, deploymentId);
                return Api.Ok(Latest(state, deployment) ?? throw ApiException.NotFound("security scan not found"));
            }
        });

        v1.Get(S + "/download", (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (_, deployment) = Find(state, context, projectId, deploymentId);
                var scan = Latest(state, deployment);
                if (scan is not { Status: ScanStatus.Success }) throw ApiException.NotFound("no successful security scan report found");
                var token = state.Ids.NewHex(16);
                state.ScanDownloadTokens[token] = (scan.Id, state.Now.AddHours(1));
                return Api.Ok(new { downloadUri = new Uri(state.BaseUri, $"downloads/security-scans/{token}.json").ToString() });
            }
        });

        v1.Post(S + "/retrigger", (HttpContext context, string projectId, string deploymentId) =>
        {
            lock (state.SyncRoot)
            {
                var (project, deployment) = Find(state, context, projectId, deploymentId);
                var scan = Latest(state, deployment);
                if (scan is not { Status: ScanStatus.Failed }) throw ApiException.BadRequest("only failed security scans can be retriggered");
                scan.Status = ScanStatus.Pending;
                scan.FailedReason = null;
                scan.WillFail = WillFail(project);
                scan.UpdatedAt = state.Now;
                state.ScheduleScanStep(scan);
                return Api.Message("security scan report retriggered");
            }
        });
    }

    private static bool WillFail(Project project) =>
        project.Settings["runEnvs"] is System.Text.Json.Nodes.JsonObject runEnvs && runEnvs.ContainsKey(SandboxState.ScanFailMarker);

    private static SecurityScan? Latest(SandboxState state, Deployment deployment) =>
        state.ScanList.LastOrDefault(s => s.DeploymentId == deployment.Id && s.DeletedAt is null);

    private static (Project Project, Deployment Deployment) Find(SandboxState state, HttpContext context, string projectId, string deploymentId)
    {
        var project = state.OwnedProject(context.CurrentUser(), projectId);
        return (project, state.ProjectDeployment(project, deploymentId));
    }
}
