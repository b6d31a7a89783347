using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Api
{
    /// <summary>The GitHub app integration (reference §8.5).</summary>
    public sealed class GitHubApi
    {
        public const string Prefix = "v1/app-installations/github";
        public const int MaxBranchesPerPage = 100;
        private readonly CreateOsClient _client;

        internal GitHubApi(CreateOsClient client) => _client = client;

        private static string AccountPath(string installationId) => Prefix + "/accounts/" + ApiRequest.Segment(installationId);

        public Task<List<GitHubAccount>> ListAccountsAsync(CancellationToken ct) =>
            ListAsync<GitHubAccount>(new ApiRequest(HttpMethod.Get, Prefix + "/accounts"), ct);

        public async Task<IReadOnlyList<GitHubRepository>> ListRepositoriesAsync(string installationId, CancellationToken ct)
        {
            var repositories = await ListAsync<GitHubRepository>(new ApiRequest(HttpMethod.Get, AccountPath(installationId) + "/repositories") { Subject = "installation " + installationId }, ct).ConfigureAwait(false);
            foreach (var repository in repositories) repository.InstallationId = installationId;
            return repositories;
        }

        /// <summary>One page of branches (GitHub-style paging: <paramref name="page"/> from 1, at most 100 per page).</summary>
        public async Task<IReadOnlyList<GitHubBranch>> ListBranchesAsync(string installationId, string repository, int page, int perPage, bool? protectedOnly, CancellationToken ct)
        {
            CreateOsRules.Range("PerPage", perPage, 1, MaxBranchesPerPage);
            var request = new ApiRequest(HttpMethod.Get, AccountPath(installationId) + "/repositories/branches") { Subject = repository }
                .WithQuery("repository", repository).WithQuery("page", page).WithQuery("per-page", perPage).WithQuery("protected", protectedOnly);
            var branches = await ListAsync<GitHubBranch>(request, ct).ConfigureAwait(false);
            foreach (var branch in branches)
            {
                branch.InstallationId = installationId;
                branch.Repository = repository;
            }
            return branches;
        }

        public async Task<GitHubTree> GetContentAsync(string installationId, string repository, string branch, string? treeSha, CancellationToken ct)
        {
            var body = new JObject { ["repository"] = repository, ["branch"] = branch };
            if (treeSha != null) body["treeSha"] = treeSha;
            var request = new ApiRequest(HttpMethod.Post, AccountPath(installationId) + "/repositories/content") { JsonBody = body, Idempotent = true, Subject = repository };
            return await _client.GetAsync<GitHubTree>(request, ct).ConfigureAwait(false);
        }

        /// <summary>Links a GitHub installation to the account, with the OAuth code GitHub handed back.</summary>
        public Task InstallAsync(long installationId, string code, CancellationToken ct)
        {
            if (installationId <= 0) throw new ValidationException("InstallationId", installationId, "InstallationId must be a positive number (GitHub shows it in the app's installation URL).");
            CreateOsRules.Length("Code", code, 1, 1024);
            var body = new JObject { ["installationId"] = installationId, ["code"] = code };
            return _client.SendAsync(new ApiRequest(HttpMethod.Post, Prefix) { JsonBody = body, Subject = "installation " + installationId.ToString(CultureInfo.InvariantCulture) }, ct);
        }

        private async Task<List<T>> ListAsync<T>(ApiRequest request, CancellationToken ct)
        {
            var page = await _client.GetPageAsync<T>(request, 0, ct).ConfigureAwait(false);
            return new List<T>(page.Items);
        }
    }
}
