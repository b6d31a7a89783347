using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Current user, quotas and supported project types (reference §8.10).</summary>
public static class AccountRoutes
{
    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        IResult CurrentUser(HttpContext context)
        {
            var user = context.CurrentUser();
            lock (state.SyncRoot)
            {
                if (user.SuspendedAt is not null) throw ApiException.Forbidden("user is suspended");
                return Api.Ok(user);
            }
        }

        v1.Get("/users/me", CurrentUser);
        v1.Get("/user/me", CurrentUser);

        v1.Get("/quotas", (HttpContext context) =>
        {
            var user = context.CurrentUser();
            lock (state.SyncRoot)
            {
                var projects = state.ProjectCount(user.Id);
                var apiKeys = state.ApiKeyCount(user.Id);
                return Api.Ok(new
                {
                    projects = Quota(projects, state.Options.MaxProjects),
                    apiKeys = Quota(apiKeys, state.Options.MaxApiKeys),
                });
            }
        });

        v1.Get("/projects/supported", _ => Api.Ok(SupportedTypes.ToJson()));
    }

    private static object Quota(int current, int max) => new { current, max, remaining = Math.Max(0, max - current) };
}
