using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;
using CreateOs.Core.Http;
using CreateOs.Core.Models;

namespace CreateOs.Core.Configuration
{
    /// <summary>What a project looks like on the server now: the project, its environments, domains and cronjobs.</summary>
    public sealed class ProjectState
    {
        private const int MaxLookupPages = 10;

        public ProjectState(Project project, IReadOnlyList<ProjectEnvironment> environments, IReadOnlyList<Domain> domains, IReadOnlyList<Cronjob> cronjobs)
        {
            Project = project;
            Environments = environments;
            Domains = domains;
            Cronjobs = cronjobs;
        }

        public Project Project { get; }
        public IReadOnlyList<ProjectEnvironment> Environments { get; }
        public IReadOnlyList<Domain> Domains { get; }
        public IReadOnlyList<Cronjob> Cronjobs { get; }

        public ProjectEnvironment? EnvironmentById(string? id) =>
            id is null ? null : Environments.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

        public ProjectEnvironment? EnvironmentByName(string? uniqueName) =>
            uniqueName is null ? null : Environments.FirstOrDefault(e => string.Equals(e.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase));

        /// <summary>Reads a project's environments, domains and cronjobs (three requests at once).</summary>
        public static async Task<ProjectState> LoadAsync(CreateOsClient api, Project project, CancellationToken ct)
        {
            var environments = api.Environments.ListAsync(project.Id, ct);
            var domains = api.Domains.ListAsync(project.Id, ct);
            var cronjobs = api.Cronjobs.ListAsync(project.Id, ct);
            await Task.WhenAll(environments, domains, cronjobs).ConfigureAwait(false);
            return new ProjectState(project, environments.Result, domains.Result.Where(d => d.Status != "deleting").ToList(),
                cronjobs.Result.Where(c => c.Status != "deleting" && c.Status != "deleted").ToList());
        }

        /// <summary>
        /// Finds a project by unique name (the id hint first, when it still names that project) and reads its state;
        /// null when the account has no such project.
        /// </summary>
        public static async Task<ProjectState?> FindAsync(CreateOsClient api, string uniqueName, string? idHint, CancellationToken ct)
        {
            var project = await FindProjectAsync(api, uniqueName, idHint, ct).ConfigureAwait(false);
            return project is null ? null : await LoadAsync(api, project, ct).ConfigureAwait(false);
        }

        private static async Task<Project?> FindProjectAsync(CreateOsClient api, string uniqueName, string? idHint, CancellationToken ct)
        {
            if (!string.IsNullOrEmpty(idHint) && Guid.TryParse(idHint, out _))
            {
                try
                {
                    var byId = await api.Projects.GetAsync(idHint!, ct).ConfigureAwait(false);
                    if (string.Equals(byId.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase) && byId.Status != "deleted") return byId;
                }
                catch (ApiException ex) when (ex.Status == 404 || ex.Status == 403)
                {
                    // Another account, or the project was recreated: look it up by name.
                }
            }
            var filter = new ProjectFilter { Name = uniqueName };
            Project? found = null;
            var offset = 0;
            for (var page = 0; page < MaxLookupPages && found is null; page++)
            {
                var items = await api.Projects.ListPageAsync(filter, offset, CreateOsClient.MaxPageSize, ct).ConfigureAwait(false);
                found = items.Items.FirstOrDefault(p => string.Equals(p.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase) && p.Status != "deleted");
                if (items.IsLast) break;
                offset += items.Items.Count;
            }
            return found;
        }
    }
}
