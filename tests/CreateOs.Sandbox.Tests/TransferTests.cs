using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class TransferTests
{
    [Fact]
    public async Task SecondUserAcceptsTheTransferAndBecomesOwner()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("moving-app");
        var uri = (await sandbox.GetAsync($"v1/projects/{projectId}/transfer-uri")).Data!;
        var token = (string)uri["token"]!;
        Assert.Equal(3, token.Split('.').Length);
        var expiresAt = DateTimeOffset.Parse((string)uri["expiresAt"]!);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromHours(5.9), TimeSpan.FromHours(6.1));
        Assert.NotNull((string?)uri["frontendUri"]);

        (await sandbox.GetAsync($"v1/projects/{projectId}/transfer?token=forged.token.value", TestSandbox.OtherUserKey)).AssertFail(401);
        var tampered = token[..^2] + (token.EndsWith("AA") ? "BB" : "AA");
        (await sandbox.GetAsync($"v1/projects/{projectId}/transfer?token={tampered}", TestSandbox.OtherUserKey)).AssertFail(401);
        Assert.Equal(sandbox.Host.State.DefaultUser.Id, sandbox.Host.State.Projects.Single().UserId);

        var accept = await sandbox.GetAsync($"v1/projects/{projectId}/transfer?token={Uri.EscapeDataString(token)}", TestSandbox.OtherUserKey);
        Assert.Equal("project transferred successfully", accept.MessageText);
        (await sandbox.GetAsync($"v1/projects/{projectId}")).AssertFail(403);
        (await sandbox.GetAsync($"v1/projects/{projectId}", TestSandbox.OtherUserKey)).AssertStatus(HttpStatusCode.OK);
        var history = (await sandbox.GetAsync($"v1/projects/{projectId}/transfer-history", TestSandbox.OtherUserKey)).Data!.AsArray();
        Assert.Equal(sandbox.Host.State.DefaultUser.Id.ToString(), (string?)history.Single()!["fromUserId"]);
        (await sandbox.GetAsync($"v1/projects/{projectId}/transfer-history")).AssertFail(403);
        // The token named the previous owner: it cannot be replayed.
        (await sandbox.GetAsync($"v1/projects/{projectId}/transfer?token={Uri.EscapeDataString(token)}", TestSandbox.OtherUserKey)).AssertFail(403);
    }

    [Fact]
    public async Task RecipientAtMaxProjectsIs429()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxProjects = 1);
        var projectId = await sandbox.CreateProjectAsync("gift-app");
        await sandbox.CreateProjectAsync("own-app", key: TestSandbox.OtherUserKey);
        var token = (string)(await sandbox.GetAsync($"v1/projects/{projectId}/transfer-uri")).Data!["token"]!;
        (await sandbox.GetAsync($"v1/projects/{projectId}/transfer?token={Uri.EscapeDataString(token)}", TestSandbox.OtherUserKey)).AssertFail(429);
        Assert.Equal(sandbox.Host.State.DefaultUser.Id, sandbox.Host.State.Projects.Single(p => p.UniqueName == "gift-app").UserId);
    }
}
