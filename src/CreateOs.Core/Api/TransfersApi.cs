using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;

namespace CreateOs.Core.Api
{
    /// <summary>Moving a project to another user (reference §8.11).</summary>
    public sealed class TransfersApi
    {
        private readonly CreateOsClient _client;

        internal TransfersApi(CreateOsClient client) => _client = client;

        public async Task<ProjectTransferUri> GetTransferUriAsync(string projectId, CancellationToken ct)
        {
            var uri = await _client.GetAsync<ProjectTransferUri>(new ApiRequest(HttpMethod.Get, ProjectsApi.PathOf(projectId) + "/transfer-uri") { Subject = projectId }, ct).ConfigureAwait(false);
            uri.ProjectId = projectId;
            return uri;
        }

        /// <summary>Makes the caller the owner. A GET that mutates, irreversibly: never sent twice automatically.</summary>
        public Task AcceptAsync(string projectId, string token, CancellationToken ct)
        {
            CreateOsRules.Length("Token", token, 1, 8192);
            var request = new ApiRequest(HttpMethod.Get, ProjectsApi.PathOf(projectId) + "/transfer") { Subject = projectId, Idempotent = false }.WithQuery("token", token);
            return _client.SendAsync(request, ct);
        }

        public async Task<IReadOnlyList<ProjectTransfer>> ListHistoryAsync(string projectId, CancellationToken ct) =>
            (await _client.GetPageAsync<ProjectTransfer>(new ApiRequest(HttpMethod.Get, ProjectsApi.PathOf(projectId) + "/transfer-history") { Subject = projectId }, 0, ct).ConfigureAwait(false)).Items;
    }
}
