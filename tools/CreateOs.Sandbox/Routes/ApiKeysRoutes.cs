using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>API keys (reference §8.9). A created key authenticates as its creator until revoked or expired.</summary>
public static class ApiKeysRoutes
{
    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Post("/api-keys", async (HttpContext context) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var name = ReadName(body, "name");
            var description = ReadDescription(body);
            var expiryAt = Validate.FutureRfc3339("expiryAt", body.RequiredString("expiryAt"), state.Now);
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                if (Listed(state, user).Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
                    throw ApiException.Conflict($"api key with name '{name}' already exists");
                if (state.ApiKeyCount(user.Id) >= state.Options.MaxApiKeys)
                    throw ApiException.QuotaReached($"maximum number of API keys reached ({state.Options.MaxApiKeys})");
                var now = state.Now;
                var key = new ApiKeyRecord
                {
                    Id = state.Ids.NewId(),
                    Name = name,
                    Description = description,
                    UserId = user.Id,
                    ExpiredAt = expiryAt,
                    Secret = state.Ids.NewApiKeySecret(),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                state.KeyList.Add(key);
                state.KeysBySecret[key.Secret] = key;
                return Api.Ok(new { id = key.Id, secret = key.Secret }, 201);
            }
        });

        v1.Get("/api-keys", (HttpContext context) =>
        {
            lock (state.SyncRoot)
            {
                var keys = Listed(state, context.CurrentUser()).ToList();
                // The platform answers an empty list with 404 (reference §8.9).
                return keys.Count == 0 ? throw ApiException.NotFound("no API keys found") : Api.Ok(keys);
            }
        });

        v1.Post("/api-keys/available-unique-name", async (HttpContext context) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var name = ReadName(body, "uniqueName");
            lock (state.SyncRoot)
            {
                var taken = Listed(state, context.CurrentUser()).Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
                return Api.Ok(new { isAvailable = !taken });
            }
        });

        v1.Put("/api-keys/{apiKeyId}", async (HttpContext context, string apiKeyId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var name = ReadName(body, "name");
            var description = ReadDescription(body);
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var key = Find(state, user, apiKeyId);
                if (Listed(state, user).Any(k => k != key && string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
                    throw ApiException.Conflict($"api key with name '{name}' already exists");
                key.Name = name;
                if (description is not null || body.IsNull("description")) key.Description = description;
                key.UpdatedAt = state.Now;
                return Api.Message("api key updated successfully");
            }
        });

        v1.Delete("/api-keys/{apiKeyId}", (HttpContext context, string apiKeyId) =>
        {
            lock (state.SyncRoot)
            {
                var key = Find(state, context.CurrentUser(), apiKeyId);
                key.RevokedAt = state.Now;
                key.UpdatedAt = state.Now;
                return Api.Message("api key revoked successfully");
            }
        });
    }

    /// <summary>The keys a user sees: created through the API and not revoked.</summary>
    private static IEnumerable<ApiKeyRecord> Listed(SandboxState state, SandboxUser user) =>
        state.KeyList.Where(k => k.UserId == user.Id && !k.IsBootstrap && k.RevokedAt is null);

    private static ApiKeyRecord Find(SandboxState state, SandboxUser user, string apiKeyId) =>
        (Guid.TryParse(apiKeyId, out var id) ? Listed(state, user).FirstOrDefault(k => k.Id == id) : null)
        ?? throw ApiException.NotFound("api key not found");

    private static string ReadName(Body body, string field)
    {
        var name = body.RequiredString(field);
        Validate.Length(field, name, 4, 48);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) throw ApiException.BadRequest($"{field} may contain only letters, digits and hyphens");
        return name;
    }

    private static string? ReadDescription(Body body)
    {
        var description = body.OptionalString("description");
        if (description is null) return null;
        Validate.Description("description", description);
        Validate.Pattern("description", description);
        return description;
    }
}
