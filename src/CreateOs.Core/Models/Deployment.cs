using System;
using System.Collections.Generic;
using System.Linq;
using CreateOs.Core.Http;
using Newtonsoft.Json;

namespace CreateOs.Core.Models
{
    /// <summary>A deployment of a project. Carries <see cref="ProjectId"/> and <see cref="DeploymentId"/> so it binds in pipelines.</summary>
    public sealed class Deployment : IProjectOwned
    {
        private string _status = "";

        public string Id { get; set; } = "";
        [JsonIgnore] public string DeploymentId => Id;
        public string ProjectId { get; set; } = "";

        /// <summary>The wire value, with the seed's spellings mapped to the spec's (queued → queue).</summary>
        public string Status { get => _status; set => _status = DeploymentStates.Normalize(value); }
        public int? VersionNumber { get; set; }
        public DeploymentSource? Source { get; set; }
        public ProjectSettings? Settings { get; set; }
        public Dictionary<string, string>? Extra { get; set; }
        public string? ArtifactImage { get; set; }
        public string? CancelReason { get; set; }
        public DateTimeOffset? CancelledAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>The app's URL once deployed: a bare host from the API gets https://; anything but an http(s) URL is dropped.</summary>
        [JsonIgnore]
        public string? Endpoint
        {
            get => Extra != null && Extra.TryGetValue("endpoint", out var endpoint) ? EndpointIdentity.AppAddressOrNull(endpoint) : null;
        }

        public override string ToString() => $"{Id} ({Status})";
    }

    /// <summary>Where a deployment came from: a commit of a branch, an image, or nothing for uploads.</summary>
    public sealed class DeploymentSource
    {
        public string? Branch { get; set; }
        public string? Commit { get; set; }
        public string? CommitMessage { get; set; }
        public string? Image { get; set; }

        public override string ToString() => Image ?? (Branch is null ? "" : $"{Branch}@{(Commit is { Length: > 7 } ? Commit.Substring(0, 7) : Commit)}");
    }

    /// <summary>One line of a build log.</summary>
    public sealed class BuildLogLine
    {
        public string Log { get; set; } = "";
        public string? Stage { get; set; }
        public int LineNumber { get; set; }
        public DateTimeOffset? Ts { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public string? DeploymentId { get; set; }

        public override string ToString() => Log;
    }

    /// <summary>The deployment state machine's sets (reference §5 and §7).</summary>
    public static class DeploymentStates
    {
        public static readonly IReadOnlyList<string> Cancellable = new[] { "queue", "building" };
        /// <summary>A build is finished and the app serves: the spec's value and the spellings other sources use.</summary>
        public static readonly IReadOnlyList<string> Succeeded = new[] { "deployed", "successful", "running", "active" };
        public static readonly IReadOnlyList<string> Failed = new[] { "build_error", "error", "cancelled", "failed" };
        public static readonly IReadOnlyList<string> Deletable = new[] { "deployed", "deploying", "crashing" };
        public static readonly IReadOnlyList<string> Assignable = new[] { "deployed", "deploying", "crashing", "sleeping", "terminating" };

        public static string Normalize(string? status) => status switch
        {
            null => "",
            "queued" => "queue",
            _ => status,
        };

        public static bool IsSucceeded(string status) => Succeeded.Contains(status);
        public static bool IsFailed(string status) => Failed.Contains(status);
    }
}
