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
    /// <summary>The fields of a new cronjob (CreateCronjob); type and environment cannot change afterwards.</summary>
    public sealed class NewCronjob
    {
        public string EnvironmentId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Schedule { get; set; } = "";
        /// <summary>http or artifact.</summary>
        public string Type { get; set; } = "http";
        /// <summary>Required for http cronjobs.</summary>
        public CronjobSettings? Settings { get; set; }

        public void Validate()
        {
            CronjobRules.EnvironmentId(EnvironmentId);
            CronjobRules.Definition(Name, Schedule, Settings);
            if (!CronjobRules.Types.Contains(Type))
                throw new ValidationException("Type", Type, $"Type must be one of {string.Join(", ", CronjobRules.Types)}; got '{Type}'.");
            if (Type == "http" && Settings is null)
                throw new ValidationException("Path", null, "An http cronjob needs -Path (and -Method): the request it makes on its environment's endpoint.");
        }
    }

    /// <summary>The fields UpdateCronjob takes: name and schedule (both required) and settings (kept when null).</summary>
    public sealed class CronjobUpdate
    {
        public string Name { get; set; } = "";
        public string Schedule { get; set; } = "";
        public CronjobSettings? Settings { get; set; }

        public void Validate() => CronjobRules.Definition(Name, Schedule, Settings);
    }

    /// <summary>The cronjob limits of reference §8.12, checked before any request.</summary>
    public static class CronjobRules
    {
        public const int MaxPerProject = 4;
        public const int NameMax = 255;
        public const int TimeoutMin = 1, TimeoutMax = 5;
        public static readonly IReadOnlyList<string> Types = new[] { "http", "artifact" };
        public static readonly IReadOnlyList<string> Methods = new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" };

        public static void EnvironmentId(string? environmentId)
        {
            if (!Guid.TryParse(environmentId, out _))
                throw new ValidationException("EnvironmentId", environmentId, $"EnvironmentId must be an environment's id (a UUID, see Get-CreateOsEnvironment); got '{environmentId}'.");
        }

        public static void Definition(string name, string schedule, CronjobSettings? settings)
        {
            CreateOsRules.Length("Name", name, 1, NameMax);
            CronSchedule.Validate("Schedule", schedule);
            if (settings != null) Settings(settings);
        }

        public static void Settings(CronjobSettings settings)
        {
            if (string.IsNullOrEmpty(settings.Path) || !settings.Path.StartsWith("/", StringComparison.Ordinal))
                throw new ValidationException("Path", settings.Path, $"Path must start with '/' (the path on the environment's endpoint, e.g. /health); got '{settings.Path}'.");
            if (!Methods.Contains(settings.Method))
                throw new ValidationException("Method", settings.Method, $"Method must be one of {string.Join(", ", Methods)}; got '{settings.Method}'.");
            if (settings.TimeoutInSeconds.HasValue) CreateOsRules.Range("TimeoutSec", settings.TimeoutInSeconds.Value, TimeoutMin, TimeoutMax);
            if (settings.Headers != null)
            {
                // Values are never echoed: a header may carry a credential.
                foreach (var name in settings.Headers.Keys)
                    if (string.IsNullOrWhiteSpace(name) || name.Length > 255 || name.Any(c => c <= ' ' || c == ':' || c > '~'))
                        throw new ValidationException("Header", name, $"Header name '{name}' is not a valid HTTP header name.");
                if (settings.Headers.Values.Any(v => v is null || v.IndexOfAny(new[] { '\r', '\n' }) >= 0))
                    throw new ValidationException("Header", null, "Header values may not be null or contain line breaks.");
            }
        }

        /// <summary>The settings as the API takes them (method upper-case, empty parts left out).</summary>
        public static JObject ToJson(CronjobSettings settings)
        {
            var json = new JObject { ["path"] = settings.Path, ["method"] = settings.Method };
            if (settings.Headers != null && settings.Headers.Count > 0) json["headers"] = JObject.FromObject(settings.Headers);
            if (settings.Body != null) json["body"] = settings.Body;
            if (settings.TimeoutInSeconds != null) json["timeoutInSeconds"] = settings.TimeoutInSeconds.Value;
            return json;
        }
    }

    /// <summary>Cronjobs of a project (reference §8.12): at most four per project, suspend/unsuspend, the last ten runs.</summary>
    public sealed class CronjobsApi
    {
        private readonly CreateOsClient _client;

        internal CronjobsApi(CreateOsClient client) => _client = client;

        public static string PathOf(string projectId, string cronjobId) => ProjectsApi.PathOf(projectId) + "/cronjobs/" + ApiRequest.Segment(cronjobId);

        public Task<IReadOnlyList<Cronjob>> ListAsync(string projectId, CancellationToken ct) =>
            _client.ListOfProjectAsync<Cronjob>(projectId, "cronjobs", ct);

        public async Task<Cronjob> GetAsync(string projectId, string cronjobId, CancellationToken ct) =>
            CreateOsClient.OfProject(await _client.GetAsync<Cronjob>(new ApiRequest(HttpMethod.Get, PathOf(projectId, cronjobId)) { Subject = cronjobId }, ct).ConfigureAwait(false), projectId);

        public async Task<string> CreateAsync(string projectId, NewCronjob cronjob, CancellationToken ct)
        {
            cronjob.Validate();
            var body = new JObject
            {
                ["environmentId"] = cronjob.EnvironmentId,
                ["name"] = cronjob.Name,
                ["schedule"] = cronjob.Schedule.Trim(),
                ["type"] = cronjob.Type,
            };
            if (cronjob.Settings != null) body["settings"] = CronjobRules.ToJson(cronjob.Settings);
            var request = new ApiRequest(HttpMethod.Post, ProjectsApi.PathOf(projectId) + "/cronjobs") { JsonBody = body, Subject = cronjob.Name };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        public Task UpdateAsync(string projectId, string cronjobId, CronjobUpdate update, CancellationToken ct)
        {
            update.Validate();
            var body = new JObject { ["name"] = update.Name, ["schedule"] = update.Schedule.Trim() };
            if (update.Settings != null) body["settings"] = CronjobRules.ToJson(update.Settings);
            return _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(projectId, cronjobId)) { JsonBody = body, Subject = cronjobId }, ct);
        }

        public Task DeleteAsync(string projectId, string cronjobId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(projectId, cronjobId)) { Subject = cronjobId }, ct);

        /// <summary>422 when it is already suspended.</summary>
        public Task SuspendAsync(string projectId, string cronjobId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, cronjobId) + "/suspend") { Subject = cronjobId }, ct);

        /// <summary>422 when it is not suspended.</summary>
        public Task UnsuspendAsync(string projectId, string cronjobId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, cronjobId) + "/unsuspend") { Subject = cronjobId }, ct);

        /// <summary>The last ten runs, newest first as the API sends them.</summary>
        public async Task<IReadOnlyList<CronjobActivity>> ListActivitiesAsync(string projectId, string cronjobId, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, PathOf(projectId, cronjobId) + "/activities") { Subject = cronjobId };
            var page = await _client.GetPageAsync<CronjobActivity>(request, 0, ct).ConfigureAwait(false);
            foreach (var activity in page.Items)
            {
                activity.ProjectId = projectId;
                if (string.IsNullOrEmpty(activity.CronjobId)) activity.CronjobId = cronjobId;
            }
            return page.Items;
        }
    }
}
