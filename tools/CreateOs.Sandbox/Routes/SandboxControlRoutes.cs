using CreateOs.Sandbox.Faults;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>Health and the sandbox's own control surface (/sandbox/...): fault injection, the request log and cronjob runs. No auth.</summary>
public static class SandboxControlRoutes
{
    public static void Map(WebApplication app, SandboxState state, SandboxFaults faults)
    {
        app.Get("/health", _ => Results.Json(new { status = "ok" }));

        var sandbox = app.MapGroup("/sandbox");

        sandbox.Get("/faults", _ => Api.Ok(new { errorsAsHttp200 = faults.ErrorsAsHttp200, rules = faults.Rules }));

        sandbox.Post("/faults", async context =>
        {
            var body = await Body.ReadAsync(context.Request);
            if (body.OptionalBool("errorsAsHttp200") is { } toggle) faults.ErrorsAsHttp200 = toggle;
            var route = body.OptionalString("path");
            if (route is null)
            {
                if (body.Has("errorsAsHttp200")) return Api.Ok(new { errorsAsHttp200 = faults.ErrorsAsHttp200 });
                throw ApiException.BadRequest("path is required");
            }
            var (method, path) = SandboxFaults.SplitRoute(route);
            method = body.OptionalString("method")?.ToUpperInvariant() ?? method;
            if (!path.StartsWith('/')) throw ApiException.BadRequest("path must start with /");
            var status = body.OptionalLong("status");
            if (status is not null) Validate.Range("status", status.Value, 400, 599);
            var latency = body.OptionalLong("latencyMs") ?? 0;
            Validate.Range("latencyMs", latency, 0, 600_000);
            var count = body.OptionalLong("count");
            if (count is not null) Validate.Range("count", count.Value, 1, int.MaxValue);
            var rule = faults.Add(new FaultRule
            {
                Method = method,
                PathPattern = path,
                LatencyMs = (int)latency,
                Status = (int?)status,
                RetryAfterSeconds = (int?)body.OptionalLong("retryAfterSeconds"),
                Count = (int?)count,
                DropAfterActing = body.OptionalBool("dropAfterActing") ?? false,
                WhenHeader = body.OptionalString("whenHeader"),
                Message = body.OptionalString("message"),
            });
            return Api.Ok(rule, 201);
        });

        sandbox.Delete("/faults", _ =>
        {
            faults.Clear();
            return Api.Message("faults cleared");
        });

        sandbox.Delete("/faults/{ruleId}", (_, ruleId) =>
            Guid.TryParse(ruleId, out var id) && faults.Remove(id)
                ? Api.Message("fault removed")
                : throw ApiException.NotFound("fault rule not found"));

        // The sandbox does not run schedules by itself: a test or a rehearsal records a run of a cronjob here.
        sandbox.Post("/cronjobs/{cronjobId}/runs", async (context, cronjobId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var statusCode = body.OptionalLong("statusCode") ?? 200;
            Validate.Range("statusCode", statusCode, 100, 599);
            var log = body.OptionalString("log");
            if (log is not null) Validate.Length("log", log, 0, 10_000);
            Guid id;
            lock (state.SyncRoot)
            {
                if (!Guid.TryParse(cronjobId, out id) || !state.CronjobList.Any(c => c.Id == id)) throw ApiException.NotFound("cronjob not found");
            }
            var run = CronjobsRoutes.RecordRun(state, id, body.OptionalBool("success") ?? statusCode < 400, (int)statusCode, log);
            return Api.Ok(run, 201);
        });

        sandbox.Get("/requests", _ => Api.Ok(state.Requests.Select(r => new { time = r.Time, method = r.Method, path = r.Path, query = r.QueryString, statusCode = r.StatusCode, userId = r.UserId })));

        sandbox.Delete("/requests", _ =>
        {
            state.ClearRequests();
            return Api.Message("request log cleared");
        });
    }
}
