using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Environment analytics (reference §8.6), computed from the requests the sandbox served to the environment's app.</summary>
public static class AnalyticsRoutes
{
    private const string A = "/projects/{projectId}/environments/{environmentId}/analytics";

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        MapAnalytics(v1, state, "", hits => new
        {
            overallRequests = OverallRequests(hits.List),
            requestDistribution = RequestDistribution(hits.List),
            rpm = Rpm(hits),
            successPercentage = SuccessPercentage(hits.List),
            topHitPaths = TopHitPaths(hits.List),
            topErrorPaths = TopErrorPaths(hits.List),
        });
        MapAnalytics(v1, state, "/overall-requests", hits => OverallRequests(hits.List));
        MapAnalytics(v1, state, "/rpm", hits => Rpm(hits));
        MapAnalytics(v1, state, "/success-percentage", hits => new { successPercentage = SuccessPercentage(hits.List) });
        MapAnalytics(v1, state, "/requests-over-time", RequestsOverTime);
        MapAnalytics(v1, state, "/top-hit-paths", hits => TopHitPaths(hits.List));
        MapAnalytics(v1, state, "/top-error-paths", hits => TopErrorPaths(hits.List));
        MapAnalytics(v1, state, "/request-distribution", hits => RequestDistribution(hits.List));
    }

    private sealed record Window(long Start, long End, List<Hit> List);

    private static void MapAnalytics(RouteGroupBuilder v1, SandboxState state, string suffix, Func<Window, object> compute)
    {
        v1.Get(A + suffix, (HttpContext context, string projectId, string environmentId) =>
        {
            var now = state.Now.ToUnixTimeSeconds();
            var end = Query.OptionalLong(context.Request, "end") ?? now;
            var start = Query.OptionalLong(context.Request, "start") ?? end - 3600;
            if (start < 0 || end < 0) throw ApiException.BadRequest("start and end must be Unix seconds");
            if (start >= end) throw ApiException.BadRequest("start must be before end");
            lock (state.SyncRoot)
            {
                var (_, environment) = EnvironmentsRoutes.Find(state, context, projectId, environmentId);
                var hits = state.HitList
                    .Where(h => h.EnvironmentId == environment.Id)
                    .Where(h => h.Time.ToUnixTimeSeconds() >= start && h.Time.ToUnixTimeSeconds() <= end)
                    .ToList();
                return Api.Ok(compute(new Window(start, end, hits)));
            }
        });
    }

    private static object OverallRequests(List<Hit> hits) => new
    {
        total = hits.Count,
        success = hits.Count(h => h.Status is >= 200 and < 300),
        client = hits.Count(h => h.Status is >= 400 and < 500),
        server = hits.Count(h => h.Status >= 500),
    };

    private static double SuccessPercentage(List<Hit> hits) =>
        hits.Count == 0 ? 0 : Math.Round(100.0 * hits.Count(h => h.Status is >= 200 and < 400) / hits.Count, 2);

    private static object Rpm(Window window)
    {
        var minutes = Math.Max(1, (window.End - window.Start + 59) / 60);
        var peak = window.List.GroupBy(h => (h.Time.ToUnixTimeSeconds() - window.Start) / 60).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        return new { peak, average = Math.Round((double)window.List.Count / minutes, 2) };
    }

    /// <summary>At most 60 buckets of whole minutes covering [start, end].</summary>
    private static object RequestsOverTime(Window window)
    {
        var span = window.End - window.Start;
        var bucket = ((span + 59) / 60 + 59) / 60 * 60; // span/60 rounded up to whole minutes
        bucket = Math.Max(60, bucket);
        var buckets = new List<object>();
        for (var from = window.Start; from < window.End; from += bucket)
        {
            var to = from + bucket;
            var last = to >= window.End; // the window is inclusive of its end second
            var inBucket = window.List.Where(h => h.Time.ToUnixTimeSeconds() >= from && (h.Time.ToUnixTimeSeconds() < to || last)).ToList();
            buckets.Add(new
            {
                timestamp = from,
                count = inBucket.Count,
                status2xx = inBucket.Count(h => h.Status is >= 200 and < 300),
                status3xx = inBucket.Count(h => h.Status is >= 300 and < 400),
                status4xx = inBucket.Count(h => h.Status is >= 400 and < 500),
                status5xx = inBucket.Count(h => h.Status >= 500),
            });
        }
        return buckets;
    }

    private static object TopHitPaths(List<Hit> hits) => hits
        .GroupBy(h => h.Path)
        .Select(g => new { path = g.Key, count = g.Count() })
        .OrderByDescending(p => p.count).ThenBy(p => p.path, StringComparer.Ordinal)
        .Take(10).ToList();

    private static object TopErrorPaths(List<Hit> hits) => hits
        .Where(h => h.Status >= 400)
        .GroupBy(h => (h.Path, h.Status))
        .Select(g => new { path = g.Key.Path, status = g.Key.Status, count = g.Count() })
        .OrderByDescending(p => p.count).ThenBy(p => p.path, StringComparer.Ordinal).ThenBy(p => p.status)
        .Take(10).ToList();

    private static object RequestDistribution(List<Hit> hits) => hits
        .GroupBy(h => h.Status)
        .OrderBy(g => g.Key)
        .Select(g => new { status = g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), count = g.Count() })
        .ToList();
}
