using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Apps: groups of projects and services (reference §8.8). Another user's app is simply not found (404).</summary>
public static class AppsRoutes
{
    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post("/apps", async (HttpContext context) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var name = body.RequiredString("name");
            Validate.Length("name", name, 2, 255);
            var (description, color) = ReadOptionalFields(body);
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                if (state.AppList.Count(a => a.UserId == user.Id) >= state.Options.MaxApps)
                    throw ApiException.QuotaReached($"maximum number of apps reached ({state.Options.MaxApps})");
                var now = state.Now;
                var app = new App { Id = state.Ids.NewId(), Name = name, Description = description, UserId = user.Id, CreatedAt = now, UpdatedAt = now };
                if (color is not null) app.Color = color;
                state.AppList.Add(app);
                return Api.CreatedId(app.Id, 200);
            }
        });

        v1.Get("/apps", (HttpContext context) =>
        {
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                return Api.Ok(state.AppList.Where(a => a.UserId == user.Id).ToList());
            }
        });

        v1.Patch("/apps/{appId}", async (HttpContext context, string appId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var name = body.RequiredString("name");
            Validate.Length("name", name, 1, 255);
            var (description, color) = ReadOptionalFields(body);
            lock (state.SyncRoot)
            {
                var app = state.OwnedApp(context.CurrentUser(), appId);
                app.Name = name;
                if (description is not null || body.IsNull("description")) app.Description = description;
                if (color is not null) app.Color = color;
                app.UpdatedAt = state.Now;
                return Api.Message("app updated successfully");
            }
        });

        v1.Delete("/apps/{appId}", (HttpContext context, string appId) =>
        {
            lock (state.SyncRoot)
            {
                var app = state.OwnedApp(context.CurrentUser(), appId);
                foreach (var project in state.ProjectList.Where(p => p.AppId == app.Id)) project.AppId = null;
                state.AppList.Remove(app);
                return Api.Message("app deleted successfully");
            }
        });

        v1.Post("/apps/{appId}/projects", async (HttpContext context, string appId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var projectIds = body.RequiredGuidList("projectIds");
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var app = state.OwnedApp(user, appId);
                var projects = projectIds.Select(id => state.OwnedProject(user, id.ToString())).ToList();
                foreach (var project in projects)
                {
                    project.AppId = app.Id;
                    project.UpdatedAt = state.Now;
                }
                return Api.Message("projects added to app successfully");
            }
        });

        v1.Post("/apps/{appId}/projects/remove", async (HttpContext context, string appId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var projectIds = body.RequiredGuidList("projectIds");
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var app = state.OwnedApp(user, appId);
                var projects = projectIds.Select(id => state.OwnedProject(user, id.ToString())).ToList();
                if (projects.FirstOrDefault(p => p.AppId != app.Id) is { } outsider)
                    throw ApiException.BadRequest($"project {outsider.Id} is not a member of this app");
                foreach (var project in projects)
                {
                    project.AppId = null;
                    project.UpdatedAt = state.Now;
                }
                return Api.Message("projects removed from app successfully");
            }
        });

        v1.Get("/apps/{appId}/projects", (HttpContext context, string appId) =>
        {
            var page = Page.FromQuery(context.Request);
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var app = state.OwnedApp(user, appId);
                var projects = state.ProjectList.Where(p => p.AppId == app.Id && p.UserId == user.Id && p.Status != ProjectStatus.Deleted).Reverse().ToList();
                return Api.Paged(projects, page);
            }
        });

        v1.Post("/apps/{appId}/services", async (HttpContext context, string appId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var serviceIds = body.RequiredGuidList("serviceIds");
            lock (state.SyncRoot)
            {
                var app = state.OwnedApp(context.CurrentUser(), appId);
                foreach (var id in serviceIds.Where(id => app.Services.All(s => s.Id != id)))
                    app.Services.Add(new AppService { Id = id, AppId = app.Id, CreatedAt = state.Now });
                return Api.Message("services added to app successfully");
            }
        });

        v1.Post("/apps/{appId}/services/remove", async (HttpContext context, string appId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var serviceIds = body.RequiredGuidList("serviceIds");
            lock (state.SyncRoot)
            {
                var app = state.OwnedApp(context.CurrentUser(), appId);
                if (serviceIds.FirstOrDefault(id => app.Services.All(s => s.Id != id)) is var missing && missing != Guid.Empty)
                    throw ApiException.BadRequest($"service {missing} is not a member of this app");
                app.Services.RemoveAll(s => serviceIds.Contains(s.Id));
                return Api.Message("services removed from app successfully");
            }
        });

        v1.Get("/apps/{appId}/services", (HttpContext context, string appId) =>
        {
            var page = Page.FromQuery(context.Request);
            lock (state.SyncRoot)
            {
                var app = state.OwnedApp(context.CurrentUser(), appId);
                return Api.Paged(app.Services.AsEnumerable().Reverse().ToList(), page);
            }
        });
    }

    private static (string? Description, string? Color) ReadOptionalFields(Body body)
    {
        var description = body.OptionalString("description");
        if (description is not null) Validate.Length("description", description, 1, 2048);
        var color = body.OptionalString("color");
        if (color is not null) Validate.Color("color", color);
        return (description, color);
    }
}
