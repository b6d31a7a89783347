using System;
using System.Collections.Generic;
using System.Linq;

namespace CreateOs.Core.Configuration
{
    /// <summary>
    /// The desired state of a set of projects, as written in a configuration file (.psd1 or JSON). What a file leaves
    /// out (a null property, a missing key) is not managed: it is neither compared nor changed.
    /// </summary>
    public sealed class FleetConfiguration
    {
        public const int CurrentVersion = 1;

        public int Version { get; set; } = CurrentVersion;
        public List<ProjectConfiguration> Projects { get; set; } = new List<ProjectConfiguration>();

        /// <summary>Every secret reference in the file (variables, project run/build variables, cronjob headers), once each.</summary>
        public IReadOnlyList<SecretReference> SecretReferences() =>
            Projects.SelectMany(p => p.Values()).Where(v => v.Reference != null).Select(v => v.Reference!).Distinct().ToList();
    }

    public sealed class ProjectConfiguration
    {
        /// <summary>The key: projects are matched by unique name.</summary>
        public string UniqueName { get; set; } = "";
        /// <summary>A hint: the id it had when exported; used first when it still names this project.</summary>
        public string? Id { get; set; }
        public string? DisplayName { get; set; }
        public string? Description { get; set; }
        /// <summary>vcs, image or upload; needed only to create the project.</summary>
        public string? Type { get; set; }
        public bool? EnabledSecurityScan { get; set; }
        public string? VcsInstallationId { get; set; }
        public string? VcsRepoId { get; set; }
        /// <summary>Project settings by their API name (port, runtime, runEnvs, ...); run/build variable values may be secret references.</summary>
        public SortedDictionary<string, object?>? Settings { get; set; }
        public List<EnvironmentConfiguration> Environments { get; set; } = new List<EnvironmentConfiguration>();
        public List<DomainConfiguration> Domains { get; set; } = new List<DomainConfiguration>();
        public List<CronjobConfiguration> Cronjobs { get; set; } = new List<CronjobConfiguration>();

        internal IEnumerable<ConfigValue> Values()
        {
            if (Settings != null)
                foreach (var map in Settings.Values.OfType<IDictionary<string, ConfigValue>>())
                    foreach (var value in map.Values) yield return value;
            foreach (var environment in Environments)
                foreach (var value in environment.Variables?.Values ?? Enumerable.Empty<ConfigValue>()) yield return value;
            foreach (var cronjob in Cronjobs)
            {
                foreach (var value in cronjob.Headers?.Values ?? Enumerable.Empty<ConfigValue>()) yield return value;
                if (cronjob.Body != null) yield return cronjob.Body;
            }
        }

        public override string ToString() => UniqueName;
    }

    public sealed class EnvironmentConfiguration
    {
        public string UniqueName { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Description { get; set; }
        public string? Branch { get; set; }
        public bool? AutoPromote { get; set; }
        /// <summary>Image projects only.</summary>
        public int? Port { get; set; }
        public int? Cpu { get; set; }
        public int? Memory { get; set; }
        public int? Replicas { get; set; }
        public SortedDictionary<string, ConfigValue>? Variables { get; set; }

        public override string ToString() => UniqueName;
    }

    public sealed class DomainConfiguration
    {
        public string Name { get; set; } = "";
        /// <summary>Whether the file says which environment the domain serves (Environment may then be null: none).</summary>
        public bool ManagesEnvironment { get; set; }
        /// <summary>The unique name of the environment it serves; null for none.</summary>
        public string? Environment { get; set; }

        public override string ToString() => Name;
    }

    public sealed class CronjobConfiguration
    {
        public string Name { get; set; } = "";
        /// <summary>The unique name of its environment (fixed at creation).</summary>
        public string Environment { get; set; } = "";
        /// <summary>http or artifact (fixed at creation).</summary>
        public string Type { get; set; } = "http";
        public string Schedule { get; set; } = "";
        public bool? Suspended { get; set; }
        public string? Path { get; set; }
        public string? Method { get; set; }
        public SortedDictionary<string, ConfigValue>? Headers { get; set; }
        /// <summary>The request body: text, or a secret reference when it carries a credential.</summary>
        public ConfigValue? Body { get; set; }
        public int? TimeoutSec { get; set; }

        public bool HasRequest => Path != null || Method != null || Headers != null || Body != null || TimeoutSec != null;

        public override string ToString() => Name;
    }

    /// <summary>A value in the file: written in clear, or a reference to a secret resolved when the file is applied.</summary>
    public sealed class ConfigValue
    {
        private ConfigValue(string? literal, SecretReference? reference)
        {
            Literal = literal;
            Reference = reference;
        }

        public string? Literal { get; }
        public SecretReference? Reference { get; }
        public bool IsSecret => Reference != null;

        public static ConfigValue Of(string literal) => new ConfigValue(literal, null);

        public static ConfigValue Of(SecretReference reference) => new ConfigValue(null, reference);

        public override string ToString() => Reference?.ToString() ?? Literal ?? "";
    }

    /// <summary>
    /// Where a secret's value comes from when the file is applied: a SecretManagement secret (Get-Secret, when that
    /// command exists in the session), else an environment variable. The file never holds the value.
    /// </summary>
    public sealed class SecretReference : IEquatable<SecretReference>
    {
        public SecretReference(string? secret, string? vault, string? environmentVariable)
        {
            if (string.IsNullOrWhiteSpace(secret) && string.IsNullOrWhiteSpace(environmentVariable))
                throw new ArgumentException("A secret reference needs a Secret name or an EnvironmentVariable.");
            Secret = string.IsNullOrWhiteSpace(secret) ? null : secret;
            Vault = string.IsNullOrWhiteSpace(vault) ? null : vault;
            EnvironmentVariable = string.IsNullOrWhiteSpace(environmentVariable) ? null : environmentVariable;
        }

        /// <summary>The SecretManagement secret name (Get-Secret -Name).</summary>
        public string? Secret { get; }
        /// <summary>The SecretManagement vault (Get-Secret -Vault); null for the default vault.</summary>
        public string? Vault { get; }
        public string? EnvironmentVariable { get; }

        public bool Equals(SecretReference? other) =>
            other != null && Secret == other.Secret && Vault == other.Vault && EnvironmentVariable == other.EnvironmentVariable;

        public override bool Equals(object? obj) => Equals(obj as SecretReference);

        public override int GetHashCode() => ((Secret?.GetHashCode() ?? 0) * 397) ^ ((Vault?.GetHashCode() ?? 0) * 31) ^ (EnvironmentVariable?.GetHashCode() ?? 0);

        /// <summary>Where the value comes from, never the value.</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            if (Secret != null) parts.Add($"secret '{Secret}'" + (Vault is null ? "" : $" in vault '{Vault}'"));
            if (EnvironmentVariable != null) parts.Add($"$env:{EnvironmentVariable}");
            return string.Join(" or ", parts);
        }
    }
}
