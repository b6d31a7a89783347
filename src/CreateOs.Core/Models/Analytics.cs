using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace CreateOs.Core.Models
{
    /// <summary>The analytics one request can ask for (Get-CreateOsAnalytics -Metric).</summary>
    public enum AnalyticsMetric
    {
        Summary,
        OverallRequests,
        Rpm,
        SuccessPercentage,
        RequestsOverTime,
        TopHitPaths,
        TopErrorPaths,
        StatusDistribution,
    }

    /// <summary>Everything of the aggregate analytics call.</summary>
    public sealed class AnalyticsSummary
    {
        public string ProjectId { get; set; } = "";
        public string EnvironmentId { get; set; } = "";
        public DateTimeOffset Start { get; set; }
        public DateTimeOffset End { get; set; }
        public OverallRequests? OverallRequests { get; set; }
        public List<StatusCount> RequestDistribution { get; set; } = new List<StatusCount>();
        public RequestsPerMinute? Rpm { get; set; }
        public double SuccessPercentage { get; set; }
        public List<PathHits> TopHitPaths { get; set; } = new List<PathHits>();
        public List<ErrorPathHits> TopErrorPaths { get; set; } = new List<ErrorPathHits>();

        /// <summary>The total of <see cref="OverallRequests"/>, as the default view shows it under "Requests".</summary>
        [JsonIgnore] public long? TotalRequests => OverallRequests?.Total;
        /// <summary>The peak of <see cref="Rpm"/>, as the default view shows it.</summary>
        [JsonIgnore] public double? PeakRpm => Rpm?.Peak;
        /// <summary>The most requested path, as the default view shows it under "TopPath".</summary>
        [JsonIgnore] public string? TopHitPath => TopHitPaths is { Count: > 0 } paths ? paths[0]?.Path : null;
    }

    /// <summary>Requests by outcome: success = 2xx, client = 4xx, server = 5xx.</summary>
    public sealed class OverallRequests
    {
        public long Total { get; set; }
        public long Success { get; set; }
        public long Client { get; set; }
        public long Server { get; set; }

        public override string ToString() => $"{Total} requests ({Success} 2xx, {Client} 4xx, {Server} 5xx)";
    }

    public sealed class RequestsPerMinute
    {
        public double Peak { get; set; }
        public double Average { get; set; }

        public override string ToString() => $"peak {Peak}/min, average {Average}/min";
    }

    public sealed class SuccessRate
    {
        /// <summary>Percentage of 2xx and 3xx answers.</summary>
        public double SuccessPercentage { get; set; }
        /// <summary>The rest: 4xx and 5xx answers.</summary>
        [JsonIgnore] public double ErrorPercentage => Math.Round(100 - SuccessPercentage, 2);

        public override string ToString() => SuccessPercentage + " %";
    }

    public sealed class RequestsOverTimePoint
    {
        /// <summary>Unix seconds, as sent.</summary>
        public long Timestamp { get; set; }
        [JsonIgnore] public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);
        public long Count { get; set; }
        public long Status2xx { get; set; }
        public long Status3xx { get; set; }
        public long Status4xx { get; set; }
        public long Status5xx { get; set; }
    }

    public sealed class PathHits
    {
        public string Path { get; set; } = "";
        public long Count { get; set; }

        public override string ToString() => $"{Path}: {Count}";
    }

    public sealed class ErrorPathHits
    {
        public string Path { get; set; } = "";
        public int Status { get; set; }
        public long Count { get; set; }

        public override string ToString() => $"{Path} {Status}: {Count}";
    }

    public sealed class StatusCount
    {
        /// <summary>The HTTP status (the API sends it as a string).</summary>
        public string Status { get; set; } = "";
        public long Count { get; set; }

        public override string ToString() => $"{Status}: {Count}";
    }
}
