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
    /// <summary>The fields of a new environment (CreateProjectEnvironment).</summary>
    public sealed class NewEnvironment
    {
        public string UniqueName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Description { get; set; } = "";
        /// <summary>Required for VCS projects, omitted for image projects.</summary>
        public string? Branch { get; set; }
        public bool? IsAutoPromoteEnabled { get; set; }
        public Dictionary<string, string> RunEnvs { get; set; } = new Dictionary<string, string>();
        /// <summary>
        /// Image projects only. CreateProjectEnvironment takes settings.runEnvs alone, so the port is set right after
        /// creation through the environment-variables route, the one that takes it.
        /// </summary>
        public int? Port { get; set; }
        public EnvironmentResources Resources { get; set; } = new EnvironmentResources { Cpu = CreateOsRules.CpuMin, Memory = CreateOsRules.MemoryMin, Replicas = 1 };

        public void Validate()
        {
            CreateOsRules.UniqueName("Name", UniqueName);
            CreateOsRules.DisplayName("DisplayName", DisplayName);
            CreateOsRules.Length("Description", Description, CreateOsRules.DescriptionMin, CreateOsRules.DescriptionMax);
            if (Branch != null) CreateOsRules.Length("Branch", Branch, 1, 255);
            CreateOsRules.Port("Port", Port);
            CreateOsRules.Resources(Resources.Cpu, Resources.Memory, Resources.Replicas);
            CreateOsRules.Variables("Variables", RunEnvs);
        }
    }

    /// <summary>Project environments (reference §8.3). There is no GET of one environment: it is found in the list.</summary>
    public sealed class EnvironmentsApi
    {
        private readonly CreateOsClient _client;

        internal EnvironmentsApi(CreateOsClient client) => _client = client;

        public static string PathOf(string projectId, string environmentId) => ProjectsApi.PathOf(projectId) + "/environments/" + ApiRequest.Segment(environmentId);

        public Task<IReadOnlyList<ProjectEnvironment>> ListAsync(string projectId, CancellationToken ct) =>
            _client.ListOfProjectAsync<ProjectEnvironment>(projectId, "environments", ct);

        public async Task<ProjectEnvironment> GetAsync(string projectId, string environmentId, CancellationToken ct)
        {
            var all = await ListAsync(projectId, ct).ConfigureAwait(false);
            return all.FirstOrDefault(e => string.Equals(e.Id, environmentId, StringComparison.OrdinalIgnoreCase))
                ?? throw ApiErrors.NotFound($"project {projectId} has no environment {environmentId}");
        }

        public async Task<string> CreateAsync(string projectId, NewEnvironment environment, CancellationToken ct)
        {
            environment.Validate();
            if (environment.Port != null)
            {
                // Refuse before creating anything: the port step would fail on a non-image project and leave a half-made environment.
                var project = await _client.Projects.GetAsync(projectId, ct).ConfigureAwait(false);
                if (project.Type != "image")
                    throw new ValidationException("Port", environment.Port, $"Only image projects take a port per environment; '{project.UniqueName}' is a {project.Type} project (its port is a project setting: Set-CreateOsProjectSetting -Port). Nothing was sent.");
            }
            var settings = new JObject { ["runEnvs"] = JObject.FromObject(environment.RunEnvs) };
            var body = new JObject
            {
                ["uniqueName"] = environment.UniqueName,
                ["displayName"] = environment.DisplayName,
                ["description"] = environment.Description,
                ["settings"] = settings,
                ["resources"] = new JObject { ["cpu"] = environment.Resources.Cpu, ["memory"] = environment.Resources.Memory, ["replicas"] = environment.Resources.Replicas },
            };
            if (environment.Branch != null) body["branch"] = environment.Branch;
            if (environment.IsAutoPromoteEnabled != null) body["isAutoPromoteEnabled"] = environment.IsAutoPromoteEnabled.Value;
            var request = new ApiRequest(HttpMethod.Post, ProjectsApi.PathOf(projectId) + "/environments") { JsonBody = body, Subject = environment.UniqueName };
            var id = CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
            if (environment.Port is null) return id;
            try
            {
                await ReplaceVariablesAsync(projectId, id, environment.RunEnvs, environment.Port, ct).ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                var message = $"environment '{environment.UniqueName}' was created (id {id}) but its port could not be set: {ex.ServiceMessage ?? ex.Message}";
                throw new ApiException(ex.Kind, message, ex) { StatusCode = ex.StatusCode, ServiceMessage = message, RequestId = ex.RequestId, Method = ex.Method, RequestUri = ex.RequestUri };
            }
            return id;
        }

        public Task UpdateAsync(string projectId, string environmentId, string displayName, string description, string? branch, bool? isAutoPromoteEnabled, CancellationToken ct)
        {
            ValidateUpdate(displayName, description, branch);
            var body = new JObject { ["displayName"] = displayName, ["description"] = description };
            if (branch != null) body["branch"] = branch;
            if (isAutoPromoteEnabled != null) body["isAutoPromoteEnabled"] = isAutoPromoteEnabled.Value;
            return _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(projectId, environmentId)) { JsonBody = body, Subject = environmentId }, ct);
        }

        /// <summary>The spec applies the displayName pattern to the description on update.</summary>
        public static void ValidateUpdate(string displayName, string description, string? branch)
        {
            CreateOsRules.DisplayName("DisplayName", displayName);
            CreateOsRules.Length("Description", description, CreateOsRules.DescriptionMin, CreateOsRules.DescriptionMax);
            if (!CreateOsRules.DisplayNamePattern.IsMatch(description))
                throw new ValidationException("Description", description, "On update, Description may contain only letters, digits, spaces, '_' and '-'.");
            if (branch != null) CreateOsRules.Length("Branch", branch, 1, 255);
        }

        /// <summary>Replaces the whole variable map (the API has no partial update).</summary>
        public Task ReplaceVariablesAsync(string projectId, string environmentId, IDictionary<string, string> runEnvs, int? port, CancellationToken ct)
        {
            CreateOsRules.Port("Port", port);
            CreateOsRules.Variables("Variables", runEnvs);
            var body = new JObject { ["runEnvs"] = JObject.FromObject(runEnvs) };
            if (port != null) body["port"] = port.Value;
            return _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(projectId, environmentId) + "/environment-variables") { JsonBody = body, Subject = environmentId }, ct);
        }

        public Task SetResourcesAsync(string projectId, string environmentId, EnvironmentResources resources, CancellationToken ct)
        {
            CreateOsRules.Resources(resources.Cpu, resources.Memory, resources.Replicas);
            var body = new JObject { ["cpu"] = resources.Cpu, ["memory"] = resources.Memory, ["replicas"] = resources.Replicas };
            return _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(projectId, environmentId) + "/resources") { JsonBody = body, Subject = environmentId }, ct);
        }

        public Task AssignDeploymentAsync(string projectId, string environmentId, string deploymentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Post, PathOf(projectId, environmentId) + "/assign-deployment")
            {
                JsonBody = new JObject { ["deploymentId"] = deploymentId },
                Subject = environmentId,
            }, ct);

        public Task DeleteAsync(string projectId, string environmentId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(projectId, environmentId)) { Subject = environmentId }, ct);

        public async Task<string> GetLogsAsync(string projectId, string environmentId, int sinceSeconds, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, PathOf(projectId, environmentId) + "/logs") { Subject = environmentId }.WithQuery("since-seconds", sinceSeconds);
            return DeploymentsApi.ReadLogText((await _client.SendAsync(request, ct).ConfigureAwait(false)).Payload);
        }

        public async Task<NameAvailability> CheckUniqueNameAsync(string projectId, string uniqueName, CancellationToken ct)
        {
            CreateOsRules.UniqueName("Name", uniqueName);
            var request = new ApiRequest(HttpMethod.Post, ProjectsApi.PathOf(projectId) + "/environments/available-unique-name")
            {
                JsonBody = new JObject { ["uniqueName"] = uniqueName },
                Idempotent = true,
                Subject = uniqueName,
            };
            var payload = (await _client.SendAsync(request, ct).ConfigureAwait(false)).Payload as JObject;
            return new NameAvailability { Name = uniqueName, Kind = "Environment", IsAvailable = payload?["isAvailable"]?.Value<bool>() ?? false };
        }
    }
}
