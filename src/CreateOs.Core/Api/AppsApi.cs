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
    /// <summary>Apps: groups of projects and services (reference §8.8).</summary>
    public sealed class AppsApi
    {
        private readonly CreateOsClient _client;

        internal AppsApi(CreateOsClient client) => _client = client;

        public static string PathOf(string appId) => "v1/apps/" + ApiRequest.Segment(appId);

        public async Task<IReadOnlyList<App>> ListAsync(CancellationToken ct) =>
            (await _client.GetPageAsync<App>(new ApiRequest(HttpMethod.Get, "v1/apps"), 0, ct).ConfigureAwait(false)).Items;

        public async Task<App> GetAsync(string appId, CancellationToken ct)
        {
            var apps = await ListAsync(ct).ConfigureAwait(false);
            return apps.FirstOrDefault(a => string.Equals(a.Id, appId, System.StringComparison.OrdinalIgnoreCase)) ?? throw ApiErrors.NotFound($"no app {appId}");
        }

        public static void Validate(string? name, string? description, string? color, bool creating)
        {
            if (name != null || creating) CreateOsRules.Length("Name", name, creating ? 2 : 1, 255);
            if (description != null) CreateOsRules.Length("Description", description, 1, 2048);
            CreateOsRules.Color("Color", color);
        }

        public async Task<string> CreateAsync(string name, string? description, string? color, CancellationToken ct)
        {
            Validate(name, description, color, creating: true);
            var request = new ApiRequest(HttpMethod.Post, "v1/apps") { JsonBody = Body(name, description, color), Subject = name };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        /// <summary>PATCH, the only update of the API that is not a PUT; name is required.</summary>
        public Task UpdateAsync(string appId, string name, string? description, string? color, CancellationToken ct)
        {
            Validate(name, description, color, creating: false);
            return _client.SendAsync(new ApiRequest(new HttpMethod("PATCH"), PathOf(appId)) { JsonBody = Body(name, description, color), Subject = appId, Idempotent = true }, ct);
        }

        public Task DeleteAsync(string appId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(appId)) { Subject = appId }, ct);

        public Task AddProjectsAsync(string appId, IReadOnlyCollection<string> projectIds, CancellationToken ct) => Members(appId, "/projects", "projectIds", projectIds, ct);

        public Task RemoveProjectsAsync(string appId, IReadOnlyCollection<string> projectIds, CancellationToken ct) => Members(appId, "/projects/remove", "projectIds", projectIds, ct);

        public Task AddServicesAsync(string appId, IReadOnlyCollection<string> serviceIds, CancellationToken ct) => Members(appId, "/services", "serviceIds", serviceIds, ct);

        public Task RemoveServicesAsync(string appId, IReadOnlyCollection<string> serviceIds, CancellationToken ct) => Members(appId, "/services/remove", "serviceIds", serviceIds, ct);

        public Task<Page<Project>> ListProjectsPageAsync(string appId, int offset, int limit, CancellationToken ct) =>
            _client.GetPageAsync<Project>(new ApiRequest(HttpMethod.Get, PathOf(appId) + "/projects") { Subject = appId }.WithQuery("limit", limit).WithQuery("offset", offset), offset, ct);

        /// <summary>Services have no documented schema: items stay free-form.</summary>
        public Task<Page<JObject>> ListServicesPageAsync(string appId, int offset, int limit, CancellationToken ct) =>
            _client.GetPageAsync<JObject>(new ApiRequest(HttpMethod.Get, PathOf(appId) + "/services") { Subject = appId }.WithQuery("limit", limit).WithQuery("offset", offset), offset, ct);

        private Task Members(string appId, string suffix, string field, IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            if (ids.Count == 0) throw new ValidationException(field, null, $"Give at least one id in {field}.");
            var body = new JObject { [field] = new JArray(ids.Distinct().ToArray()) };
            // Adding or removing the same members twice ends in the same state.
            return _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(appId) + suffix) { JsonBody = body, Subject = appId, Idempotent = true }, ct);
        }

        private static JObject Body(string name, string? description, string? color)
        {
            var body = new JObject { ["name"] = name };
            if (description != null) body["description"] = description;
            if (color != null) body["color"] = color;
            return body;
        }
    }
}
