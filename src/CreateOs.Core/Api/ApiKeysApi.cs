using System;
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
    /// <summary>API keys (reference §8.9).</summary>
    public sealed class ApiKeysApi
    {
        private readonly CreateOsClient _client;

        internal ApiKeysApi(CreateOsClient client) => _client = client;

        public static string PathOf(string apiKeyId) => "v1/api-keys/" + ApiRequest.Segment(apiKeyId);

        /// <summary>The keys; the platform answers "none" with 404 "no API keys found", which is an empty list here.</summary>
        public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
        {
            try
            {
                return (await _client.GetPageAsync<ApiKey>(new ApiRequest(HttpMethod.Get, "v1/api-keys"), 0, ct).ConfigureAwait(false)).Items;
            }
            catch (ApiException ex) when (ex.Status == 404 && (ex.ServiceMessage ?? "").IndexOf("no api key", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return Array.Empty<ApiKey>();
            }
        }

        public static void Validate(string name, string? description, DateTimeOffset? expiresAt, DateTimeOffset now)
        {
            ValidateName("Name", name);
            if (description != null)
            {
                CreateOsRules.Length("Description", description, CreateOsRules.DescriptionMin, CreateOsRules.DescriptionMax);
                if (!CreateOsRules.DisplayNamePattern.IsMatch(description))
                    throw new ValidationException("Description", description, "Description may contain only letters, digits, spaces, '_' and '-'.");
            }
            if (expiresAt.HasValue && expiresAt.Value <= now)
                throw new ValidationException("ExpiresAt", expiresAt, $"ExpiresAt must be in the future; {expiresAt.Value:u} has passed.");
        }

        private static void ValidateName(string field, string name)
        {
            CreateOsRules.Length(field, name, 4, 48);
            if (!CreateOsRules.UniqueNamePattern.IsMatch(name))
                throw new ValidationException(field, name, $"{field} '{name}' may contain only letters, digits and hyphens.");
        }

        /// <summary>Creates a key; returns its id and its secret (reads the spec's "secret", else the seed's "key").</summary>
        public async Task<(string Id, string Secret)> CreateAsync(string name, DateTimeOffset expiresAt, string? description, CancellationToken ct)
        {
            Validate(name, description, expiresAt, DateTimeOffset.UtcNow);
            var body = new JObject { ["name"] = name, ["expiryAt"] = expiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
            if (description != null) body["description"] = description;
            var request = new ApiRequest(HttpMethod.Post, "v1/api-keys") { JsonBody = body, Subject = name };
            var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
            var id = CreateOsClient.ReadCreatedId(response, request);
            var payload = (JObject)response.Payload!;
            var secret = (payload.GetValue("secret", StringComparison.OrdinalIgnoreCase) ?? payload.GetValue("key", StringComparison.OrdinalIgnoreCase))?.ToString();
            if (string.IsNullOrEmpty(secret))
                throw new ApiException(ApiFailureKind.InvalidResponse, $"The API key {id} was created but no secret came back; revoke it (Revoke-CreateOsApiKey -ApiKeyId {id}) and create another.");
            return (id, secret!);
        }

        public Task UpdateAsync(string apiKeyId, string name, string? description, CancellationToken ct)
        {
            Validate(name, description, null, DateTimeOffset.UtcNow);
            var body = new JObject { ["name"] = name };
            if (description != null) body["description"] = description;
            return _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(apiKeyId)) { JsonBody = body, Subject = apiKeyId }, ct);
        }

        public Task RevokeAsync(string apiKeyId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(apiKeyId)) { Subject = apiKeyId }, ct);

        public async Task<NameAvailability> CheckUniqueNameAsync(string name, CancellationToken ct)
        {
            ValidateName("Name", name);
            var request = new ApiRequest(HttpMethod.Post, "v1/api-keys/available-unique-name") { JsonBody = new JObject { ["uniqueName"] = name }, Idempotent = true, Subject = name };
            var payload = (await _client.SendAsync(request, ct).ConfigureAwait(false)).Payload as JObject;
            return new NameAvailability { Name = name, Kind = "ApiKey", IsAvailable = payload?["isAvailable"]?.Value<bool>() ?? false };
        }
    }
}
