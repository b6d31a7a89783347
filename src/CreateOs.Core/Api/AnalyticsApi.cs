using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Api
{
    /// <summary>Environment analytics (reference §8.6); the time range is sent as Unix seconds.</summary>
    public sealed class AnalyticsApi
    {
        private readonly CreateOsClient _client;

        internal AnalyticsApi(CreateOsClient client) => _client = client;

        public static string SuffixOf(AnalyticsMetric metric) => metric switch
        {
            AnalyticsMetric.Summary => "",
            AnalyticsMetric.OverallRequests => "/overall-requests",
            AnalyticsMetric.Rpm => "/rpm",
            AnalyticsMetric.SuccessPercentage => "/success-percentage",
            AnalyticsMetric.RequestsOverTime => "/requests-over-time",
            AnalyticsMetric.TopHitPaths => "/top-hit-paths",
            AnalyticsMetric.TopErrorPaths => "/top-error-paths",
            AnalyticsMetric.StatusDistribution => "/request-distribution",
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };

        public static void ValidateRange(DateTimeOffset start, DateTimeOffset end)
        {
            if (start >= end) throw new ValidationException("Start", start, $"Start ({start:u}) must be before End ({end:u}).");
            if (start.ToUnixTimeSeconds() < 0) throw new ValidationException("Start", start, "Start must be after 1970-01-01.");
        }

        /// <summary>
        /// The metric's typed result(s): one object for Summary, OverallRequests, Rpm and SuccessPercentage, a list for
        /// the others.
        /// </summary>
        public async Task<IReadOnlyList<object>> GetAsync(string projectId, string environmentId, AnalyticsMetric metric, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
        {
            ValidateRange(start, end);
            var request = new ApiRequest(HttpMethod.Get, EnvironmentsApi.PathOf(projectId, environmentId) + "/analytics" + SuffixOf(metric)) { Subject = environmentId }
                .WithQuery("start", start.ToUnixTimeSeconds()).WithQuery("end", end.ToUnixTimeSeconds());
            var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
            var payload = AggregateAware(response, metric);
            switch (metric)
            {
                case AnalyticsMetric.Summary:
                    var summary = Read<AnalyticsSummary>(payload, request);
                    summary.ProjectId = projectId;
                    summary.EnvironmentId = environmentId;
                    summary.Start = start;
                    summary.End = end;
                    return new object[] { summary };
                case AnalyticsMetric.OverallRequests: return new object[] { Read<OverallRequests>(payload, request) };
                case AnalyticsMetric.Rpm: return new object[] { Read<RequestsPerMinute>(payload, request) };
                case AnalyticsMetric.SuccessPercentage:
                    // Tolerate a bare number as well as {successPercentage}.
                    return new object[] { payload is JValue number ? new SuccessRate { SuccessPercentage = number.Value<double>() } : Read<SuccessRate>(payload, request) };
                case AnalyticsMetric.RequestsOverTime: return Read<List<RequestsOverTimePoint>>(payload, request).Cast<object>().ToList();
                case AnalyticsMetric.TopHitPaths: return Read<List<PathHits>>(payload, request).Cast<object>().ToList();
                case AnalyticsMetric.TopErrorPaths: return Read<List<ErrorPathHits>>(payload, request).Cast<object>().ToList();
                default: return Read<List<StatusCount>>(payload, request).Cast<object>().ToList();
            }
        }

        /// <summary>The aggregate template has no data wrapper: read the root when data is absent but overallRequests is there.</summary>
        private static JToken? AggregateAware(ApiResponse response, AnalyticsMetric metric)
        {
            if (metric == AnalyticsMetric.Summary && response.Body is JObject root && root["data"] is null && root["overallRequests"] != null) return root;
            return response.Payload;
        }

        private static T Read<T>(JToken? payload, ApiRequest request)
        {
            try
            {
                return Json.ToObject<T>(payload) ?? throw new ApiException(ApiFailureKind.InvalidResponse, $"{request.Method} {request.Path} returned no data.");
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                throw new ApiException(ApiFailureKind.InvalidResponse, $"{request.Method} {request.Path} returned data of an unexpected shape: {ex.Message}", ex);
            }
        }
    }
}
