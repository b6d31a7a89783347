using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Models
{
    /// <summary>The vulnerability scan of a deployment: pending → in_progress → success | failed.</summary>
    public sealed class SecurityScan
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string ScanId => Id;
        /// <summary>Filled in by the client (the API does not return it) so the scan pipes into the other scan cmdlets.</summary>
        public string ProjectId { get; set; } = "";
        public string DeploymentId { get; set; } = "";
        public string? Type { get; set; }
        public string? Tool { get; set; }
        public string Status { get; set; } = "";
        public string? FailedReason { get; set; }
        public string? Executor { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public DateTimeOffset? DeletedAt { get; set; }

        [JsonIgnore] public IDictionary<string, object?>? ParsedReport { get; private set; }

        [JsonProperty("parsedReport")]
        private JToken? RawParsedReport { get => null; set => ParsedReport = value is JObject obj ? FreeForm.ToDictionary(obj) : null; }

        /// <summary>Done: the spec's "success" and the seed's "successful".</summary>
        [JsonIgnore] public bool IsSucceeded => Status == "success" || Status == "successful";

        public override string ToString() => $"{Tool} scan of {DeploymentId} ({Status})";
    }

    /// <summary>A signed, time-limited download address.</summary>
    public sealed class DownloadLink
    {
        public string DownloadUri { get; set; } = "";
    }
}

namespace CreateOs.Core.Models
{
    /// <summary>A file a Save- cmdlet wrote (a deployment archive, a scan report).</summary>
    public sealed class SavedFile
    {
        public string Path { get; set; } = "";
        public long Bytes { get; set; }
        public string ProjectId { get; set; } = "";
        public string DeploymentId { get; set; } = "";

        public override string ToString() => Path;
    }
}
