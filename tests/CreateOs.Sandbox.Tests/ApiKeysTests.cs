using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class ApiKeysTests
{
    private static string Tomorrow => DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    [Fact]
    public async Task EmptyListIs404ThenCreatedKeyAuthenticatesAsTheSameUser()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        (await sandbox.GetAsync("v1/api-keys")).AssertFail(404, "no API keys found");

        var created = await sandbox.PostAsync("v1/api-keys", new { name = "deploy-bot", expiryAt = Tomorrow, description = "used by CI" });
        created.AssertStatus(HttpStatusCode.Created);
        var secret = (string)created.Data!["secret"]!;
        Assert.StartsWith("skp_", secret);

        var projectId = await sandbox.CreateProjectAsync("key-app");
        (await sandbox.GetAsync($"v1/projects/{projectId}", key: secret)).AssertStatus(HttpStatusCode.OK);
        var me = await sandbox.GetAsync("v1/users/me", key: secret);
        Assert.Equal(sandbox.Host.State.DefaultUser.Id.ToString(), (string?)me.Data!["id"]);

        var list = (await sandbox.GetAsync("v1/api-keys")).Data!.AsArray();
        var listed = list.Single()!;
        Assert.Equal("deploy-bot", (string?)listed["name"]);
        Assert.NotNull(listed["expiredAt"]);
        Assert.Null(listed["secret"]);
        Assert.Equal(1, (int)(await sandbox.GetAsync("v1/quotas")).Data!["apiKeys"]!["current"]!);

        Assert.Equal("api key updated successfully", (await sandbox.PutAsync($"v1/api-keys/{created.Id}", new { name = "deploy-bot-2" })).MessageText);
        Assert.False((bool)(await sandbox.PostAsync("v1/api-keys/available-unique-name", new { uniqueName = "deploy-bot-2" })).Data!["isAvailable"]!);
        (await sandbox.PostAsync("v1/api-keys", new { name = "deploy-bot-2", expiryAt = Tomorrow })).AssertFail(409);

        Assert.Equal("api key revoked successfully", (await sandbox.DeleteAsync($"v1/api-keys/{created.Id}")).MessageText);
        (await sandbox.GetAsync("v1/users/me", key: secret)).AssertFail(401);
        (await sandbox.DeleteAsync($"v1/api-keys/{created.Id}")).AssertFail(404);
        (await sandbox.GetAsync("v1/api-keys")).AssertFail(404);
    }

    [Fact]
    public async Task ValidationAndQuota()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxApiKeys = 1);
        (await sandbox.PostAsync("v1/api-keys", new { name = "abc", expiryAt = Tomorrow })).AssertFail(400, "name");
        (await sandbox.PostAsync("v1/api-keys", new { name = "bad name", expiryAt = Tomorrow })).AssertFail(400, "name");
        (await sandbox.PostAsync("v1/api-keys", new { name = "good-name" })).AssertFail(400, "expiryAt");
        (await sandbox.PostAsync("v1/api-keys", new { name = "good-name", expiryAt = "2020-01-01T00:00:00Z" })).AssertFail(400, "future");
        (await sandbox.PostAsync("v1/api-keys", new { name = "good-name", expiryAt = "tomorrow" })).AssertFail(400, "RFC 3339");
        (await sandbox.PostAsync("v1/api-keys", new { name = "good-name", expiryAt = Tomorrow, description = "no!" })).AssertFail(400, "description");
        (await sandbox.PostAsync("v1/api-keys", new { name = "good-name", expiryAt = Tomorrow })).AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync("v1/api-keys", new { name = "other-name", expiryAt = Tomorrow })).AssertFail(429);
        var otherUsersKey = (await sandbox.GetAsync("v1/api-keys")).Data![0]!["id"]!.ToString();
        (await sandbox.DeleteAsync($"v1/api-keys/{otherUsersKey}", TestSandbox.OtherUserKey)).AssertFail(404);
    }
}
