using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core;
using CreateOs.Core.Api;
using CreateOs.Core.Http;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>One thing a remote completer can offer: what is inserted, what the menu shows, the tooltip.</summary>
    public sealed class CompletionCandidate
    {
        public CompletionCandidate(string value, string listText, string toolTip, params string[] matchTexts)
        {
            Value = value;
            ListText = listText;
            ToolTip = toolTip;
            MatchTexts = matchTexts.Length == 0 ? new[] { value } : matchTexts;
        }

        public string Value { get; }
        public string ListText { get; }
        public string ToolTip { get; }
        /// <summary>Texts the typed prefix is matched against (an id completes from its name too).</summary>
        public string[] MatchTexts { get; }
    }

    /// <summary>
    /// Completes from the CreateOS API. Answers come from a per-session cache (30 s), a fetch gives up after 2 s, and
    /// nothing ever throws: no session, no key, a slow or failing API all mean "no suggestions". The session is the
    /// one given with -Session on the command line, else the runspace's default (never created here).
    /// </summary>
    public abstract class RemoteCompleter : IArgumentCompleter
    {
        internal static TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
        internal static TimeSpan FetchTimeout = TimeSpan.FromSeconds(2);

        private static readonly ConditionalWeakTable<CreateOsSession, ConcurrentDictionary<string, CachedAnswer>> Caches =
            new ConditionalWeakTable<CreateOsSession, ConcurrentDictionary<string, CachedAnswer>>();

        /// <summary>The cache key within a session: what was fetched (for example "environments of p-1"), or null when nothing can be fetched.</summary>
        protected abstract string? ScopeOf(IDictionary fakeBoundParameters);

        protected abstract Task<IReadOnlyList<CompletionCandidate>> FetchAsync(CreateOsClient api, IDictionary fakeBoundParameters, CancellationToken ct);

        /// <summary>Whether the fetch order is meaningful (deployments: newest first) rather than alphabetical.</summary>
        protected virtual bool KeepFetchOrder => false;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var session = SessionOf(fakeBoundParameters);
                if (session is null || !session.IsConnected) return Array.Empty<CompletionResult>();
                var scope = ScopeOf(fakeBoundParameters ?? new Hashtable());
                if (scope is null) return Array.Empty<CompletionResult>();
                var candidates = Candidates(session, scope, fakeBoundParameters ?? new Hashtable());
                var prefix = (wordToComplete ?? "").Trim('\'', '"');
                var matches = candidates.Where(c => c.MatchTexts.Any(t => t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
                if (!KeepFetchOrder) matches = matches.OrderBy(c => c.ListText, StringComparer.OrdinalIgnoreCase);
                return matches
                    .Select(c => new CompletionResult(FixedListCompleter.Quote(c.Value), c.ListText, CompletionResultType.ParameterValue, c.ToolTip))
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private IReadOnlyList<CompletionCandidate> Candidates(CreateOsSession session, string scope, IDictionary fakeBoundParameters)
        {
            var cache = Caches.GetValue(session, _ => new ConcurrentDictionary<string, CachedAnswer>(StringComparer.Ordinal));
            // The connection is part of the key: after Disconnect-CreateOs and a new Connect-CreateOs (perhaps with another
            // account's key), nothing fetched for the old connection is offered again.
            var connection = "|" + session.ApiUri + "|" + session.ConnectedAt?.UtcTicks + "|";
            var key = GetType().Name + connection + scope;
            if (cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.At < CacheLifetime) return cached.Candidates;
            foreach (var stale in cache.Keys.Where(k => !k.Contains(connection)).ToList()) cache.TryRemove(stale, out _);

            var api = session.GetApiClient();
            using var timeout = new CancellationTokenSource(FetchTimeout);
            var fetch = Task.Run(() => FetchAsync(api, fakeBoundParameters, timeout.Token), timeout.Token);
            // Wait only as long as the budget allows; a late answer is dropped (its failure observed, never thrown).
            if (!fetch.Wait(FetchTimeout))
            {
                timeout.Cancel();
                fetch.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                return Array.Empty<CompletionCandidate>();
            }
            var candidates = fetch.Result;
            cache[key] = new CachedAnswer(DateTime.UtcNow, candidates);
            return candidates;
        }

        private static CreateOsSession? SessionOf(IDictionary? fakeBoundParameters)
        {
            if (fakeBoundParameters != null && fakeBoundParameters.Contains("Session"))
            {
                var given = fakeBoundParameters["Session"];
                if (given is PSObject wrapped) given = wrapped.BaseObject;
                if (given is CreateOsSession explicitSession) return explicitSession;
            }
            return SessionStore.TryGetExisting();
        }

        /// <summary>A bound parameter's value as text (first element of an array), or null.</summary>
        protected static string? BoundText(IDictionary fakeBoundParameters, params string[] names)
        {
            foreach (var name in names)
            {
                if (!fakeBoundParameters.Contains(name)) continue;
                var value = fakeBoundParameters[name];
                if (value is PSObject wrapped) value = wrapped.BaseObject;
                if (value is IEnumerable many && !(value is string)) value = many.Cast<object?>().FirstOrDefault();
                if (value is PSObject inner) value = inner.BaseObject;
                var text = value?.ToString();
                if (!string.IsNullOrWhiteSpace(text)) return text;
            }
            return null;
        }

        /// <summary>One page of a list route as loose items (the completers need only a few fields).</summary>
        protected static async Task<IReadOnlyList<ListedItem>> ListAsync(CreateOsClient api, string path, int limit, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, path).WithQuery("limit", limit).WithQuery("offset", 0);
            var page = await api.GetPageAsync<ListedItem>(request, 0, ct).ConfigureAwait(false);
            return page.Items;
        }

        private sealed class CachedAnswer
        {
            public CachedAnswer(DateTime at, IReadOnlyList<CompletionCandidate> candidates)
            {
                At = at;
                Candidates = candidates;
            }

            public DateTime At { get; }
            public IReadOnlyList<CompletionCandidate> Candidates { get; }
        }
    }

    /// <summary>The fields the completers read from list answers (projects, environments, deployments, domains).</summary>
    public sealed class ListedItem
    {
        public string Id { get; set; } = "";
        public string? UniqueName { get; set; }
        public string? DisplayName { get; set; }
        public string? Name { get; set; }
        public string? Status { get; set; }
        public string? Type { get; set; }
        public int? VersionNumber { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
    }

    /// <summary>Project ids, matched by id or unique name; the menu shows the names.</summary>
    public sealed class ProjectIdCompleter : RemoteCompleter
    {
        protected override string? ScopeOf(IDictionary fakeBoundParameters) => "projects";

        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchAsync(CreateOsClient api, IDictionary fakeBoundParameters, CancellationToken ct)
        {
            var projects = await ProjectNameCompleter.ListProjectsAsync(api, ct).ConfigureAwait(false);
            return projects.Select(p => new CompletionCandidate(p.Id, $"{p.UniqueName} ({p.Id})", $"{p.UniqueName}: {p.Type} project, {p.Status}", p.Id, p.UniqueName ?? "")).ToList();
        }
    }

    /// <summary>Project unique names.</summary>
    public sealed class ProjectNameCompleter : RemoteCompleter
    {
        private const int MaxProjects = 100;

        protected override string? ScopeOf(IDictionary fakeBoundParameters) => "projects";

        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchAsync(CreateOsClient api, IDictionary fakeBoundParameters, CancellationToken ct)
        {
            var projects = await ListProjectsAsync(api, ct).ConfigureAwait(false);
            return projects.Where(p => !string.IsNullOrEmpty(p.UniqueName))
                .Select(p => new CompletionCandidate(p.UniqueName!, p.UniqueName!, $"{p.DisplayName} ({p.Type}, {p.Status}) {p.Id}")).ToList();
        }

        internal static async Task<IReadOnlyList<ListedItem>> ListProjectsAsync(CreateOsClient api, CancellationToken ct)
        {
            var all = new List<ListedItem>();
            await CreateOsClient.WalkPagesAsync<Core.Models.Project>((offset, limit, token) => api.Projects.ListPageAsync(new ProjectFilter(), offset, limit, token), 0, MaxProjects,
                page => all.AddRange(page.Select(p => new ListedItem { Id = p.Id, UniqueName = p.UniqueName, DisplayName = p.DisplayName, Status = p.Status, Type = p.Type })), ct).ConfigureAwait(false);
            return all;
        }
    }

    /// <summary>
    /// Base of the completers that need a project: the one the command line names with -ProjectId, else the one that
    /// owns its -EnvironmentId (so `Set-CreateOsEnvironmentDeployment -EnvironmentId X -DeploymentId &lt;Tab&gt;` completes).
    /// </summary>
    public abstract class ProjectScopedCompleter : RemoteCompleter
    {
        private static string? ProjectIdOf(IDictionary fakeBoundParameters) => BoundText(fakeBoundParameters, "ProjectId", "Project");

        private static string? EnvironmentIdOf(IDictionary fakeBoundParameters) => BoundText(fakeBoundParameters, "EnvironmentId");

        protected override string? ScopeOf(IDictionary fakeBoundParameters)
        {
            if (ProjectIdOf(fakeBoundParameters) is { } projectId) return GetType().Name + " of " + projectId;
            return EnvironmentIdOf(fakeBoundParameters) is { } environmentId ? GetType().Name + " of the project of environment " + environmentId : null;
        }

        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchAsync(CreateOsClient api, IDictionary fakeBoundParameters, CancellationToken ct)
        {
            var projectId = ProjectIdOf(fakeBoundParameters) ?? await OwnerOfEnvironmentAsync(api, EnvironmentIdOf(fakeBoundParameters)!, ct).ConfigureAwait(false);
            return projectId is null ? Array.Empty<CompletionCandidate>() : await FetchOfProjectAsync(api, projectId, ct).ConfigureAwait(false);
        }

        /// <summary>The candidates of one project.</summary>
        protected abstract Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct);

        /// <summary>The API has no route from an environment to its project: look through the projects' environments.</summary>
        private static async Task<string?> OwnerOfEnvironmentAsync(CreateOsClient api, string environmentId, CancellationToken ct)
        {
            foreach (var project in await ProjectNameCompleter.ListProjectsAsync(api, ct).ConfigureAwait(false))
            {
                var environments = await ListAsync(api, ProjectsApi.PathOf(project.Id) + "/environments", CreateOsClient.MaxPageSize, ct).ConfigureAwait(false);
                if (environments.Any(e => string.Equals(e.Id, environmentId, StringComparison.OrdinalIgnoreCase) || string.Equals(e.UniqueName, environmentId, StringComparison.OrdinalIgnoreCase)))
                    return project.Id;
            }
            return null;
        }
    }

    /// <summary>Environment ids of the project given with -ProjectId, matched by id or unique name.</summary>
    public sealed class EnvironmentIdCompleter : ProjectScopedCompleter
    {
        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct)
        {
            var environments = await ListAsync(api, ProjectsApi.PathOf(projectId) + "/environments", CreateOsClient.MaxPageSize, ct).ConfigureAwait(false);
            return environments.Select(e => new CompletionCandidate(e.Id, $"{e.UniqueName} ({e.Id})", $"{e.DisplayName ?? e.UniqueName}: {e.Status}", e.Id, e.UniqueName ?? "")).ToList();
        }
    }

    /// <summary>Environment unique names of the project given with -ProjectId.</summary>
    public sealed class EnvironmentNameCompleter : ProjectScopedCompleter
    {
        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct)
        {
            var environments = await ListAsync(api, ProjectsApi.PathOf(projectId) + "/environments", CreateOsClient.MaxPageSize, ct).ConfigureAwait(false);
            return environments.Where(e => !string.IsNullOrEmpty(e.UniqueName))
                .Select(e => new CompletionCandidate(e.UniqueName!, e.UniqueName!, $"{e.DisplayName ?? e.UniqueName}: {e.Status} ({e.Id})")).ToList();
        }
    }

    /// <summary>Deployment ids of the project given with -ProjectId, newest first.</summary>
    public sealed class DeploymentIdCompleter : ProjectScopedCompleter
    {
        protected override bool KeepFetchOrder => true;

        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct)
        {
            var deployments = await ListAsync(api, ProjectsApi.PathOf(projectId) + "/deployments", CreateOsClient.MaxPageSize, ct).ConfigureAwait(false);
            return deployments
                .OrderByDescending(d => d.CreatedAt ?? DateTimeOffset.MinValue).ThenByDescending(d => d.VersionNumber ?? 0)
                .Select(d => new CompletionCandidate(d.Id, $"{d.Id} ({d.Status}{(d.VersionNumber.HasValue ? ", v" + d.VersionNumber : "")})",
                    $"{d.Status}, created {d.CreatedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}"))
                .ToList();
        }
    }

    /// <summary>Domain names of the project given with -ProjectId.</summary>
    public sealed class DomainNameCompleter : ProjectScopedCompleter
    {
        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct)
        {
            var domains = await ListAsync(api, ProjectsApi.PathOf(projectId) + "/domains", CreateOsClient.MaxPageSize, ct).ConfigureAwait(false);
            return domains.Where(d => !string.IsNullOrEmpty(d.Name)).Select(d => new CompletionCandidate(d.Name!, d.Name!, $"{d.Status} ({d.Id})")).ToList();
        }
    }

    /// <summary>Domain ids of the project given with -ProjectId, matched by id or name.</summary>
    public sealed class DomainIdCompleter : ProjectScopedCompleter
    {
        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct)
        {
            var domains = await ListAsync(api, ProjectsApi.PathOf(projectId) + "/domains", CreateOsClient.MaxPageSize, ct).ConfigureAwait(false);
            return domains.Select(d => new CompletionCandidate(d.Id, $"{d.Name} ({d.Id})", $"{d.Name}: {d.Status}", d.Id, d.Name ?? "")).ToList();
        }
    }

    /// <summary>Cronjob ids of the project given with -ProjectId, matched by id or name.</summary>
    public sealed class CronjobIdCompleter : ProjectScopedCompleter
    {
        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct)
        {
            var cronjobs = await api.Cronjobs.ListAsync(projectId, ct).ConfigureAwait(false);
            return cronjobs.Select(c => new CompletionCandidate(c.Id, $"{c.Name} ({c.Id})", $"{c.Name}: {c.Schedule}, {c.Status}", c.Id, c.Name)).ToList();
        }
    }

    /// <summary>Cronjob names of the project given with -ProjectId.</summary>
    public sealed class CronjobNameCompleter : ProjectScopedCompleter
    {
        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchOfProjectAsync(CreateOsClient api, string projectId, CancellationToken ct)
        {
            var cronjobs = await api.Cronjobs.ListAsync(projectId, ct).ConfigureAwait(false);
            return cronjobs.Where(c => c.Name.Length > 0).Select(c => new CompletionCandidate(c.Name, c.Name, $"{c.Schedule}, {c.Status} ({c.Id})")).ToList();
        }
    }

    /// <summary>Template ids: the user's own templates and the first page of listed ones, matched by id or name.</summary>
    public sealed class TemplateIdCompleter : RemoteCompleter
    {
        protected override string? ScopeOf(IDictionary fakeBoundParameters) => "templates";

        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchAsync(CreateOsClient api, IDictionary fakeBoundParameters, CancellationToken ct)
        {
            var mine = api.Templates.ListMinePageAsync(0, CreateOsClient.MaxPageSize, ct);
            var listed = api.Templates.ListPublishedPageAsync(null, null, 0, CreateOsClient.MaxPageSize, ct);
            var all = (await mine.ConfigureAwait(false)).Items.Concat((await listed.ConfigureAwait(false)).Items)
                .GroupBy(t => t.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.First());
            return all.Select(t => new CompletionCandidate(t.Id, $"{t.Name} ({t.Id})", $"{t.Name}: {t.Status}, {(t.IsFree ? "free" : t.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture))}", t.Id, t.Name)).ToList();
        }
    }

    /// <summary>Template categories, from the marketplace's counts and its first page of listed templates.</summary>
    public sealed class TemplateCategoryCompleter : RemoteCompleter
    {
        protected override string? ScopeOf(IDictionary fakeBoundParameters) => "template categories";

        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchAsync(CreateOsClient api, IDictionary fakeBoundParameters, CancellationToken ct)
        {
            var counts = api.Templates.GetCountsAsync(null, ct);
            var listed = api.Templates.ListPublishedPageAsync(null, null, 0, CreateOsClient.MaxPageSize, ct);
            var byName = (await counts.ConfigureAwait(false)).Categories.ToDictionary(c => c.Name, c => c.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var category in (await listed.ConfigureAwait(false)).Items.SelectMany(t => t.Categories))
                if (!byName.ContainsKey(category)) byName[category] = 0;
            return byName.Select(c => new CompletionCandidate(c.Key, c.Key, c.Value > 0 ? $"{c.Key}: {c.Value} listed templates" : c.Key)).ToList();
        }
    }

    /// <summary>Purchase ids of the user's bought templates.</summary>
    public sealed class TemplatePurchaseIdCompleter : RemoteCompleter
    {
        protected override string? ScopeOf(IDictionary fakeBoundParameters) => "template purchases";

        protected override bool KeepFetchOrder => true;

        protected override async Task<IReadOnlyList<CompletionCandidate>> FetchAsync(CreateOsClient api, IDictionary fakeBoundParameters, CancellationToken ct)
        {
            var purchases = await api.Templates.ListPurchasesPageAsync(0, TemplatesApi.MaxPurchasePageSize, ct).ConfigureAwait(false);
            return purchases.Items.Select(p => new CompletionCandidate(p.Id, $"{p.Id} (template {p.ProjectTemplateId})",
                $"bought {p.CreatedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}")).ToList();
        }
    }
}
