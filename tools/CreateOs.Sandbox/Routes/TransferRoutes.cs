using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Project transfer between users (reference §8.11).</summary>
public static class TransferRoutes
{
    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Get("/projects/{projectId}/transfer-uri", (HttpContext context, string projectId) =>
        {
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                if (project.Status != ProjectStatus.Active) throw ApiException.BadRequest("project is not active");
                var now = state.Now;
                var token = state.TransferTokens.Issue(project.Id, project.UserId, now);
                return Api.Ok(new
                {
                    token,
                    frontendUri = new Uri(state.BaseUri, $"transfer?projectId={project.Id}&token={Uri.EscapeDataString(token)}").ToString(),
                    expiresAt = now + TransferTokens.Lifetime,
                });
            }
        });

        // A GET that mutates: the caller (the recipient, a different user) becomes the owner.
        v1.Get("/projects/{projectId}/transfer", (HttpContext context, string projectId) =>
        {
            var token = Query.OptionalString(context.Request, "token");
            lock (state.SyncRoot)
            {
                var recipient = context.CurrentUser();
                var claims = state.TransferTokens.Validate(token, state.Now) ?? throw new ApiException(401, "invalid or expired transfer token");
                var project = Guid.TryParse(projectId, out var id)
                    ? state.ProjectList.FirstOrDefault(p => p.Id == id && p.Status != ProjectStatus.Deleted)
                    : null;
                if (project is null) throw ApiException.NotFound("project not found");
                if (claims.ProjectId != project.Id || claims.FromUserId != project.UserId)
                    throw ApiException.Forbidden("transfer token does not match this project or its owner");
                if (project.Status != ProjectStatus.Active) throw ApiException.BadRequest("project is not active");
                if (recipient.Id == project.UserId) throw ApiException.BadRequest("project already belongs to you");
                if (state.ProjectCount(recipient.Id) >= state.Options.MaxProjects)
                    throw ApiException.QuotaReached($"maximum number of projects reached ({state.Options.MaxProjects})");
                if (state.ProjectList.Any(p => p.UserId == recipient.Id && p.Status != ProjectStatus.Deleted && p.UniqueName.Equals(project.UniqueName, StringComparison.OrdinalIgnoreCase)))
                    throw ApiException.Conflict($"you already have a project with uniqueName '{project.UniqueName}'");
                var now = state.Now;
                state.TransferList.Add(new ProjectTransfer
                {
                    Id = state.Ids.NewId(), ProjectId = project.Id, FromUserId = project.UserId, ToUserId = recipient.Id, CreatedAt = now, UpdatedAt = now,
                });
                project.UserId = recipient.Id;
                project.AppId = null;
                project.UpdatedAt = now;
                return Api.Message("project transferred successfully");
            }
        });

        v1.Get("/projects/{projectId}/transfer-history", (HttpContext context, string projectId) =>
        {
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                return Api.Ok(state.TransferList.Where(t => t.ProjectId == project.Id).ToList());
            }
        });
    }
}
