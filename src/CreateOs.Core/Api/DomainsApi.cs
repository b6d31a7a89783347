using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Api
{
    /// <summary>Custom domains (reference §8.4).</summary>
    public sealed class DomainsApi
    {
        private readonly CreateOsClient _client;

        internal DomainsApi(CreateOsClient client) => _client = client;

        public static string PathOf(string projectId, string domainId) => ProjectsApi.PathOf(projectId) + "/domains/" + ApiRequest.Segment(domainId);

        public Task<IReadOnlyList<Domain>> ListAsync(string projectId, CancellationToken ct) =>
            _client.ListOfProjectAsync<Domain>(projectId, "domains", ct);

        public async Task<string> CreateAsync(string projectId, string name, string? environmentId, CancellationToken ct)
        {
            CreateOsRules.DomainName("Name", name);
            var body = new JObject { ["name"] = name };
            if (environmentId != null) body["environmentId"] = environmentId;
            var request = new ApiRequest(HttpMethod.Post, ProjectsApi.PathOf(projectId) + "/domains") { JsonBody = body, Subject = name };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        /// <summary>Asks the platform to verify the DNS records of a pending domain and issue its certificate.</summary>
        public Task RefreshAsync(string projectId, string domainId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, domainId) + "/refresh") { Subject = domainId }, ct);

        /// <summary>Points the domain at <paramref name="environmentId"/>, or detaches it when null.</summary>
        public Task SetEnvironmentAsync(string projectId, string domainId, string? environmentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(projectId, domainId) + "/environment")
            {
                JsonBody = new JObject { ["environmentId"] = environmentId is null ? JValue.CreateNull() : (JToken)environmentId },
                Subject = domainId,
            }, ct);

        public Task DeleteAsync(string projectId, string domainId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(projectId, domainId)) { Subject = domainId }, ct);
    }
}
