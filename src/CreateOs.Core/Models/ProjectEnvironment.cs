using System;
using System.Collections.Generic;
using CreateOs.Core.Http;
using Newtonsoft.Json;

namespace CreateOs.Core.Models
{
    /// <summary>An environment of a project (production, staging…). Carries ProjectId and EnvironmentId for pipelines.</summary>
    public sealed class ProjectEnvironment : IProjectOwned
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string EnvironmentId => Id;
        public string ProjectId { get; set; } = "";
        public string UniqueName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? Description { get; set; }
        public string? Branch { get; set; }
        /// <summary>The deployment the environment serves (see Set-CreateOsEnvironmentDeployment).</summary>
        public string? ProjectDeploymentId { get; set; }
        public bool IsAutoPromoteEnabled { get; set; }
        public string Status { get; set; } = "";
        public EnvironmentSettings Settings { get; set; } = new EnvironmentSettings();
        public EnvironmentResources Resources { get; set; } = new EnvironmentResources();
        /// <summary>The resources as the default view shows them, e.g. "200m 512MB x1".</summary>
        [JsonIgnore] public string ResourceSummary => FormattableString.Invariant($"{Resources?.Cpu}m {Resources?.Memory}MB x{Resources?.Replicas}");
        public EnvironmentExtra? Extra { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        [JsonIgnore]
        public string? Endpoint
        {
            get => EndpointIdentity.AppAddressOrNull(Extra?.Endpoint);
        }

        public override string ToString() => UniqueName;
    }

    public sealed class EnvironmentSettings
    {
        public Dictionary<string, string> RunEnvs { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>Image projects only.</summary>
        public int? Port { get; set; }

        public override string ToString() => $"{RunEnvs.Count} variables" + (Port is null ? "" : $", port {Port}");
    }

    public sealed class EnvironmentResources
    {
        /// <summary>Millicores, 200–500.</summary>
        public int Cpu { get; set; }
        /// <summary>MB, 500–1024.</summary>
        public int Memory { get; set; }
        /// <summary>1–3.</summary>
        public int Replicas { get; set; }

        public override string ToString() => $"{Cpu}m CPU, {Memory} MB, {Replicas} replica(s)";
    }

    public sealed class EnvironmentExtra
    {
        public string? Endpoint { get; set; }
        public List<string> CustomDomains { get; set; } = new List<string>();

        public override string ToString() => CustomDomains.Count == 0 ? "no custom domains" : string.Join(", ", CustomDomains);
    }

    /// <summary>One environment variable, with the ids of its environment so it pipes into Remove-CreateOsEnvironmentVariable.</summary>
    public sealed class EnvironmentVariable
    {
        public string ProjectId { get; set; } = "";
        public string EnvironmentId { get; set; } = "";
        public string EnvironmentName { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>The value exactly as stored: it is written back by variable updates, so nothing in it is changed.</summary>
        public string Value { get; set; } = "";

        /// <summary>The value as a screen may show it: control characters and escape sequences removed (views use this).</summary>
        public string ShownValue => Http.ServerText.Clean(Value);

        public override string ToString() => $"{Name}={ShownValue}";
    }
}
