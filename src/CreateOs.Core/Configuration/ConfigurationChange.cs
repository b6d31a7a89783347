using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CreateOs.Core.Configuration
{
    public enum ChangeAction { Add, Change, Remove }

    public enum ConfigurationResourceType { Project, Environment, Domain, Cronjob }

    /// <summary>The API call a change is applied with; changes of one resource that share a call are sent together.</summary>
    internal enum ChangeOperation
    {
        CreateProject, UpdateProject, UpdateProjectSettings, Unsupported,
        CreateEnvironment, UpdateEnvironment, UpdateResources, UpdateVariables, RemoveEnvironment,
        CreateDomain, MoveDomain, RemoveDomain,
        CreateCronjob, UpdateCronjob, SuspendCronjob, RecreateCronjob, RemoveCronjob,
    }

    /// <summary>
    /// One difference between a configuration file and the server: which resource, which property, the current and the
    /// desired value, and whether applying it adds, changes or removes something. Secret values are never held in
    /// Current or Desired: they show as "(secret)".
    /// </summary>
    public sealed class ConfigurationChange
    {
        internal ConfigurationChange(string project, ConfigurationResourceType resourceType, string name, string? property, ChangeAction action,
            object? current, object? desired, bool isSecret, ChangeOperation operation, object? value)
        {
            Project = project;
            ResourceType = resourceType;
            Name = name;
            Property = property;
            Action = action;
            IsSecret = isSecret;
            Current = isSecret && current != null ? SecretPolicy.Mask : current;
            Desired = isSecret && desired != null ? SecretPolicy.Mask : desired;
            Operation = operation;
            Value = value;
        }

        /// <summary>The unique name of the project the change belongs to.</summary>
        public string Project { get; }
        public ConfigurationResourceType ResourceType { get; }
        /// <summary>The resource's own name: the project's or environment's unique name, the domain, the cronjob's name.</summary>
        public string Name { get; }
        /// <summary>e.g. "environment shop/production".</summary>
        public string Resource => ResourceType == ConfigurationResourceType.Project ? $"project {Project}" : $"{ResourceType.ToString().ToLowerInvariant()} {Project}/{Name}";
        /// <summary>The property that differs (Resources.Cpu, Variables.LOG_LEVEL, Schedule, ...); null when a whole resource is added or removed.</summary>
        public string? Property { get; }
        public ChangeAction Action { get; }
        public object? Current { get; }
        public object? Desired { get; }
        public bool IsSecret { get; }

        /// <summary>The resource's type and name, e.g. "environment production", as the plan table shows it (grouped by project).</summary>
        public string ResourceShown => $"{ResourceType.ToString().ToLowerInvariant()} {Name}";
        /// <summary><see cref="Property"/>, or "(all)" for a whole resource, as the plan table shows it.</summary>
        public string PropertyShown => string.IsNullOrEmpty(Property) ? "(all)" : Property!;
        /// <summary><see cref="Current"/> as the plan table shows it (PowerShell's string form of the value; "" for none).</summary>
        public string CurrentShown => Models.DisplayText.AsPowerShellString(Current);
        /// <summary><see cref="Desired"/> as the plan table shows it (PowerShell's string form of the value; "" for none).</summary>
        public string DesiredShown => Models.DisplayText.AsPowerShellString(Desired);

        /// <summary>"+", "~" or "-", as a plan shows them.</summary>
        public string Symbol => Action switch { ChangeAction.Add => "+", ChangeAction.Remove => "-", _ => "~" };

        /// <summary>What applying it does, in words; used for confirmations and verbose output (never a secret value).</summary>
        public string Description
        {
            get
            {
                var what = Property ?? ResourceType.ToString().ToLowerInvariant();
                return Action switch
                {
                    ChangeAction.Add when Property is null => $"Add {what}" + (Desired is null ? "" : $" ({Display(Desired)})"),
                    ChangeAction.Add => $"Add {what} = {Display(Desired)}",
                    ChangeAction.Remove when Property is null => $"Remove {what}",
                    ChangeAction.Remove => $"Remove {what} (was {Display(Current)})",
                    _ => $"Change {what} from {Display(Current)} to {Display(Desired)}",
                };
            }
        }

        internal ChangeOperation Operation { get; }
        /// <summary>What the API call needs (the real value, a resolved secret included): never shown, never written.</summary>
        internal object? Value { get; }

        /// <summary>The same change without the value needed to apply it, for output.</summary>
        internal ConfigurationChange ForOutput() => new ConfigurationChange(Project, ResourceType, Name, Property, Action, Current, Desired, false, Operation, null);

        internal static string Display(object? value) => value switch
        {
            null => "(none)",
            // "(secret)", "(not resolved: ...)": markers, not values.
            string text when text.Length > 1 && text[0] == '(' && text[text.Length - 1] == ')' => text,
            string text => "'" + text + "'",
            bool flag => flag ? "$true" : "$false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        public override string ToString() => $"{Symbol} {Resource}: {Description}";
    }

    /// <summary>How applying one resource's changes ended.</summary>
    public enum ResourceOutcome { Unchanged, Changed, Failed, Skipped }

    /// <summary>One resource of a synchronisation: what happened to it and, when it failed, why.</summary>
    public sealed class ConfigurationResourceResult
    {
        public string Project { get; set; } = "";
        public ConfigurationResourceType ResourceType { get; set; }
        public string Name { get; set; } = "";
        public string Resource => ResourceType == ConfigurationResourceType.Project ? $"project {Project}" : $"{ResourceType.ToString().ToLowerInvariant()} {Project}/{Name}";
        public ResourceOutcome Outcome { get; set; }
        /// <summary>How many of its changes were applied.</summary>
        public int Applied { get; set; }
        /// <summary>The first failure, when it failed.</summary>
        public string? Error { get; set; }

        public override string ToString() => $"{Resource}: {Outcome}";
    }

    /// <summary>What Sync-CreateOsConfiguration did: counts per outcome and one result per resource.</summary>
    public sealed class ConfigurationSyncSummary
    {
        public int Projects { get; set; }
        public int Changed => Resources.Count(r => r.Outcome == ResourceOutcome.Changed);
        public int Unchanged => Resources.Count(r => r.Outcome == ResourceOutcome.Unchanged);
        public int Failed => Resources.Count(r => r.Outcome == ResourceOutcome.Failed);
        public int Skipped => Resources.Count(r => r.Outcome == ResourceOutcome.Skipped);
        /// <summary>Changes applied (one resource may have several).</summary>
        public int ChangesApplied { get; set; }
        public TimeSpan Duration { get; set; }
        /// <summary>The duration in seconds to one decimal in the current culture, e.g. "1.3 s", as the default view shows it.</summary>
        public string DurationShown => string.Format(CultureInfo.CurrentCulture, "{0:0.0} s", Duration.TotalSeconds);
        public IReadOnlyList<ConfigurationResourceResult> Resources { get; set; } = Array.Empty<ConfigurationResourceResult>();

        public override string ToString() => $"{Changed} changed, {Unchanged} unchanged, {Failed} failed, {Skipped} skipped";
    }
}
