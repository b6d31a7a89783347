using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Custom domains (reference §8.4): pending → (refresh) issuing → active.</summary>
public static class DomainsRoutes
{
    private const string P = "/projects/{projectId}";
    private const string Dm = P + "/domains/{domainId}";

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post(P + "/domains", async (HttpContext context, string projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var name = body.RequiredString("name").Trim().ToLowerInvariant();
            Validate.DomainName("name", name);
            var environmentId = body.OptionalString("environmentId");
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                SandboxState.RequireActive(project);
                var environment = environmentId is null ? null : state.ProjectEnvironment(project, environmentId);
                var domains = state.DomainList.Where(d => d.ProjectId == project.Id).ToList();
                if (state.DomainList.Any(d => d.Name == name)) throw ApiException.WrongState($"domain '{name}' already exists");
                if (domains.Count >= state.Options.MaxDomainsPerProject)
                    throw ApiException.WrongState($"maximum number of domains reached ({state.Options.MaxDomainsPerProject})");
                var now = state.Now;
                var domain = new Domain
                {
                    Id = state.Ids.NewId(),
                    Name = name,
                    ProjectId = project.Id,
                    EnvironmentId = environment?.Id,
                    Message = "add the DNS records, then refresh the domain",
                    Records = new JsonObject
                    {
                        ["txt_records"] = new JsonArray(new JsonObject { ["name"] = "_createos-challenge." + name, ["value"] = "createos-verify=" + state.Ids.NewHex(16) }),
                        ["a_records"] = new JsonArray(new JsonObject { ["name"] = name, ["value"] = "127.0.0.1" }),
                    },
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                state.DomainList.Add(domain);
                return Api.CreatedId(domain.Id, 201);
            }
        });

        v1.Get(P + "/domains", (HttpContext context, string projectId) =>
        {
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                return Api.Ok(state.DomainList.Where(d => d.ProjectId == project.Id).ToList());
            }
        });

        v1.Post(Dm + "/refresh", (HttpContext context, string projectId, string domainId) =>
        {
            lock (state.SyncRoot)
            {
                var domain = Find(state, context, projectId, domainId);
                if (domain.Status != DomainStatus.Pending) throw ApiException.WrongState($"only pending domains can be refreshed (status {domain.Status})");
                domain.Status = DomainStatus.Issuing;
                domain.Message = "issuing certificate";
                domain.UpdatedAt = state.Now;
                state.ScheduleDomainStep(domain);
                return Api.Message("domain is being refreshed");
            }
        });

        v1.Put(Dm + "/environment", async (HttpContext context, string projectId, string domainId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var environmentId = body.OptionalString("environmentId");
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                var domain = state.ProjectDomain(project, domainId);
                if (domain.Status != DomainStatus.Active) throw ApiException.WrongState($"domain is not active (status {domain.Status})");
                if (environmentId is null)
                {
                    domain.EnvironmentId = null;
                }
                else
                {
                    var environment = state.ProjectEnvironment(project, environmentId);
                    if (environment.ProjectDeploymentId is null) throw ApiException.WrongState("environment has no deployment");
                    domain.EnvironmentId = environment.Id;
                }
                domain.UpdatedAt = state.Now;
                return Api.Message("domain environment updated successfully");
            }
        });

        v1.Delete(Dm, (HttpContext context, string projectId, string domainId) =>
        {
            lock (state.SyncRoot)
            {
                var domain = Find(state, context, projectId, domainId);
                if (domain.Status == DomainStatus.Deleting) throw ApiException.WrongState("domain is already being deleted");
                domain.Status = DomainStatus.Deleting;
                domain.DeletingAt = state.Now;
                domain.UpdatedAt = state.Now;
                state.ScheduleDomainStep(domain);
                return Api.Message("domain is being deleted");
            }
        });
    }

    private static Domain Find(SandboxState state, HttpContext context, string projectId, string domainId) =>
        state.ProjectDomain(state.OwnedProject(context.CurrentUser(), projectId), domainId);
}
