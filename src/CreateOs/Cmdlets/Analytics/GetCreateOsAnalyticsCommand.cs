using System;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Analytics
{
    /// <summary>
    /// <para type="synopsis">Gets an environment's traffic analytics: the summary, or one metric, over a time range (default: the last hour).</para>
    /// <para type="description">-Metric Summary returns one AnalyticsSummary; OverallRequests, Rpm and SuccessPercentage return one object; RequestsOverTime, TopHitPaths, TopErrorPaths and StatusDistribution return one object per row. -Start and -End are converted to Unix seconds.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsAnalytics")]
    [OutputType(typeof(AnalyticsSummary), typeof(OverallRequests), typeof(RequestsPerMinute), typeof(SuccessRate), typeof(RequestsOverTimePoint), typeof(PathHits), typeof(ErrorPathHits), typeof(StatusCount))]
    public sealed class GetCreateOsAnalyticsCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        [Parameter(Position = 2)]
        public AnalyticsMetric Metric { get; set; } = AnalyticsMetric.Summary;

        /// <summary>Start of the range (default: an hour before -End).</summary>
        [Parameter]
        public DateTime? Start { get; set; }

        /// <summary>End of the range (default: now).</summary>
        [Parameter]
        public DateTime? End { get; set; }

        protected override string ErrorNoun => "Analytics";

        protected override void ProcessRecord()
        {
            var end = End.HasValue ? ToOffset(End.Value) : DateTimeOffset.UtcNow;
            var start = Start.HasValue ? ToOffset(Start.Value) : end.AddHours(-1);
            if (!TryInvoke(EnvironmentId, () => Core.Api.AnalyticsApi.ValidateRange(start, end))) return;
            var api = Api;
            TryInvoke(EnvironmentId, () => WriteObject(Await(ct => api.Analytics.GetAsync(ProjectId, EnvironmentId, Metric, start, end, ct)), enumerateCollection: true));
        }

        /// <summary>Unspecified kinds (a typed-in date) are local time, as Get-Date shows them.</summary>
        private static DateTimeOffset ToOffset(DateTime value) =>
            value.Kind == DateTimeKind.Utc ? new DateTimeOffset(value) : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Local));
    }
}
