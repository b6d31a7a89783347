using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Configuration
{
    /// <summary>How one change ended: applied, or failed with the error of the call that carried it.</summary>
    public sealed class ChangeOutcome
    {
        public ChangeOutcome(ConfigurationChange change, Exception? error)
        {
            Change = change;
            Error = error;
        }

        public ConfigurationChange Change { get; }
        public Exception? Error { get; }
        public bool Applied => Error is null;
    }

    /// <summary>
    /// Applies the approved changes of one project. Changes of a resource that share an API call go out in one request
    /// built from the resource's current state with only the approved changes on top (a declined change keeps its
    /// current value). Calls run one after another in a fixed order — project, environments, domains, cronjobs, then
    /// removals — and a failed call fails only its own changes (and what depends on it, such as a domain on an
    /// environment that could not be created).
    /// </summary>
    public sealed class ConfigurationApplier
    {
        private static readonly ChangeOperation[] Order =
        {
            ChangeOperation.CreateProject, ChangeOperation.Unsupported, ChangeOperation.UpdateProject, ChangeOperation.UpdateProjectSettings,
            ChangeOperation.CreateEnvironment, ChangeOperation.UpdateEnvironment, ChangeOperation.UpdateResources, ChangeOperation.UpdateVariables,
            ChangeOperation.RemoveDomain, ChangeOperation.CreateDomain, ChangeOperation.MoveDomain,
            ChangeOperation.RemoveCronjob, ChangeOperation.RecreateCronjob, ChangeOperation.CreateCronjob, ChangeOperation.UpdateCronjob, ChangeOperation.SuspendCronjob,
            ChangeOperation.RemoveEnvironment,
        };

        private readonly CreateOsClient _api;
        private readonly bool _prune;

        public ConfigurationApplier(CreateOsClient api, bool prune)
        {
            _api = api;
            _prune = prune;
        }

        /// <param name="onOutcome">Called (on a worker) as each change ends, for progress and verbose output.</param>
        public async Task<IReadOnlyList<ChangeOutcome>> ApplyAsync(ProjectPlan plan, IEnumerable<ConfigurationChange> approved, Action<ChangeOutcome>? onOutcome, CancellationToken ct)
        {
            var outcomes = new List<ChangeOutcome>();
            var context = new Context(plan);
            var groups = approved
                .GroupBy(c => (c.Operation, c.ResourceType, Name: c.Name.ToLowerInvariant()))
                .OrderBy(g => Array.IndexOf(Order, g.Key.Operation))
                .ToList();
            // When the project cannot be created, everything else of it fails with that same error (reported once).
            Exception? projectMissing = null;
            foreach (var group in groups)
            {
                ct.ThrowIfCancellationRequested();
                Exception? error = null;
                try
                {
                    if (context.ProjectId is null && group.Key.Operation != ChangeOperation.CreateProject)
                        throw projectMissing ??= new InvalidOperationException($"Project '{plan.Desired.UniqueName}' does not exist (its creation was skipped), so nothing else of it can be applied.");
                    await ApplyGroupAsync(context, group.Key.Operation, group.ToList(), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    error = ex;
                    if (group.Key.Operation == ChangeOperation.CreateProject) projectMissing = ex;
                }
                foreach (var change in group)
                {
                    var outcome = new ChangeOutcome(change, error);
                    outcomes.Add(outcome);
                    onOutcome?.Invoke(outcome);
                }
            }
            return outcomes;
        }

        private async Task ApplyGroupAsync(Context context, ChangeOperation operation, IReadOnlyList<ConfigurationChange> changes, CancellationToken ct)
        {
            var first = changes[0];
            foreach (var change in changes)
                if (change.Value is Edit { Value: UnresolvedSecret unresolved })
                    throw new ValidationException(change.Property ?? "Value", null,
                        $"{change.Resource} {change.Property}: no value found in {unresolved.Reference}; register the secret (Set-Secret) or set the environment variable, then run again. Nothing was sent for this {operation.ToString().ToLowerInvariant()}.");
            switch (operation)
            {
                case ChangeOperation.Unsupported:
                    throw new InvalidOperationException((string)first.Value!);
                case ChangeOperation.CreateProject:
                    context.ProjectId = await CreateProjectAsync(context.Plan.Desired, ct).ConfigureAwait(false);
                    break;
                case ChangeOperation.UpdateProject:
                {
                    var project = context.Plan.Current!.Project;
                    var edits = Edits(changes);
                    await _api.Projects.UpdateAsync(project.Id, (string?)edits.Get("displayName") ?? project.DisplayName, (string?)edits.Get("description") ?? project.Description,
                        (bool?)edits.Get("enabledSecurityScan"), ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.UpdateProjectSettings:
                {
                    var project = context.Plan.Current!.Project;
                    var settings = project.Settings is null ? new JObject() : JObject.FromObject(project.Settings, Json.Serializer);
                    foreach (var edit in changes.Select(c => (Edit)c.Value!)) Overlay(settings, edit);
                    await _api.Projects.UpdateSettingsAsync(project.Id, project.Type, settings.ToObject<ProjectSettings>(Json.Serializer)!, ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.CreateEnvironment:
                    await CreateEnvironmentAsync(context, (EnvironmentConfiguration)first.Value!, ct).ConfigureAwait(false);
                    break;
                case ChangeOperation.UpdateEnvironment:
                {
                    var environment = context.Environment(first.Name);
                    var edits = Edits(changes);
                    var description = (string?)edits.Get("description") ?? environment.Description;
                    if (string.IsNullOrEmpty(description) || description!.Length < CreateOsRules.DescriptionMin) description = environment.UniqueName + " environment";
                    await _api.Environments.UpdateAsync(context.ProjectId!, environment.Id, (string?)edits.Get("displayName") ?? environment.DisplayName, description,
                        (string?)edits.Get("branch"), (bool?)edits.Get("isAutoPromoteEnabled"), ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.UpdateResources:
                {
                    var environment = context.Environment(first.Name);
                    var edits = Edits(changes);
                    var resources = new EnvironmentResources
                    {
                        Cpu = (int?)edits.Get("cpu") ?? environment.Resources.Cpu,
                        Memory = (int?)edits.Get("memory") ?? environment.Resources.Memory,
                        Replicas = (int?)edits.Get("replicas") ?? environment.Resources.Replicas,
                    };
                    await _api.Environments.SetResourcesAsync(context.ProjectId!, environment.Id, resources, ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.UpdateVariables:
                {
                    var environment = context.Environment(first.Name);
                    var variables = new Dictionary<string, string>(environment.Settings.RunEnvs, StringComparer.Ordinal);
                    int? port = null;
                    foreach (var edit in changes.Select(c => (Edit)c.Value!))
                    {
                        if (edit.Field == "port") port = (int?)edit.Value;
                        else if (edit.Value is null) variables.Remove(edit.Key!);
                        else variables[edit.Key!] = (string)edit.Value;
                    }
                    await _api.Environments.ReplaceVariablesAsync(context.ProjectId!, environment.Id, variables, port, ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.RemoveEnvironment:
                    await _api.Environments.DeleteAsync(context.ProjectId!, ((ProjectEnvironment)first.Value!).Id, ct).ConfigureAwait(false);
                    break;
                case ChangeOperation.CreateDomain:
                {
                    var domain = (DomainConfiguration)first.Value!;
                    await _api.Domains.CreateAsync(context.ProjectId!, domain.Name, domain.Environment is null ? null : context.EnvironmentId(domain.Environment), ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.MoveDomain:
                {
                    var domain = context.Plan.Current!.Domains.First(d => string.Equals(d.Name, first.Name, StringComparison.OrdinalIgnoreCase));
                    var target = (string?)Edits(changes).Get("environment");
                    await _api.Domains.SetEnvironmentAsync(context.ProjectId!, domain.Id, target is null ? null : context.EnvironmentId(target), ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.RemoveDomain:
                    await _api.Domains.DeleteAsync(context.ProjectId!, ((Domain)first.Value!).Id, ct).ConfigureAwait(false);
                    break;
                case ChangeOperation.CreateCronjob:
                    await CreateCronjobAsync(context, (CronjobConfiguration)first.Value!, ct).ConfigureAwait(false);
                    break;
                case ChangeOperation.RecreateCronjob:
                {
                    var desired = (CronjobConfiguration)first.Value!;
                    if (!_prune)
                        throw new InvalidOperationException($"cronjob {context.Plan.Desired.UniqueName}/{desired.Name}: its {first.Property?.ToLowerInvariant()} is fixed at creation. Run with -Prune to replace it (it is removed and created again), or rename it in the file.");
                    await _api.Cronjobs.DeleteAsync(context.ProjectId!, context.Cronjob(desired.Name).Id, ct).ConfigureAwait(false);
                    await CreateCronjobAsync(context, desired, ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.UpdateCronjob:
                {
                    var cronjob = context.Cronjob(first.Name);
                    var edits = Edits(changes);
                    var current = cronjob.Settings;
                    var headers = current?.Headers is null ? new Dictionary<string, string>() : new Dictionary<string, string>(current.Headers);
                    foreach (var edit in changes.Select(c => (Edit)c.Value!).Where(e => e.Field == "headers"))
                    {
                        if (edit.Value is null) headers.Remove(edit.Key!);
                        else headers[edit.Key!] = (string)edit.Value;
                    }
                    var touchesSettings = changes.Any(c => ((Edit)c.Value!).Field != "schedule");
                    var settings = !touchesSettings ? null : new CronjobSettings
                    {
                        Path = (string?)edits.Get("path") ?? current?.Path ?? "",
                        Method = (string?)edits.Get("method") ?? current?.Method ?? "GET",
                        Headers = headers,
                        Body = edits.Has("body") ? (string?)edits.Get("body") : current?.Body,
                        TimeoutInSeconds = (int?)edits.Get("timeoutInSeconds") ?? current?.TimeoutInSeconds,
                    };
                    await _api.Cronjobs.UpdateAsync(context.ProjectId!, cronjob.Id,
                        new CronjobUpdate { Name = cronjob.Name, Schedule = (string?)edits.Get("schedule") ?? cronjob.Schedule, Settings = settings }, ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.SuspendCronjob:
                {
                    var cronjob = context.Cronjob(first.Name);
                    if ((bool)((Edit)first.Value!).Value!) await _api.Cronjobs.SuspendAsync(context.ProjectId!, cronjob.Id, ct).ConfigureAwait(false);
                    else await _api.Cronjobs.UnsuspendAsync(context.ProjectId!, cronjob.Id, ct).ConfigureAwait(false);
                    break;
                }
                case ChangeOperation.RemoveCronjob:
                    await _api.Cronjobs.DeleteAsync(context.ProjectId!, ((Cronjob)first.Value!).Id, ct).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown operation {operation}.");
            }
        }

        private async Task<string> CreateProjectAsync(ProjectConfiguration desired, CancellationToken ct)
        {
            if (desired.Type is null)
                throw new ValidationException("Type", null, $"Project '{desired.UniqueName}' does not exist and the file gives no Type to create it with.");
            var settings = new JObject();
            foreach (var pair in desired.Settings ?? new SortedDictionary<string, object?>())
                settings[pair.Key] = pair.Value is IDictionary<string, ConfigValue> map ? ResolvedMap(map, pair.Key) : pair.Value is null ? JValue.CreateNull() : JToken.FromObject(pair.Value);
            return await _api.Projects.CreateAsync(new NewProject
            {
                UniqueName = desired.UniqueName,
                DisplayName = desired.DisplayName ?? desired.UniqueName,
                Description = desired.Description,
                Type = desired.Type,
                EnabledSecurityScan = desired.EnabledSecurityScan,
                Settings = settings.ToObject<ProjectSettings>(Json.Serializer)!,
                Source = new ProjectSource { VcsName = desired.Type == "vcs" ? "github" : null, VcsInstallationId = desired.VcsInstallationId, VcsRepoId = desired.VcsRepoId },
            }, ct).ConfigureAwait(false);
        }

        private async Task CreateEnvironmentAsync(Context context, EnvironmentConfiguration desired, CancellationToken ct)
        {
            var variables = desired.Variables is null ? new Dictionary<string, string>() : ResolvedMap(desired.Variables, "Variables").ToObject<Dictionary<string, string>>()!;
            var id = await _api.Environments.CreateAsync(context.ProjectId!, new NewEnvironment
            {
                UniqueName = desired.UniqueName,
                DisplayName = desired.DisplayName ?? desired.UniqueName,
                Description = desired.Description ?? desired.UniqueName + " environment",
                Branch = desired.Branch,
                IsAutoPromoteEnabled = desired.AutoPromote,
                RunEnvs = variables,
                Port = desired.Port,
                Resources = new EnvironmentResources
                {
                    Cpu = desired.Cpu ?? CreateOsRules.CpuMin,
                    Memory = desired.Memory ?? CreateOsRules.MemoryMin,
                    Replicas = desired.Replicas ?? CreateOsRules.ReplicasMin,
                },
            }, ct).ConfigureAwait(false);
            context.EnvironmentIds[desired.UniqueName] = id;
        }

        private async Task CreateCronjobAsync(Context context, CronjobConfiguration desired, CancellationToken ct)
        {
            var settings = !desired.HasRequest ? null : new CronjobSettings
            {
                Path = desired.Path ?? "",
                Method = desired.Method ?? "GET",
                Headers = desired.Headers is null ? null : ResolvedMap(desired.Headers, "Headers").ToObject<Dictionary<string, string>>(),
                Body = desired.Body is null ? null : Resolved(desired.Body, "Body"),
                TimeoutInSeconds = desired.TimeoutSec,
            };
            var id = await _api.Cronjobs.CreateAsync(context.ProjectId!, new NewCronjob
            {
                EnvironmentId = context.EnvironmentId(desired.Environment),
                Name = desired.Name,
                Schedule = desired.Schedule,
                Type = desired.Type,
                Settings = settings,
            }, ct).ConfigureAwait(false);
            if (desired.Suspended == true) await _api.Cronjobs.SuspendAsync(context.ProjectId!, id, ct).ConfigureAwait(false);
        }

        /// <summary>Set by the cmdlet: the resolved value of each secret reference of the file (null when it did not resolve).</summary>
        public Func<SecretReference, string?> Resolve { get; set; } = _ => null;

        private JObject ResolvedMap(IDictionary<string, ConfigValue> values, string what)
        {
            var map = new JObject();
            foreach (var pair in values) map[pair.Key] = Resolved(pair.Value, $"{what}.{pair.Key}");
            return map;
        }

        private string Resolved(ConfigValue value, string what)
        {
            if (value.Reference is null) return value.Literal ?? "";
            return Resolve(value.Reference)
                ?? throw new ValidationException(what, null, $"{what}: no value found in {value.Reference}; register the secret (Set-Secret) or set the environment variable, then run again.");
        }

        private static void Overlay(JObject settings, Edit edit)
        {
            if (edit.Key is null)
            {
                settings[edit.Field] = edit.Value is null ? JValue.CreateNull() : JToken.FromObject(edit.Value);
                return;
            }
            if (settings[edit.Field] is not JObject map) settings[edit.Field] = map = new JObject();
            if (edit.Value is null) map.Remove(edit.Key);
            else map[edit.Key] = (string)edit.Value;
        }

        private static EditSet Edits(IEnumerable<ConfigurationChange> changes) => new EditSet(changes.Select(c => (Edit)c.Value!).Where(e => e.Key is null));

        private sealed class EditSet
        {
            private readonly Dictionary<string, object?> _values;

            public EditSet(IEnumerable<Edit> edits) => _values = edits.ToDictionary(e => e.Field, e => e.Value, StringComparer.Ordinal);

            public bool Has(string field) => _values.ContainsKey(field);

            public object? Get(string field) => _values.TryGetValue(field, out var value) ? value : null;
        }

        /// <summary>What the calls of one project share: its id (known once created) and the ids of its environments by name.</summary>
        private sealed class Context
        {
            public Context(ProjectPlan plan)
            {
                Plan = plan;
                ProjectId = plan.Current?.Project.Id;
                foreach (var environment in plan.Current?.Environments ?? Array.Empty<ProjectEnvironment>()) EnvironmentIds[environment.UniqueName] = environment.Id;
            }

            public ProjectPlan Plan { get; }
            public string? ProjectId { get; set; }
            public Dictionary<string, string> EnvironmentIds { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

            public string EnvironmentId(string uniqueName) =>
                EnvironmentIds.TryGetValue(uniqueName, out var id) ? id
                    : throw ApiErrors.NotFound($"environment '{uniqueName}' of project '{Plan.Desired.UniqueName}' does not exist (its creation failed or was skipped)");

            public ProjectEnvironment Environment(string uniqueName) => Plan.Current!.EnvironmentByName(uniqueName)
                ?? throw ApiErrors.NotFound($"environment '{uniqueName}' of project '{Plan.Desired.UniqueName}' no longer exists");

            public Cronjob Cronjob(string name) => Plan.Current!.Cronjobs.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw ApiErrors.NotFound($"cronjob '{name}' of project '{Plan.Desired.UniqueName}' no longer exists");
        }
    }
}
