using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>
/// Cronjobs (reference §8.12): pending → building → active, suspend/unsuspend (422 when already in that state), delete.
/// Create takes environmentId, name, schedule, type and settings; update only name, schedule and settings (type and
/// environment are fixed at creation). Runs are not executed; a run is recorded only by <see cref="RecordRun"/> (e.g.
/// from tests), so activities start empty.
/// </summary>
public static partial class CronjobsRoutes
{
    public const int MaxPerProject = 4;
    public const int MaxScheduleLength = 256;
    private const string P = "/projects/{projectId}";
    private const string C = P + "/cronjobs/{cronjobId}";

    [GeneratedRegex(@"^(@(yearly|annually|monthly|weekly|daily|hourly)|(\S+\s+){4}\S+)$")] private static partial Regex SchedulePattern();
    [GeneratedRegex(@"^[0-9*/,\-A-Za-z?]+$")] private static partial Regex ScheduleField();

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post(P + "/cronjobs", async (context, projectId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var definition = ReadDefinition(body);
            var type = body.RequiredString("type");
            if (type is not ("http" or "artifact")) throw ApiException.BadRequest("type must be http or artifact");
            if (type == "http" && definition.Settings is null) throw ApiException.BadRequest("settings is required for http cronjobs");
            var environmentId = body.OptionalGuid("environmentId") ?? throw ApiException.BadRequest("environmentId is required");
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                SandboxState.RequireActive(project);
                var environment = state.ProjectEnvironment(project, environmentId.ToString());
                var existing = state.CronjobList.Where(c => c.ProjectId == project.Id && c.Status != CronjobStatus.Deleted).ToList();
                if (existing.Count >= MaxPerProject) throw ApiException.QuotaReached($"maximum number of cronjobs reached ({MaxPerProject})");
                if (existing.Any(c => c.Name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase)))
                    throw ApiException.Conflict($"cronjob with name '{definition.Name}' already exists");
                var now = state.Now;
                var cronjob = new Cronjob
                {
                    Id = state.Ids.NewId(), ProjectId = project.Id, EnvironmentId = environment.Id, Name = definition.Name,
                    Schedule = definition.Schedule, Type = type, Settings = definition.Settings, CreatedAt = now, UpdatedAt = now,
                };
                state.CronjobList.Add(cronjob);
                ScheduleActivation(state, cronjob);
                return Api.CreatedId(cronjob.Id, 200);
            }
        });

        v1.Get(P + "/cronjobs", (context, projectId) =>
        {
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                return Api.Ok(state.CronjobList.Where(c => c.ProjectId == project.Id && c.Status != CronjobStatus.Deleted).ToList());
            }
        });

        v1.Get(C, (context, projectId, cronjobId) =>
        {
            lock (state.SyncRoot) return Api.Ok(Find(state, context, projectId, cronjobId));
        });

        v1.Put(C, async (context, projectId, cronjobId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            foreach (var fixedField in new[] { "type", "environmentId" })
                if (body.Has(fixedField)) throw ApiException.BadRequest($"{fixedField} is fixed at creation and cannot be updated");
            var definition = ReadDefinition(body);
            lock (state.SyncRoot)
            {
                var project = state.OwnedProject(context.CurrentUser(), projectId);
                var cronjob = FindIn(state, project, cronjobId);
                if (cronjob.Status is CronjobStatus.Deleting) throw ApiException.WrongState("cronjob is being deleted");
                if (state.CronjobList.Any(c => c.ProjectId == project.Id && c.Id != cronjob.Id && c.Status != CronjobStatus.Deleted && c.Name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase)))
                    throw ApiException.Conflict($"cronjob with name '{definition.Name}' already exists");
                if (cronjob.Type == "http" && definition.Settings is null && cronjob.Settings is null) throw ApiException.BadRequest("settings is required for http cronjobs");
                cronjob.Name = definition.Name;
                cronjob.Schedule = definition.Schedule;
                if (definition.Settings is not null) cronjob.Settings = definition.Settings;
                cronjob.UpdatedAt = state.Now;
                return Api.Message("cronjob updated successfully");
            }
        });

        v1.Delete(C, (context, projectId, cronjobId) =>
        {
            lock (state.SyncRoot)
            {
                var cronjob = Find(state, context, projectId, cronjobId);
                if (cronjob.Status == CronjobStatus.Deleting) throw ApiException.WrongState("cronjob is already being deleted");
                SetStatus(state, cronjob, CronjobStatus.Deleting);
                state.AfterStepDelay(() => SetStatus(state, cronjob, CronjobStatus.Deleted));
                return Api.Message("cronjob is being deleted");
            }
        });

        v1.Post(C + "/suspend", (context, projectId, cronjobId) =>
        {
            lock (state.SyncRoot)
            {
                var cronjob = Find(state, context, projectId, cronjobId);
                if (cronjob.Status is CronjobStatus.Suspended or CronjobStatus.Suspending) throw ApiException.WrongState("cronjob is already suspended");
                if (cronjob.Status == CronjobStatus.Deleting) throw ApiException.WrongState("cronjob is being deleted");
                SetStatus(state, cronjob, CronjobStatus.Suspending);
                cronjob.SuspendedAt = state.Now;
                state.AfterStepDelay(() => { if (cronjob.Status == CronjobStatus.Suspending) SetStatus(state, cronjob, CronjobStatus.Suspended); });
                return Api.Message("cronjob is being suspended");
            }
        });

        v1.Post(C + "/unsuspend", (context, projectId, cronjobId) =>
        {
            lock (state.SyncRoot)
            {
                var cronjob = Find(state, context, projectId, cronjobId);
                if (cronjob.Status is not (CronjobStatus.Suspended or CronjobStatus.Suspending)) throw ApiException.WrongState("cronjob is not suspended");
                SetStatus(state, cronjob, CronjobStatus.Active);
                cronjob.SuspendedAt = null;
                return Api.Message("cronjob is being unsuspended");
            }
        });

        v1.Get(C + "/activities", (context, projectId, cronjobId) =>
        {
            lock (state.SyncRoot)
            {
                var cronjob = Find(state, context, projectId, cronjobId);
                return Api.Ok(cronjob.Activities.AsEnumerable().Reverse().Take(10).ToList());
            }
        });
    }

    /// <summary>Records a run of a cronjob (the sandbox does not execute schedules by itself).</summary>
    public static CronjobActivity RecordRun(SandboxState state, Guid cronjobId, bool success = true, int? statusCode = 200, string? log = null)
    {
        lock (state.SyncRoot)
        {
            var cronjob = state.CronjobList.First(c => c.Id == cronjobId);
            var now = state.Now;
            var activity = new CronjobActivity { Id = state.Ids.NewId(), CronjobId = cronjob.Id, Success = success, StatusCode = statusCode, Log = log, ScheduledAt = now, CreatedAt = now };
            cronjob.Activities.Add(activity);
            return activity;
        }
    }

    private sealed record Definition(string Name, string Schedule, JsonObject? Settings);

    /// <summary>The fields create and update share: name, schedule and (optional) settings.</summary>
    private static Definition ReadDefinition(Body body)
    {
        var name = body.RequiredString("name");
        Validate.Length("name", name, 1, 255);
        var schedule = body.RequiredString("schedule").Trim();
        if (schedule.Length > MaxScheduleLength) throw ApiException.BadRequest($"schedule must be at most {MaxScheduleLength} characters");
        if (!SchedulePattern().IsMatch(schedule) || (!schedule.StartsWith('@') && !schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(ScheduleField().IsMatch)))
            throw ApiException.BadRequest("schedule must be a cron expression with 5 fields");
        var settingsJson = body.OptionalObject("settings");
        if (settingsJson is null) return new Definition(name, schedule, null);
        var settings = Body.FromJson(settingsJson, "settings.");
        var path = settings.RequiredString("path");
        if (!path.StartsWith('/')) throw ApiException.BadRequest("settings.path must start with /");
        var method = settings.RequiredString("method").ToUpperInvariant();
        if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD")) throw ApiException.BadRequest("settings.method must be an HTTP method");
        ProjectSettingsRules.StringMap(settingsJson, "headers", "settings.headers");
        settings.OptionalString("body");
        var timeout = settings.OptionalLong("timeoutInSeconds");
        if (timeout is not null) Validate.Range("settings.timeoutInSeconds", timeout.Value, 1, 5);
        foreach (var (key, _) in settingsJson)
            if (key is not ("path" or "method" or "headers" or "body" or "timeoutInSeconds")) throw ApiException.BadRequest($"settings.{key} is not allowed");
        var normalized = settingsJson.DeepClone().AsObject();
        normalized["method"] = method;
        return new Definition(name, schedule, normalized);
    }

    private static Cronjob Find(SandboxState state, HttpContext context, string projectId, string cronjobId) =>
        FindIn(state, state.OwnedProject(context.CurrentUser(), projectId), cronjobId);

    private static Cronjob FindIn(SandboxState state, Project project, string cronjobId) =>
        (Guid.TryParse(cronjobId, out var id) ? state.CronjobList.FirstOrDefault(c => c.Id == id && c.ProjectId == project.Id && c.Status != CronjobStatus.Deleted) : null)
        ?? throw ApiException.NotFound("cronjob not found");

    private static void ScheduleActivation(SandboxState state, Cronjob cronjob) =>
        state.AfterStepDelay(() =>
        {
            if (cronjob.Status == CronjobStatus.Pending)
            {
                SetStatus(state, cronjob, CronjobStatus.Building);
                ScheduleActivation(state, cronjob);
            }
            else if (cronjob.Status == CronjobStatus.Building)
            {
                SetStatus(state, cronjob, CronjobStatus.Active);
            }
        });

    private static void SetStatus(SandboxState state, Cronjob cronjob, string status)
    {
        cronjob.Status = status;
        cronjob.UpdatedAt = state.Now;
    }
}
