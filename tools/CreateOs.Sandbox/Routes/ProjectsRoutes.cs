using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Projects (reference §8.1).</summary>
public static class ProjectsRoutes
{
    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post("/projects", async (HttpContext context) =>
        {
            var user = context.CurrentUser();
            var body = await Body.ReadAsync(context.Request);
            var uniqueName = body.RequiredString("uniqueName");
            Validate.UniqueName("uniqueName", uniqueName);
            var displayName = body.RequiredString("displayName");
            Validate.DisplayName("displayName", displayName);
            var description = body.OptionalString("description");
            if (description is not null) Validate.Description("description", description);
            var type = body.RequiredString("type");
            if (type == "githubImport") type = ProjectType.Vcs;
            if (!ProjectType.All.Contains(type)) throw ApiException.BadRequest("type must be one of vcs, image, upload");
            var settings = ProjectSettingsRules.Validate(type, body.RequiredObject("settings"));
            var appId = body.OptionalGuid("appId");
            var enabledSecurityScan = body.OptionalBool("enabledSecurityScan") ?? false;
            var source = ReadSource(body, type);

            lock (state.SyncRoot)
            {
                if (type == ProjectType.Vcs) RequireRepository(state, user, source);
                if (appId is not null) state.OwnedApp(user, appId.Value.ToString());
                if (state.ProjectList.Any(p => p.UserId == user.Id && p.Status != ProjectStatus.Deleted && p.UniqueName.Equals(uniqueName, StringComparison.OrdinalIgnoreCase)))
                    throw ApiException.Conflict($"project with uniqueName '{uniqueName}' already exists");
                if (state.ProjectCount(user.Id) >= state.Options.MaxProjects)
                    throw ApiException.QuotaReached($"maximum number of projects reached ({state.Options.MaxProjects})");
                var now = state.Now;
                var project = new Project
                {
                    Id = state.Ids.NewId(),
                    UniqueName = uniqueName,
                    DisplayName = displayName,
                    Description = description,
                    Type = type,
                    Source = source,
                    Settings = settings,
                    UserId = user.Id,
                    AppId = appId,
                    EnabledSecurityScan = enabledSecurityScan,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                state.ProjectList.Add(project);
                return Api.CreatedId(project.Id, 201);
            }
        });

        v1.Get("/projects", (HttpContext context) =>
        {
            var user = context.CurrentUser();
            var request = context.Request;
            var page = Page.FromQuery(request);
            var status = Query.OptionalString(request, "status");
            if (status is not null && !ProjectStatus.All.Contains(status)) throw ApiException.BadRequest("status must be one of active, deleting, deleted");
            var type = Query.OptionalString(request, "type");
            if (type is not null && !ProjectType.All.Contains(type)) throw ApiException.BadRequest("type must be one of vcs, image, upload");
            var name = Query.OptionalString(request, "name");
            if (name is { Length: > 100 }) throw ApiException.BadRequest("name must be at most 100 characters");
            var app = Query.OptionalString(request, "app");
            Guid? appId = null;
            if (app is not null && app != "null")
                appId = Guid.TryParse(app, out var parsed) ? parsed : throw ApiException.BadRequest("app must be a UUID or null");

            lock (state.SyncRoot)
            {
                var projects = state.ProjectList
                    .Where(p => p.UserId == user.Id)
                    .Where(p => status is null ? p.Status != ProjectStatus.Deleted : p.Status == status)
                    .Where(p => type is null || p.Type == type)
                    .Where(p => name is null || p.UniqueName.Contains(name, StringComparison.OrdinalIgnoreCase) || p.DisplayName.Contains(name, StringComparison.OrdinalIgnoreCase))
                    .Where(p => app is null || p.AppId == appId)
                    .Reverse()
                    .ToList();
                return Api.Paged(projects, page);
            }
        });

        v1.Post("/projects/available-unique-name", async (HttpContext context) =>
        {
            var user = context.CurrentUser();
            var body = await Body.ReadAsync(context.Request);
            var uniqueName = body.RequiredString("uniqueName");
            Validate.UniqueName("uniqueName", uniqueName);
            lock (state.SyncRoot)
            {
                var taken = state.ProjectList.Any(p => p.UserId == user.Id && p.Status != ProjectStatus.Deleted && p.UniqueName.Equals(uniqueName, StringComparison.OrdinalIgnoreCase));
                return Api.Ok(new { isAvailable = !taken });
            }
        });

        v1.Get("/projects/{projectId}", (HttpContext context, string projectId) =>
        {
            lock (state.SyncRoot) return Api.Ok(state.OwnedProject(context.CurrentUser(), projectId));
        });

        v1.Put("/projects/{projectId}", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var displayName = body.RequiredString("displayName");
            Validate.DisplayName("displayName", displayName);
            var description = body.OptionalString("description");
            if (description is not null) Validate.Description("description", description);
            var enabledSecurityScan = body.OptionalBool("enabledSecurityScan");
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                project.DisplayName = displayName;
                if (description is not null || body.IsNull("description")) project.Description = description;
                if (enabledSecurityScan is not null) project.EnabledSecurityScan = enabledSecurityScan.Value;
                project.UpdatedAt = state.Now;
                return Api.Message("project updated successfully");
            }
        });

        v1.Put("/projects/{projectId}/settings", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                if (project.Status != ProjectStatus.Active) throw ApiException.BadRequest("project is not active");
                project.Settings = ProjectSettingsRules.Validate(project.Type, body.Json);
                project.UpdatedAt = state.Now;
                return Api.Message("project settings updated successfully");
            }
        });

        v1.Delete("/projects/{projectId}", (HttpContext context, string projectId) =>
        {
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                if (project.Status == ProjectStatus.Active)
                {
                    project.Status = ProjectStatus.Deleting;
                    project.UpdatedAt = state.Now;
                    state.ScheduleProjectDeletion(project);
                }
                return Api.Message("project is being deleted");
            }
        });
    }

    private static JsonObject ReadSource(Body body, string type)
    {
        var source = body.OptionalObject("source") ?? new JsonObject();
        if (type != ProjectType.Vcs)
        {
            if (source.Count > 0) throw ApiException.BadRequest($"source must be empty for {type} projects");
            return new JsonObject();
        }
        var sourceBody = Body.FromJson(source, "source.");
        var vcsName = sourceBody.OptionalString("vcsName") ?? "github";
        if (vcsName != "github") throw ApiException.BadRequest("source.vcsName must be github");
        var installationId = sourceBody.OptionalIdString("vcsInstallationId") ?? throw ApiException.BadRequest("source.vcsInstallationId is required for vcs projects");
        var repoId = sourceBody.OptionalIdString("vcsRepoId") ?? throw ApiException.BadRequest("source.vcsRepoId is required for vcs projects");
        return new JsonObject { ["vcsName"] = vcsName, ["vcsInstallationId"] = installationId, ["vcsRepoId"] = repoId };
    }

    internal static GithubRepository RequireRepository(SandboxState state, SandboxUser user, JsonObject source)
    {
        var installationId = (string?)source["vcsInstallationId"];
        var repoId = (string?)source["vcsRepoId"];
        var installation = state.InstallationList.FirstOrDefault(i => i.UserId == user.Id && i.InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture) == installationId)
            ?? throw ApiException.NotFound("github installation not found");
        return installation.Repositories.FirstOrDefault(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == repoId)
            ?? throw ApiException.NotFound("github repository not found");
    }
}
