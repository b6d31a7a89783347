using System.IO.Compression;
using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class TemplatesTests
{
    [Fact]
    public async Task PublishBuyAndDownload()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("tpl-source");
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "template page"));
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "deployed");

        (await sandbox.PostAsync("v1/project-templates", new { name = "tpl" })).AssertFail(400, "name");
        var created = await sandbox.PostAsync("v1/project-templates", new { name = "my-template", description = "a fine template", categories = new[] { "static" }, amount = 5, projectId });
        created.AssertStatus(HttpStatusCode.OK);
        var mine = (await sandbox.GetAsync("v1/project-templates/my")).Data!;
        Assert.Equal("draft", (string?)mine["templates"]![0]!["status"]);
        Assert.Equal(1, (int)mine["pagination"]!["total"]!);
        (await sandbox.GetAsync($"v1/project-templates/{created.Id}", TestSandbox.OtherUserKey)).AssertFail(404);

        Assert.Equal("project template sent for review", (await sandbox.PutAsync($"v1/project-templates/{created.Id}/send-for-review")).MessageText);
        await sandbox.WaitForAsync($"v1/project-templates/{created.Id}", t => (string?)t["status"] == "listed");
        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", new { name = "my-template", description = "changed" })).AssertFail(422);
        (await sandbox.PostAsync($"v1/project-templates/{created.Id}/buy")).AssertFail(400, "own");

        var published = (await sandbox.GetAsync("v1/project-templates?categories=static", TestSandbox.OtherUserKey)).Data!["templates"]!.AsArray();
        Assert.Equal(2, published.Count); // the seeded starter and ours
        Assert.Equal(2, (int)(await sandbox.GetAsync("v1/project-templates/counts")).Data!["total"]!);

        var purchase = await sandbox.PostAsync($"v1/project-templates/{created.Id}/buy", key: TestSandbox.OtherUserKey);
        purchase.AssertStatus(HttpStatusCode.OK);
        (await sandbox.PostAsync($"v1/project-templates/{created.Id}/buy", key: TestSandbox.OtherUserKey)).AssertFail(409);
        var purchases = (await sandbox.GetAsync("v1/project-templates/purchases?limit=50", TestSandbox.OtherUserKey)).Data!["purchases"]!.AsArray();
        Assert.Equal(created.Id, (string?)purchases.Single()!["projectTemplateId"]);
        (await sandbox.GetAsync("v1/project-templates/purchases?limit=51", TestSandbox.OtherUserKey)).AssertFail(400, "limit");

        var download = await sandbox.GetAsync($"v1/project-templates/purchases/{purchase.Id}/download", TestSandbox.OtherUserKey);
        using var http = new HttpClient();
        using var zip = new ZipArchive(new MemoryStream(await http.GetByteArrayAsync((string)download.Data!["downloadUri"]!)));
        Assert.Equal("index.html", zip.Entries.Single().FullName);
        (await sandbox.GetAsync($"v1/project-templates/purchases/{purchase.Id}/download")).AssertFail(404);
    }

    [Fact]
    public async Task RejectedTemplatesHaveRejections()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var created = await sandbox.PostAsync("v1/project-templates", new { name = "sandbox-reject-me", description = "will be rejected" });
        await sandbox.PutAsync($"v1/project-templates/{created.Id}/send-for-review");
        await sandbox.WaitForAsync($"v1/project-templates/{created.Id}", t => (string?)t["status"] == "rejected");
        var rejections = (await sandbox.GetAsync($"v1/project-templates/{created.Id}/rejections")).Data!.AsArray();
        Assert.Contains("sandbox-reject", (string?)rejections.Single()!["reason"]);
        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", new { name = "fixed-name", description = "fixed now" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("project template deleted successfully", (await sandbox.DeleteAsync($"v1/project-templates/{created.Id}")).MessageText);
        (await sandbox.GetAsync($"v1/project-templates/{created.Id}")).AssertFail(404);
    }
}
