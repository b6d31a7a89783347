using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

/// <summary>Expiries follow <see cref="SandboxOptions.TimeProvider"/>, so tests can jump ahead in time.</summary>
public sealed class ClockTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task TransferTokenExpiresAfterSixHours()
    {
        var clock = new ManualClock();
        await using var sandbox = await TestSandbox.StartAsync(o => o.TimeProvider = clock);
        var projectId = await sandbox.CreateProjectAsync("late-app");
        var token = (string)(await sandbox.GetAsync($"v1/projects/{projectId}/transfer-uri")).Data!["token"]!;
        clock.Now += TimeSpan.FromHours(6) + TimeSpan.FromSeconds(1);
        (await sandbox.GetAsync($"v1/projects/{projectId}/transfer?token={Uri.EscapeDataString(token)}", TestSandbox.OtherUserKey)).AssertFail(401, "expired");
    }

    [Fact]
    public async Task ExpiredApiKeyNoLongerAuthenticates()
    {
        var clock = new ManualClock();
        await using var sandbox = await TestSandbox.StartAsync(o => o.TimeProvider = clock);
        var created = await sandbox.PostAsync("v1/api-keys", new { name = "short-lived", expiryAt = clock.Now.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") });
        var secret = (string)created.Data!["secret"]!;
        (await sandbox.GetAsync("v1/users/me", secret)).AssertStatus(HttpStatusCode.OK);
        clock.Now += TimeSpan.FromHours(2);
        (await sandbox.GetAsync("v1/users/me", secret)).AssertFail(401);
    }
}
