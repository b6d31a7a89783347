using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Api
{
    /// <summary>The answer of trigger-latest and retrigger: a new deployment id, or only a message (reference §9).</summary>
    public sealed class TriggerResult
    {
        public string? DeploymentId { get; set; }
        public string? Message { get; set; }
    }

    /// <summary>One file of a files-form upload.</summary>
    public sealed class UploadFile
    {
        public UploadFile(string path, string content)
        {
            Path = path;
            Content = content;
        }

        public string Path { get; }
        /// <summary>Plain UTF-8 text, or base64 for the base64 form.</summary>
        public string Content { get; }
    }

    /// <summary>Deployments (reference §8.2).</summary>
    public sealed class DeploymentsApi
    {
        private readonly CreateOsClient _client;

        internal DeploymentsApi(CreateOsClient client) => _client = client;

        public static string PathOf(string projectId, string deploymentId) => ProjectsApi.PathOf(projectId) + "/deployments/" + ApiRequest.Segment(deploymentId);

        public async Task<Page<Deployment>> ListPageAsync(string projectId, int offset, int limit, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, ProjectsApi.PathOf(projectId) + "/deployments") { Subject = projectId }
                .WithQuery("limit", limit).WithQuery("offset", offset);
            var page = await _client.GetPageAsync<Deployment>(request, offset, ct).ConfigureAwait(false);
            foreach (var deployment in page.Items) CreateOsClient.OfProject(deployment, projectId);
            return page;
        }

        public async Task<Deployment> GetAsync(string projectId, string deploymentId, CancellationToken ct)
        {
            var deployment = await _client.GetAsync<Deployment>(new ApiRequest(HttpMethod.Get, PathOf(projectId, deploymentId)) { Subject = deploymentId }, ct).ConfigureAwait(false);
            return CreateOsClient.OfProject(deployment, projectId);
        }

        public async Task<string> CreateFromImageAsync(string projectId, string image, CancellationToken ct)
        {
            CreateOsRules.Length("Image", image, 1, 255);
            var request = new ApiRequest(HttpMethod.Post, ProjectsApi.PathOf(projectId) + "/deployments") { JsonBody = new JObject { ["image"] = image }, Subject = image };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        /// <summary>Builds the latest commit of <paramref name="branch"/> (the repository's default branch when null).</summary>
        public async Task<TriggerResult> TriggerLatestAsync(string projectId, string? branch, CancellationToken ct)
        {
            if (branch != null) CreateOsRules.Length("Branch", branch, 1, 255);
            var request = new ApiRequest(HttpMethod.Post, ProjectsApi.PathOf(projectId) + "/trigger-latest") { Subject = projectId }.WithQuery("branch", branch);
            return ReadTrigger(await _client.SendAsync(request, ct).ConfigureAwait(false));
        }

        public async Task<string> UploadFilesAsync(string projectId, IReadOnlyList<UploadFile> files, bool base64, CancellationToken ct)
        {
            if (files.Count == 0) throw new ValidationException("Path", null, "There is nothing to upload.");
            if (files.Count > CreateOsRules.MaxUploadFiles)
                throw new ValidationException("Path", files.Count, $"The files form takes at most {CreateOsRules.MaxUploadFiles} files; {files.Count} need the zip form.");
            var array = new JArray(files.Select(f => new JObject { ["path"] = f.Path, ["content"] = f.Content }));
            var path = ProjectsApi.PathOf(projectId) + "/deployments/files" + (base64 ? "/base64" : "");
            var request = new ApiRequest(HttpMethod.Put, path) { JsonBody = new JObject { ["files"] = array }, Subject = projectId, Idempotent = false };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        /// <summary>
        /// Sends a files-form body <c>{"files":[…]}</c> written beforehand (e.g. streamed to a temporary file by the packer);
        /// <paramref name="openJson"/> is called once per attempt (it must be seekable); <paramref name="progress"/> hears the bytes sent.
        /// </summary>
        public async Task<string> UploadFilesJsonAsync(string projectId, Func<Stream> openJson, bool base64, IProgress<TransferProgress>? progress, CancellationToken ct)
        {
            var path = ProjectsApi.PathOf(projectId) + "/deployments/files" + (base64 ? "/base64" : "");
            var request = new ApiRequest(HttpMethod.Put, path)
            {
                Subject = projectId,
                Idempotent = false,
                ContentFactory = () =>
                {
                    var content = Body(openJson(), progress);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    return content;
                },
            };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        /// <summary>
        /// Uploads a zip as multipart field "file"; <paramref name="openZip"/> is called once per attempt (it must be seekable);
        /// <paramref name="progress"/> hears the zip bytes sent.
        /// </summary>
        public async Task<string> UploadZipAsync(string projectId, Func<Stream> openZip, string fileName, IProgress<TransferProgress>? progress, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Put, ProjectsApi.PathOf(projectId) + "/deployments/upload-zip")
            {
                Subject = projectId,
                Idempotent = false,
                ContentFactory = () =>
                {
                    var form = new MultipartFormDataContent();
                    var file = Body(openZip(), progress);
                    file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
                    form.Add(file, "file", fileName);
                    return form;
                },
            };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        private static HttpContent Body(Stream source, IProgress<TransferProgress>? progress) =>
            progress is null ? new StreamContent(source) : new ProgressStreamContent(source, progress);

        public async Task<IReadOnlyList<BuildLogLine>> GetBuildLogsAsync(string projectId, string deploymentId, int skip, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, PathOf(projectId, deploymentId) + "/build-logs") { Subject = deploymentId }.WithQuery("skip", skip);
            var payload = (await _client.SendAsync(request, ct).ConfigureAwait(false)).Payload;
            if (payload is null || payload.Type == JTokenType.Null) return Array.Empty<BuildLogLine>();
            return Json.ToObject<List<BuildLogLine>>(payload) ?? new List<BuildLogLine>();
        }

        public async Task<string> GetRuntimeLogsAsync(string projectId, string deploymentId, int sinceSeconds, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, PathOf(projectId, deploymentId) + "/deployment-logs") { Subject = deploymentId }.WithQuery("since-seconds", sinceSeconds);
            return ReadLogText((await _client.SendAsync(request, ct).ConfigureAwait(false)).Payload);
        }

        /// <summary>Builds the deployment's commit again; <paramref name="settings"/> is "deployment" (its own) or "project" (current).</summary>
        public async Task<TriggerResult> RetriggerAsync(string projectId, string deploymentId, string settings, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Post, PathOf(projectId, deploymentId) + "/retrigger") { Subject = deploymentId }.WithQuery("settings", settings);
            return ReadTrigger(await _client.SendAsync(request, ct).ConfigureAwait(false));
        }

        public Task CancelAsync(string projectId, string deploymentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, deploymentId) + "/cancel") { Subject = deploymentId }, ct);

        public Task DeleteAsync(string projectId, string deploymentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(projectId, deploymentId)) { Subject = deploymentId }, ct);

        public Task WakeupAsync(string projectId, string deploymentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, deploymentId) + "/wakeup") { Subject = deploymentId }, ct);

        public async Task<string> GetDownloadUriAsync(string projectId, string deploymentId, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, PathOf(projectId, deploymentId) + "/download") { Subject = deploymentId };
            return (await _client.GetAsync<DownloadLink>(request, ct).ConfigureAwait(false)).DownloadUri;
        }

        /// <summary>Log endpoints answer with a string; tolerate an array of lines or an object with a log field.</summary>
        internal static string ReadLogText(JToken? payload) => payload switch
        {
            null => "",
            JValue value when value.Type == JTokenType.Null => "",
            JValue value => value.ToString(),
            JArray array => string.Join("\n", array.Select(l => l is JObject o ? (o["log"] ?? o["line"] ?? o["message"])?.ToString() : l.ToString())),
            JObject obj => (obj["logs"] ?? obj["log"])?.ToString() ?? obj.ToString(),
            _ => payload.ToString(),
        };

        private static TriggerResult ReadTrigger(ApiResponse response)
        {
            var payload = response.Payload;
            if (payload is JObject obj)
                return new TriggerResult { DeploymentId = obj.GetValue("id", StringComparison.OrdinalIgnoreCase)?.ToString() };
            return new TriggerResult { Message = CreateOsClient.ReadMessage(response) ?? payload?.ToString() };
        }
    }
}
