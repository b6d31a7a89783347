using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Project environments (reference §8.3).</summary>
public static class EnvironmentsRoutes
{
    private const string P = "/projects/{projectId}";
    private const string E = P + "/environments/{environmentId}";

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post(P + "/environments", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var displayName = body.RequiredString("displayName");
            Validate.DisplayName("displayName", displayName);
            var uniqueName = body.RequiredString("uniqueName");
            Validate.UniqueName("uniqueName", uniqueName);
            var description = body.RequiredString("description");
            Validate.Description("description", description);
            var settings = body.RequiredObject("settings");
            foreach (var (key, _) in settings)
                if (key is not "runEnvs")
                    throw ApiException.BadRequest(key == "port"
                        ? "settings.port is not allowed when creating an environment; set it with PUT .../environment-variables (image projects only)"
                        : $"settings.{key} is not allowed for environments");
            ProjectSettingsRules.StringMap(settings, "runEnvs");
            var resources = ReadResources(Body.FromJson(body.RequiredObject("resources"), "resources."));
            var branch = body.OptionalString("branch");
            if (branch is not null) Validate.Length("branch", branch, 1, 255);
            var autoPromote = body.OptionalBool("isAutoPromoteEnabled") ?? false;

            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                SandboxState.RequireActive(project);
                if (project.Type == ProjectType.Vcs && branch is null) throw ApiException.BadRequest("branch is required for vcs projects");
                if (project.Type == ProjectType.Image && branch is not null) throw ApiException.BadRequest("branch must be omitted for image projects");
                var siblings = state.EnvironmentList.Where(e => e.ProjectId == project.Id).ToList();
                if (siblings.Any(e => e.UniqueName.Equals(uniqueName, StringComparison.OrdinalIgnoreCase)))
                    throw ApiException.Conflict($"environment with uniqueName '{uniqueName}' already exists");
                if (siblings.Count >= state.Options.MaxEnvironmentsPerProject)
                    throw ApiException.QuotaReached($"maximum number of environments reached ({state.Options.MaxEnvironmentsPerProject})");
                var now = state.Now;
                var environment = new ProjectEnvironment
                {
                    Id = state.Ids.NewId(),
                    ProjectId = project.Id,
                    UniqueName = uniqueName,
                    DisplayName = displayName,
                    Description = description,
                    Branch = branch,
                    IsAutoPromoteEnabled = autoPromote,
                    Settings = NormalizedSettings(settings),
                    Resources = resources,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                environment.Extra.Endpoint = state.EnvironmentEndpoint(project, environment).ToString();
                state.EnvironmentList.Add(environment);
                return Api.CreatedId(environment.Id, 201);
            }
        });

        v1.Get(P + "/environments", (HttpContext context, string projectId) =>
        {
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                return Api.Ok(state.EnvironmentList.Where(e => e.ProjectId == project.Id).Select(state.Describe).ToList());
            }
        });

        v1.Post(P + "/environments/available-unique-name", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var uniqueName = body.RequiredString("uniqueName");
            Validate.UniqueName("uniqueName", uniqueName);
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                var taken = state.EnvironmentList.Any(e => e.ProjectId == project.Id && e.UniqueName.Equals(uniqueName, StringComparison.OrdinalIgnoreCase));
                return Api.Ok(new { isAvailable = !taken });
            }
        });

        v1.Put(E, async (HttpContext context, string projectId, string environmentId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var displayName = body.RequiredString("displayName");
            Validate.DisplayName("displayName", displayName);
            var description = body.RequiredString("description");
            Validate.Description("description", description);
            Validate.Pattern("description", description);
            var branch = body.OptionalString("branch");
            if (branch is not null) Validate.Length("branch", branch, 1, 255);
            var autoPromote = body.OptionalBool("isAutoPromoteEnabled");
            lock (state.SyncRoot)
            {
                var (project, environment) = Find(state, context, projectId, environmentId);
                RequireNotDeleting(environment);
                if (project.Type == ProjectType.Image && branch is not null) throw ApiException.BadRequest("branch must be omitted for image projects");
                environment.DisplayName = displayName;
                environment.Description = description;
                if (branch is not null) environment.Branch = branch;
                if (autoPromote is not null) environment.IsAutoPromoteEnabled = autoPromote.Value;
                environment.UpdatedAt = state.Now;
                return Api.Message("project environment updated successfully");
            }
        });

        v1.Put(E + "/environment-variables", async (HttpContext context, string projectId, string environmentId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            body.RequiredObject("runEnvs");
            ProjectSettingsRules.StringMap(body.Json, "runEnvs", "runEnvs");
            var port = body.OptionalLong("port");
            if (port is not null) Validate.Range("port", port.Value, 1, 65535);
            lock (state.SyncRoot)
            {
                var (project, environment) = Find(state, context, projectId, environmentId);
                RequireNotDeleting(environment);
                if (port is not null && project.Type != ProjectType.Image) throw ApiException.BadRequest("port is only allowed for image projects");
                var settings = new JsonObject { ["runEnvs"] = body.Json["runEnvs"]!.DeepClone() };
                if (port is not null) settings["port"] = port;
                else if (environment.Settings["port"] is { } previousPort) settings["port"] = previousPort.DeepClone();
                environment.Settings = settings;
                environment.UpdatedAt = state.Now;
                return Api.Message("project environment settings updated successfully");
            }
        });

        v1.Put(E + "/resources", async (HttpContext context, string projectId, string environmentId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var resources = ReadResources(body);
            lock (state.SyncRoot)
            {
                var (_, environment) = Find(state, context, projectId, environmentId);
                RequireNotDeleting(environment);
                environment.Resources = resources;
                environment.UpdatedAt = state.Now;
                return Api.Message("project environment resources updated successfully");
            }
        });

        v1.Post(E + "/assign-deployment", async (HttpContext context, string projectId, string environmentId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var deploymentId = body.RequiredString("deploymentId");
            lock (state.SyncRoot)
            {
                var (project, environment) = Find(state, context, projectId, environmentId);
                RequireNotDeleting(environment);
                var deployment = state.ProjectDeployment(project, deploymentId);
                if (!DeploymentStatus.Assignable.Contains(deployment.Status))
                    throw ApiException.WrongState($"deployment in status {deployment.Status} cannot be assigned to an environment");
                environment.ProjectDeploymentId = deployment.Id;
                environment.UpdatedAt = state.Now;
                return Api.Message("deployment assigned to project environment successfully");
            }
        });

        v1.Delete(E, (HttpContext context, string projectId, string environmentId) =>
        {
            lock (state.SyncRoot)
            {
                var (_, environment) = Find(state, context, projectId, environmentId);
                RequireNotDeleting(environment);
                state.EnvironmentList.Remove(environment);
                foreach (var domain in state.DomainList.Where(d => d.EnvironmentId == environment.Id)) domain.EnvironmentId = null;
                return Api.Message("project environment deleted successfully");
            }
        });

        v1.Get(E + "/logs", (HttpContext context, string projectId, string environmentId) =>
        {
            var sinceSeconds = DeploymentsRoutes.SinceSeconds(context.Request);
            lock (state.SyncRoot)
            {
                var (_, environment) = Find(state, context, projectId, environmentId);
                var deployment = state.DeploymentList.FirstOrDefault(d => d.Id == environment.ProjectDeploymentId)
                    ?? throw ApiException.WrongState("no deployment is assigned to this environment");
                return Api.Ok(DeploymentsRoutes.RuntimeLog(state, deployment, sinceSeconds));
            }
        });
    }

    internal static (Project Project, ProjectEnvironment Environment) Find(SandboxState state, HttpContext context, string projectId, string environmentId)
    {
        var project = state.OwnedProject(context.CurrentUser(), projectId);
        return (project, state.ProjectEnvironment(project, environmentId));
    }

    private static void RequireNotDeleting(ProjectEnvironment environment)
    {
        if (environment.Status == EnvironmentStatus.Deleting) throw ApiException.WrongState("environment is being deleted");
    }

    private static JsonObject NormalizedSettings(JsonObject settings) => new() { ["runEnvs"] = settings["runEnvs"]?.DeepClone() ?? new JsonObject() };

    private static EnvironmentResources ReadResources(Body body)
    {
        var cpu = body.RequiredLong("cpu");
        var memory = body.RequiredLong("memory");
        var replicas = body.RequiredLong("replicas");
        Validate.Range(FieldName(body, "cpu"), cpu, 200, 500);
        Validate.Range(FieldName(body, "memory"), memory, 500, 1024);
        Validate.Range(FieldName(body, "replicas"), replicas, 1, 3);
        return new EnvironmentResources { Cpu = (int)cpu, Memory = (int)memory, Replicas = (int)replicas };
    }

    private static string FieldName(Body body, string name) => body.Prefix + name;
}
