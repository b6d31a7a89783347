using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Api
{
    /// <summary>What a project list may be filtered by (reference §8.1 ListProjects).</summary>
    public sealed class ProjectFilter
    {
        public string? Name { get; set; }
        public string? Status { get; set; }
        public string? Type { get; set; }
        /// <summary>An app id, or "null" for projects in no app.</summary>
        public string? App { get; set; }
    }

    /// <summary>The fields of a new project (CreateProject).</summary>
    public sealed class NewProject
    {
        public string UniqueName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Type { get; set; } = "";
        public ProjectSettings Settings { get; set; } = new ProjectSettings();
        public ProjectSource Source { get; set; } = new ProjectSource();
        public string? Description { get; set; }
        public string? AppId { get; set; }
        public bool? EnabledSecurityScan { get; set; }

        public void Validate()
        {
            CreateOsRules.UniqueName("UniqueName", UniqueName);
            CreateOsRules.DisplayName("DisplayName", DisplayName);
            CreateOsRules.Description("Description", Description);
            CreateOsRules.ProjectSettings(Type, Settings);
            if (Type == "vcs" && (string.IsNullOrEmpty(Source.VcsInstallationId) || string.IsNullOrEmpty(Source.VcsRepoId)))
                throw new ValidationException("VcsRepoId", null, "A VCS project needs -GitHubInstallationId and -RepositoryId (see Get-CreateOsGitHubRepository).");
        }
    }

    public sealed class ProjectsApi
    {
        private readonly CreateOsClient _client;

        internal ProjectsApi(CreateOsClient client) => _client = client;

        public static string PathOf(string projectId) => "v1/projects/" + ApiRequest.Segment(projectId);

        public Task<Page<Project>> ListPageAsync(ProjectFilter filter, int offset, int limit, CancellationToken ct)
        {
            if (filter.Name != null) CreateOsRules.Length("Name", filter.Name, 1, 100);
            var request = new ApiRequest(HttpMethod.Get, "v1/projects")
                .WithQuery("limit", limit).WithQuery("offset", offset)
                .WithQuery("name", filter.Name).WithQuery("status", filter.Status).WithQuery("type", filter.Type).WithQuery("app", filter.App);
            return _client.GetPageAsync<Project>(request, offset, ct);
        }

        public Task<Project> GetAsync(string projectId, CancellationToken ct) =>
            _client.GetAsync<Project>(new ApiRequest(HttpMethod.Get, PathOf(projectId)) { Subject = projectId }, ct);

        public async Task<string> CreateAsync(NewProject project, CancellationToken ct)
        {
            project.Validate();
            var body = new JObject
            {
                ["uniqueName"] = project.UniqueName,
                ["displayName"] = project.DisplayName,
                ["type"] = project.Type,
                ["settings"] = JObject.FromObject(project.Settings, Json.Serializer),
                ["source"] = project.Type == "vcs" ? JObject.FromObject(project.Source, Json.Serializer) : new JObject(),
            };
            if (project.Description != null) body["description"] = project.Description;
            if (project.AppId != null) body["appId"] = project.AppId;
            if (project.EnabledSecurityScan != null) body["enabledSecurityScan"] = project.EnabledSecurityScan.Value;
            var request = new ApiRequest(HttpMethod.Post, "v1/projects") { JsonBody = body, Subject = project.UniqueName };
            var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
            return CreateOsClient.ReadCreatedId(response, request);
        }

        public async Task UpdateAsync(string projectId, string displayName, string? description, bool? enabledSecurityScan, CancellationToken ct)
        {
            CreateOsRules.DisplayName("DisplayName", displayName);
            CreateOsRules.Description("Description", description);
            var body = new JObject { ["displayName"] = displayName };
            if (description != null) body["description"] = description;
            if (enabledSecurityScan != null) body["enabledSecurityScan"] = enabledSecurityScan.Value;
            await _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(projectId)) { JsonBody = body, Subject = projectId }, ct).ConfigureAwait(false);
        }

        public async Task UpdateSettingsAsync(string projectId, string projectType, ProjectSettings settings, CancellationToken ct)
        {
            CreateOsRules.ProjectSettings(projectType, settings);
            await _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(projectId) + "/settings") { JsonBody = JObject.FromObject(settings, Json.Serializer), Subject = projectId }, ct).ConfigureAwait(false);
        }

        public async Task DeleteAsync(string projectId, CancellationToken ct) =>
            await _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(projectId)) { Subject = projectId }, ct).ConfigureAwait(false);

        public async Task<NameAvailability> CheckUniqueNameAsync(string uniqueName, CancellationToken ct)
        {
            CreateOsRules.UniqueName("UniqueName", uniqueName);
            var request = new ApiRequest(HttpMethod.Post, "v1/projects/available-unique-name") { JsonBody = new JObject { ["uniqueName"] = uniqueName }, Idempotent = true, Subject = uniqueName };
            var payload = (await _client.SendAsync(request, ct).ConfigureAwait(false)).Payload as JObject;
            return new NameAvailability { Name = uniqueName, Kind = "Project", IsAvailable = payload?["isAvailable"]?.Value<bool>() ?? false };
        }
    }
}
