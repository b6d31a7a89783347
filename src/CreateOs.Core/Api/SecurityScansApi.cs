using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;

namespace CreateOs.Core.Api
{
    /// <summary>Security scans of a deployment (reference §8.7).</summary>
    public sealed class SecurityScansApi
    {
        private readonly CreateOsClient _client;

        internal SecurityScansApi(CreateOsClient client) => _client = client;

        private static string PathOf(string projectId, string deploymentId) => DeploymentsApi.PathOf(projectId, deploymentId) + "/security-scans";

        public Task TriggerAsync(string projectId, string deploymentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, deploymentId) + "/trigger") { Subject = deploymentId }, ct);

        public async Task<SecurityScan> GetAsync(string projectId, string deploymentId, CancellationToken ct)
        {
            var scan = await _client.GetAsync<SecurityScan>(new ApiRequest(HttpMethod.Get, PathOf(projectId, deploymentId)) { Subject = deploymentId }, ct).ConfigureAwait(false);
            scan.ProjectId = projectId;
            if (string.IsNullOrEmpty(scan.DeploymentId)) scan.DeploymentId = deploymentId;
            return scan;
        }

        public async Task<string> GetReportUriAsync(string projectId, string deploymentId, CancellationToken ct) =>
            (await _client.GetAsync<DownloadLink>(new ApiRequest(HttpMethod.Get, PathOf(projectId, deploymentId) + "/download") { Subject = deploymentId }, ct).ConfigureAwait(false)).DownloadUri;

        public Task RetriggerAsync(string projectId, string deploymentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, deploymentId) + "/retrigger") { Subject = deploymentId }, ct);
    }
}
