using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class AppsTests
{
    [Fact]
    public async Task AppsGroupProjectsAndServices()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxApps = 1);
        (await sandbox.PostAsync("v1/apps", new { name = "x" })).AssertFail(400, "name");
        (await sandbox.PostAsync("v1/apps", new { name = "shop", color = "red" })).AssertFail(400, "color");
        var app = await sandbox.PostAsync("v1/apps", new { name = "shop", description = "the shop", color = "#12AB9f" });
        app.AssertStatus(HttpStatusCode.OK);
        (await sandbox.PostAsync("v1/apps", new { name = "second" })).AssertFail(429);
        Assert.Equal("#12AB9f", (string?)(await sandbox.GetAsync("v1/apps")).Data![0]!["color"]);

        var one = await sandbox.CreateProjectAsync("shop-front");
        var two = await sandbox.CreateProjectAsync("shop-back");
        Assert.Equal("projects added to app successfully", (await sandbox.PostAsync($"v1/apps/{app.Id}/projects", new { projectIds = new[] { one, two } })).MessageText);
        var page = (await sandbox.GetAsync($"v1/apps/{app.Id}/projects?limit=1")).Data!;
        Assert.Equal(2, (int)page["pagination"]!["total"]!);
        Assert.Single(page["data"]!.AsArray());
        Assert.Equal(2, (int)(await sandbox.GetAsync($"v1/projects?app={app.Id}")).Data!["pagination"]!["total"]!);

        Assert.Equal("projects removed from app successfully", (await sandbox.PostAsync($"v1/apps/{app.Id}/projects/remove", new { projectIds = new[] { one } })).MessageText);
        (await sandbox.PostAsync($"v1/apps/{app.Id}/projects/remove", new { projectIds = new[] { one } })).AssertFail(400, "not a member");

        var service = Guid.NewGuid().ToString();
        Assert.Equal("services added to app successfully", (await sandbox.PostAsync($"v1/apps/{app.Id}/services", new { serviceIds = new[] { service } })).MessageText);
        Assert.Equal(1, (int)(await sandbox.GetAsync($"v1/apps/{app.Id}/services")).Data!["pagination"]!["total"]!);
        (await sandbox.PostAsync($"v1/apps/{app.Id}/services/remove", new { serviceIds = new[] { Guid.NewGuid() } })).AssertFail(400);
        (await sandbox.PostAsync($"v1/apps/{app.Id}/services/remove", new { serviceIds = new[] { service } })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("app updated successfully", (await sandbox.PatchAsync($"v1/apps/{app.Id}", new { name = "s" })).MessageText);
        (await sandbox.PatchAsync($"v1/apps/{app.Id}", new { name = "s" }, TestSandbox.OtherUserKey)).AssertFail(404);
        (await sandbox.GetAsync($"v1/apps/{app.Id}/projects?limit=50")).AssertFail(400, "limit");

        Assert.Equal("app deleted successfully", (await sandbox.DeleteAsync($"v1/apps/{app.Id}")).MessageText);
        Assert.Null((string?)(await sandbox.GetAsync($"v1/projects/{two}")).Data!["appId"]);
        (await sandbox.GetAsync($"v1/apps/{app.Id}/projects")).AssertFail(404);
    }
}
