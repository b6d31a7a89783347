using System;
using System.Collections.Generic;
using System.Linq;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Configuration
{
    /// <summary>The differences of one project between a file and the server, and every resource the file names.</summary>
    public sealed class ProjectPlan
    {
        internal ProjectPlan(ProjectConfiguration desired, ProjectState? current, IReadOnlyList<ConfigurationChange> changes,
            IReadOnlyList<(ConfigurationResourceType Type, string Name)> resources, IReadOnlyList<string> warnings)
        {
            Desired = desired;
            Current = current;
            Changes = changes;
            Resources = resources;
            Warnings = warnings;
        }

        public ProjectConfiguration Desired { get; }
        /// <summary>Null when the project does not exist yet.</summary>
        public ProjectState? Current { get; }
        public IReadOnlyList<ConfigurationChange> Changes { get; }
        public IReadOnlyList<(ConfigurationResourceType Type, string Name)> Resources { get; }
        /// <summary>What could not be compared (a secret that did not resolve for a value that exists).</summary>
        public IReadOnlyList<string> Warnings { get; }
    }

    /// <summary>One field of an update: the API field, the map key for variables and headers, the new value (null removes a map entry).</summary>
    internal sealed class Edit
    {
        public Edit(string field, string? key, object? value)
        {
            Field = field;
            Key = key;
            Value = value;
        }

        public string Field { get; }
        public string? Key { get; }
        public object? Value { get; }
    }

    /// <summary>A secret the file refers to that could be resolved neither through Get-Secret nor from the environment.</summary>
    internal sealed class UnresolvedSecret
    {
        public UnresolvedSecret(SecretReference reference) => Reference = reference;

        public SecretReference Reference { get; }

        public override string ToString() => $"(not resolved: {Reference})";
    }

    /// <summary>
    /// Compares a project's configuration with its state and lists the changes that would make the server match the
    /// file. Nothing is removed unless <c>prune</c>; values left out of the file are not managed. Pure: no I/O.
    /// </summary>
    public sealed class ConfigurationPlanner
    {
        private readonly SecretPolicy _policy;
        private readonly Func<SecretReference, string?> _resolve;
        private readonly bool _prune;

        public ConfigurationPlanner(SecretPolicy policy, Func<SecretReference, string?> resolve, bool prune)
        {
            _policy = policy;
            _resolve = resolve;
            _prune = prune;
        }

        public ProjectPlan Plan(ProjectConfiguration desired, ProjectState? current)
        {
            var plan = new Builder(desired.UniqueName);
            plan.Resource(ConfigurationResourceType.Project, desired.UniqueName);
            if (current is null)
            {
                plan.Add(ConfigurationResourceType.Project, desired.UniqueName, null, ChangeAction.Add, null, desired.Type is null ? null : $"{desired.Type} project", false, ChangeOperation.CreateProject, desired);
                foreach (var environment in desired.Environments) AddEnvironment(plan, environment);
                foreach (var domain in desired.Domains) AddDomain(plan, domain);
                foreach (var cronjob in desired.Cronjobs) AddCronjob(plan, cronjob);
                return plan.Build(desired, null);
            }

            PlanProject(plan, desired, current);
            foreach (var environment in desired.Environments)
            {
                var existing = current.EnvironmentByName(environment.UniqueName);
                if (existing is null) AddEnvironment(plan, environment);
                else PlanEnvironment(plan, environment, existing);
            }
            foreach (var domain in desired.Domains)
            {
                var existing = current.Domains.FirstOrDefault(d => string.Equals(d.Name, domain.Name, StringComparison.OrdinalIgnoreCase));
                if (existing is null) AddDomain(plan, domain);
                else PlanDomain(plan, domain, existing, current);
            }
            foreach (var cronjob in desired.Cronjobs)
            {
                var existing = current.Cronjobs.FirstOrDefault(c => string.Equals(c.Name, cronjob.Name, StringComparison.OrdinalIgnoreCase));
                if (existing is null) AddCronjob(plan, cronjob);
                else PlanCronjob(plan, cronjob, existing, current);
            }
            if (_prune)
            {
                foreach (var cronjob in current.Cronjobs.Where(c => !desired.Cronjobs.Any(d => string.Equals(d.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
                    plan.Add(ConfigurationResourceType.Cronjob, cronjob.Name, null, ChangeAction.Remove, cronjob.Schedule, null, false, ChangeOperation.RemoveCronjob, cronjob, resource: true);
                foreach (var domain in current.Domains.Where(c => !desired.Domains.Any(d => string.Equals(d.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
                    plan.Add(ConfigurationResourceType.Domain, domain.Name, null, ChangeAction.Remove, domain.Status, null, false, ChangeOperation.RemoveDomain, domain, resource: true);
                foreach (var environment in current.Environments.Where(c => !desired.Environments.Any(d => string.Equals(d.UniqueName, c.UniqueName, StringComparison.OrdinalIgnoreCase))))
                    plan.Add(ConfigurationResourceType.Environment, environment.UniqueName, null, ChangeAction.Remove, environment.Status, null, false, ChangeOperation.RemoveEnvironment, environment, resource: true);
            }
            return plan.Build(desired, current);
        }

        private void PlanProject(Builder plan, ProjectConfiguration desired, ProjectState current)
        {
            var project = current.Project;
            const ConfigurationResourceType type = ConfigurationResourceType.Project;
            var name = desired.UniqueName;
            if (desired.Type != null && !string.Equals(desired.Type, project.Type, StringComparison.OrdinalIgnoreCase))
                plan.Add(type, name, "Type", ChangeAction.Change, project.Type, desired.Type, false, ChangeOperation.Unsupported,
                    $"A project's type cannot change ({project.Type} to {desired.Type}); create a new project for the other type.");
            Scalar(plan, type, name, "DisplayName", project.DisplayName, desired.DisplayName, ChangeOperation.UpdateProject, "displayName");
            Scalar(plan, type, name, "Description", project.Description, desired.Description, ChangeOperation.UpdateProject, "description");
            Scalar(plan, type, name, "EnabledSecurityScan", project.EnabledSecurityScan, desired.EnabledSecurityScan, ChangeOperation.UpdateProject, "enabledSecurityScan");
            if (desired.Settings is null) return;

            var currentSettings = project.Settings is null ? new JObject() : JObject.FromObject(project.Settings, Json.Serializer);
            foreach (var (file, api) in ConfigurationReader.SettingNames)
            {
                if (!desired.Settings.TryGetValue(api, out var wanted) || wanted is null) continue;
                var property = "Settings." + file;
                switch (wanted)
                {
                    case IDictionary<string, ConfigValue> map:
                        var currentMap = (currentSettings[api] as JObject)?.Properties().ToDictionary(p => p.Name, p => p.Value.ToString()) ?? new Dictionary<string, string>();
                        Values(plan, type, name, property, map, currentMap, ChangeOperation.UpdateProjectSettings, api);
                        break;
                    case List<string> list:
                        var currentList = (currentSettings[api] as JArray)?.Select(b => b.ToString()).ToList() ?? new List<string>();
                        if (!currentList.SequenceEqual(list))
                            plan.Add(type, name, property, ChangeAction.Change, string.Join(", ", currentList), string.Join(", ", list), false, ChangeOperation.UpdateProjectSettings, new Edit(api, null, list));
                        break;
                    default:
                        Scalar(plan, type, name, property, FreeForm.ToValue(currentSettings[api]), wanted, ChangeOperation.UpdateProjectSettings, api);
                        break;
                }
            }
        }

        private void AddEnvironment(Builder plan, EnvironmentConfiguration environment)
        {
            var summary = new List<string>();
            if (environment.Branch != null) summary.Add("branch " + environment.Branch);
            if (environment.Cpu != null || environment.Memory != null || environment.Replicas != null)
                summary.Add($"{environment.Cpu ?? Validation.CreateOsRules.CpuMin}m {environment.Memory ?? Validation.CreateOsRules.MemoryMin}MB x{environment.Replicas ?? 1}");
            if (environment.Variables != null) summary.Add($"{environment.Variables.Count} variables");
            plan.Add(ConfigurationResourceType.Environment, environment.UniqueName, null, ChangeAction.Add, null, summary.Count == 0 ? null : string.Join(", ", summary), false,
                ChangeOperation.CreateEnvironment, environment, resource: true);
        }

        private void PlanEnvironment(Builder plan, EnvironmentConfiguration desired, ProjectEnvironment current)
        {
            const ConfigurationResourceType type = ConfigurationResourceType.Environment;
            var name = desired.UniqueName;
            plan.Resource(type, name);
            Scalar(plan, type, name, "DisplayName", current.DisplayName, desired.DisplayName, ChangeOperation.UpdateEnvironment, "displayName");
            Scalar(plan, type, name, "Description", current.Description, desired.Description, ChangeOperation.UpdateEnvironment, "description");
            Scalar(plan, type, name, "Branch", current.Branch, desired.Branch, ChangeOperation.UpdateEnvironment, "branch");
            Scalar(plan, type, name, "AutoPromote", current.IsAutoPromoteEnabled, desired.AutoPromote, ChangeOperation.UpdateEnvironment, "isAutoPromoteEnabled");
            Scalar(plan, type, name, "Resources.Cpu", current.Resources.Cpu, desired.Cpu, ChangeOperation.UpdateResources, "cpu");
            Scalar(plan, type, name, "Resources.Memory", current.Resources.Memory, desired.Memory, ChangeOperation.UpdateResources, "memory");
            Scalar(plan, type, name, "Resources.Replicas", current.Resources.Replicas, desired.Replicas, ChangeOperation.UpdateResources, "replicas");
            Scalar(plan, type, name, "Port", current.Settings.Port, desired.Port, ChangeOperation.UpdateVariables, "port");
            if (desired.Variables != null)
                Values(plan, type, name, "Variables", desired.Variables, current.Settings.RunEnvs, ChangeOperation.UpdateVariables, "runEnvs");
        }

        private void AddDomain(Builder plan, DomainConfiguration domain) =>
            plan.Add(ConfigurationResourceType.Domain, domain.Name, null, ChangeAction.Add, null, domain.Environment is null ? null : "environment " + domain.Environment, false,
                ChangeOperation.CreateDomain, domain, resource: true);

        private void PlanDomain(Builder plan, DomainConfiguration desired, Domain current, ProjectState state)
        {
            plan.Resource(ConfigurationResourceType.Domain, desired.Name);
            if (!desired.ManagesEnvironment) return;
            var currentEnvironment = state.EnvironmentById(current.EnvironmentId)?.UniqueName ?? current.EnvironmentId;
            if (!string.Equals(currentEnvironment, desired.Environment, StringComparison.OrdinalIgnoreCase))
                plan.Add(ConfigurationResourceType.Domain, desired.Name, "Environment", ChangeAction.Change, currentEnvironment, desired.Environment, false,
                    ChangeOperation.MoveDomain, new Edit("environment", null, desired.Environment));
        }

        private void AddCronjob(Builder plan, CronjobConfiguration cronjob) =>
            plan.Add(ConfigurationResourceType.Cronjob, cronjob.Name, null, ChangeAction.Add, null, $"{cronjob.Schedule}" + (cronjob.Path is null ? "" : $", {cronjob.Method ?? "GET"} {cronjob.Path}"), false,
                ChangeOperation.CreateCronjob, cronjob, resource: true);

        private void PlanCronjob(Builder plan, CronjobConfiguration desired, Cronjob current, ProjectState state)
        {
            const ConfigurationResourceType type = ConfigurationResourceType.Cronjob;
            var name = desired.Name;
            plan.Resource(type, name);
            var currentEnvironment = state.EnvironmentById(current.EnvironmentId)?.UniqueName ?? current.EnvironmentId;
            if (!string.Equals(currentEnvironment, desired.Environment, StringComparison.OrdinalIgnoreCase))
            {
                plan.Add(type, name, "Environment", ChangeAction.Change, currentEnvironment, desired.Environment, false, ChangeOperation.RecreateCronjob, desired);
                return;
            }
            if (!string.Equals(current.Type, desired.Type, StringComparison.OrdinalIgnoreCase))
            {
                plan.Add(type, name, "Type", ChangeAction.Change, current.Type, desired.Type, false, ChangeOperation.RecreateCronjob, desired);
                return;
            }
            if (NormalizeSchedule(current.Schedule) != NormalizeSchedule(desired.Schedule))
                plan.Add(type, name, "Schedule", ChangeAction.Change, current.Schedule, desired.Schedule, false, ChangeOperation.UpdateCronjob, new Edit("schedule", null, desired.Schedule.Trim()));
            var settings = current.Settings;
            Scalar(plan, type, name, "Path", settings?.Path, desired.Path, ChangeOperation.UpdateCronjob, "path");
            Scalar(plan, type, name, "Method", settings?.Method, desired.Method, ChangeOperation.UpdateCronjob, "method");
            Scalar(plan, type, name, "TimeoutSec", settings?.TimeoutInSeconds, desired.TimeoutSec, ChangeOperation.UpdateCronjob, "timeoutInSeconds");
            if (desired.Body != null)
            {
                var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal) { ["Body"] = desired.Body };
                var currentBody = new Dictionary<string, string>();
                if (settings?.Body != null) currentBody["Body"] = settings.Body;
                Values(plan, type, name, "", values, currentBody, ChangeOperation.UpdateCronjob, "body");
            }
            if (desired.Headers != null)
                Values(plan, type, name, "Headers", desired.Headers, settings?.Headers ?? new Dictionary<string, string>(), ChangeOperation.UpdateCronjob, "headers");
            Scalar(plan, type, name, "Suspended", current.IsSuspended, desired.Suspended, ChangeOperation.SuspendCronjob, "suspended");
        }

        /// <summary>A managed scalar (null in the file: not managed) that differs from the server's value.</summary>
        private static void Scalar(Builder plan, ConfigurationResourceType type, string name, string property, object? current, object? desired, ChangeOperation operation, string field)
        {
            if (desired is null || SameValue(current, desired)) return;
            plan.Add(type, name, property, current is null ? ChangeAction.Add : ChangeAction.Change, current, desired, false, operation, new Edit(field, null, desired));
        }

        /// <summary>
        /// Variables, run/build variables and headers: each managed name added or changed, names on the server but not in
        /// the file removed with prune. Values that are secrets (by reference, by name, by look) are masked.
        /// </summary>
        private void Values(Builder plan, ConfigurationResourceType type, string name, string property, IDictionary<string, ConfigValue> desired,
            IDictionary<string, string> current, ChangeOperation operation, string field)
        {
            string PropertyOf(string key) => property.Length == 0 ? key : property + "." + key;
            foreach (var pair in desired)
            {
                var resolved = pair.Value.Reference is { } reference ? _resolve(reference) : pair.Value.Literal;
                current.TryGetValue(pair.Key, out var now);
                var secret = pair.Value.IsSecret || _policy.IsSecret(pair.Key, resolved) || (now != null && _policy.IsSecret(pair.Key, now));
                if (resolved is null)
                {
                    var unresolved = new UnresolvedSecret(pair.Value.Reference!);
                    if (now is null)
                        plan.Add(type, name, PropertyOf(pair.Key), ChangeAction.Add, null, unresolved.ToString(), false, operation, new Edit(field, pair.Key, unresolved));
                    else
                        plan.Warn($"{type.ToString().ToLowerInvariant()} {plan.Project}/{name} {PropertyOf(pair.Key)}: no value found in {pair.Value.Reference}, so it was not compared.");
                    continue;
                }
                if (now == resolved) continue;
                plan.Add(type, name, PropertyOf(pair.Key), now is null ? ChangeAction.Add : ChangeAction.Change, now, resolved, secret, operation, new Edit(field, pair.Key, resolved));
            }
            if (!_prune) return;
            foreach (var pair in current.Where(c => !desired.ContainsKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
                plan.Add(type, name, PropertyOf(pair.Key), ChangeAction.Remove, pair.Value, null, _policy.IsSecret(pair.Key, pair.Value), operation, new Edit(field, pair.Key, null));
        }

        private static bool SameValue(object? current, object? desired)
        {
            if (current is null || desired is null) return current is null && desired is null;
            if (IsNumber(current) && IsNumber(desired)) return Convert.ToDecimal(current) == Convert.ToDecimal(desired);
            return string.Equals(Convert.ToString(current, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(desired, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        private static bool IsNumber(object value) => value is int or long or double or decimal;

        private static string NormalizeSchedule(string schedule) => string.Join(" ", schedule.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));

        private sealed class Builder
        {
            private readonly List<ConfigurationChange> _changes = new List<ConfigurationChange>();
            private readonly List<(ConfigurationResourceType, string)> _resources = new List<(ConfigurationResourceType, string)>();
            private readonly List<string> _warnings = new List<string>();

            public Builder(string project) => Project = project;

            public string Project { get; }

            public void Resource(ConfigurationResourceType type, string name)
            {
                if (!_resources.Any(r => r.Item1 == type && string.Equals(r.Item2, name, StringComparison.OrdinalIgnoreCase))) _resources.Add((type, name));
            }

            public void Add(ConfigurationResourceType type, string name, string? property, ChangeAction action, object? current, object? desired, bool secret,
                ChangeOperation operation, object? value, bool resource = false)
            {
                if (resource) Resource(type, name);
                _changes.Add(new ConfigurationChange(Project, type, name, property, action, current, desired, secret, operation, value));
            }

            public void Warn(string warning) => _warnings.Add(warning);

            public ProjectPlan Build(ProjectConfiguration desired, ProjectState? current) => new ProjectPlan(desired, current, _changes, _resources, _warnings);
        }
    }
}
