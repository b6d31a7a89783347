using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Models
{
    /// <summary>
    /// A CreateOS project. <see cref="ProjectId"/> repeats <see cref="Id"/> so the object binds to -ProjectId in pipelines;
    /// <see cref="Name"/> repeats <see cref="UniqueName"/> so `Select-Object Name` and `Sort-Object Name` work as they do on
    /// gateway projects (MppProject.Name).
    /// </summary>
    public sealed class Project
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string ProjectId => Id;
        public string UniqueName { get; set; } = "";
        [JsonIgnore] public string Name => UniqueName;
        public string DisplayName { get; set; } = "";
        public string? Description { get; set; }
        public string Status { get; set; } = "";
        public string Type { get; set; } = "";
        public ProjectSource? Source { get; set; }
        public ProjectSettings? Settings { get; set; }
        public string? UserId { get; set; }
        public string? AppId { get; set; }
        public bool EnabledSecurityScan { get; set; }
        public DateTimeOffset? ExpireAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public DateTimeOffset? DeletedAt { get; set; }

        public override string ToString() => UniqueName;
    }

    /// <summary>Where a VCS project's code comes from; empty for image and upload projects.</summary>
    public sealed class ProjectSource
    {
        public string? VcsName { get; set; }
        public string? VcsInstallationId { get; set; }
        public string? VcsRepoId { get; set; }

        public override string ToString() => VcsName == null ? "" : $"{VcsName} repo {VcsRepoId}";
    }

    /// <summary>Build and runtime settings (reference §6); which fields apply depends on the project type.</summary>
    public sealed class ProjectSettings
    {
        public int? Port { get; set; }
        public string? Runtime { get; set; }
        public string? Framework { get; set; }
        public string? InstallCommand { get; set; }
        public string? BuildCommand { get; set; }
        public string? RunCommand { get; set; }
        public string? BuildDir { get; set; }
        public string? BuildFlag { get; set; }
        public string? RunFlag { get; set; }
        public string? DirectoryPath { get; set; }
        public Dictionary<string, string>? RunEnvs { get; set; }
        public Dictionary<string, string>? BuildVars { get; set; }
        public List<string>? IgnoreBranches { get; set; }
        public bool? HasDockerfile { get; set; }
        [JsonProperty("useBuildAI")] public bool? UseBuildAI { get; set; }

        public override string ToString()
        {
            var parts = new List<string>();
            if (Runtime != null) parts.Add(Runtime);
            if (Framework != null) parts.Add(Framework);
            if (Port != null) parts.Add("port " + Port);
            return string.Join(", ", parts);
        }
    }
}
