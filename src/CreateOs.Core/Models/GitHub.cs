using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace CreateOs.Core.Models
{
    /// <summary>A GitHub account (installation of the CreateOS app) connected to the user.</summary>
    public sealed class GitHubAccount
    {
        public string InstallationId { get; set; } = "";
        public string? Username { get; set; }
        public string? OwnerId { get; set; }
        public string? AvatarUrl { get; set; }
        /// <summary>The seed's name for the account; the spec says username.</summary>
        [JsonProperty("accountName")] private string? AccountName { set => Username ??= value; get => null; }
        public string? AccountType { get; set; }

        public override string ToString() => Username ?? InstallationId;
    }

    /// <summary>A repository the installation can see; accepts camelCase and GitHub's snake_case fields.</summary>
    public sealed class GitHubRepository
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string RepositoryId => Id;
        /// <summary>Filled in by the client so repositories pipe into Get-CreateOsGitHubBranch.</summary>
        public string InstallationId { get; set; } = "";
        public string Name { get; set; } = "";
        public string FullName { get; set; } = "";
        public bool Private { get; set; }
        public string? DefaultBranch { get; set; }

        [JsonProperty("full_name")] private string? FullNameSnake { get => null; set { if (string.IsNullOrEmpty(FullName)) FullName = value ?? ""; } }
        [JsonProperty("default_branch")] private string? DefaultBranchSnake { get => null; set => DefaultBranch ??= value; }

        public override string ToString() => FullName;
    }

    public sealed class GitHubBranch
    {
        public string Name { get; set; } = "";
        public bool Protected { get; set; }
        public GitHubCommit? Commit { get; set; }
        /// <summary>The commit's first seven hex digits (all of a shorter sha), as the default view shows it; null without a commit.</summary>
        [JsonIgnore] public string? ShortCommit => Commit?.Sha is string sha ? sha.Substring(0, Math.Min(7, sha.Length)) : null;
        public string InstallationId { get; set; } = "";
        /// <summary>owner/repo.</summary>
        public string Repository { get; set; } = "";

        public override string ToString() => Name;
    }

    public sealed class GitHubCommit
    {
        public string Sha { get; set; } = "";
        public string? Url { get; set; }

        public override string ToString() => Sha;
    }

    /// <summary>A GitHub tree object (one folder level).</summary>
    public sealed class GitHubTree
    {
        public string Sha { get; set; } = "";
        public string? Url { get; set; }
        public bool Truncated { get; set; }
        public List<GitHubTreeEntry> Tree { get; set; } = new List<GitHubTreeEntry>();
    }

    /// <summary>A file ("blob") or folder ("tree") of a repository; a folder pipes back into Get-CreateOsGitHubContent.</summary>
    public sealed class GitHubTreeEntry
    {
        public string Path { get; set; } = "";
        public string? Mode { get; set; }
        public string Type { get; set; } = "";
        public string Sha { get; set; } = "";
        public long? Size { get; set; }
        public string? Url { get; set; }
        public string InstallationId { get; set; } = "";
        public string Repository { get; set; } = "";
        public string Branch { get; set; } = "";
        /// <summary>The folder this entry is in, from the repository root.</summary>
        public string FullPath { get; set; } = "";

        public override string ToString() => FullPath.Length > 0 ? FullPath : Path;
    }
}
