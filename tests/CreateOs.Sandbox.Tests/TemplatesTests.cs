using System.IO.Compression;
using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class TemplatesTests
{
    private static readonly string Long = new('x', 100);

    /// <summary>A valid CreateProjectTemplate body (reference §8.12) for the project and environment.</summary>
    private static Dictionary<string, object?> Template(string name, string projectId, string environmentId) => new()
    {
        ["projectId"] = projectId, ["environmentId"] = environmentId, ["name"] = name, ["description"] = Long, ["overview"] = Long,
        ["useCases"] = Long, ["imageUri"] = "https://example.com/t.png", ["categories"] = new[] { "static" }, ["amount"] = 5,
        ["projectConfiguration"] = new { type = "upload" }, ["environmentConfiguration"] = new { runEnvs = new { } },
        ["buildResources"] = new { cpu = 200 }, ["deploymentResources"] = new { cpu = 200, memory = 500, replicas = 1 },
    };

    private static Dictionary<string, object?> Update(string name) => new()
    {
        ["name"] = name, ["description"] = Long, ["overview"] = Long, ["useCases"] = Long, ["imageUri"] = "https://example.com/t.png", ["videoUrl"] = "https://example.com/v",
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string field, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [field] = value };
        if (value is null) copy.Remove(field);
        return copy;
    }

    private static async Task<(string ProjectId, string EnvironmentId)> SourceAsync(TestSandbox sandbox, string name)
    {
        var projectId = await sandbox.CreateProjectAsync(name);
        var environmentId = (await sandbox.PostAsync($"v1/projects/{projectId}/environments", new
        {
            displayName = "Production", uniqueName = "prod", description = "production", settings = new { runEnvs = new { } },
            resources = new { cpu = 200, memory = 500, replicas = 1 },
        })).Id;
        return (projectId, environmentId);
    }

    [Fact]
    public async Task CreateAndUpdateCheckEveryFieldOfTheReference()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (projectId, environmentId) = await SourceAsync(sandbox, "tpl-fields");
        var valid = Template("valid-template", projectId, environmentId);
        (await sandbox.PostAsync("v1/project-templates", With(valid, "name", "short"))).AssertFail(400, "name");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "description", "too short"))).AssertFail(400, "description");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "overview", null))).AssertFail(400, "overview");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "useCases", new string('u', 10001)))).AssertFail(400, "useCases");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "imageUri", "https://example.com/" + new string('i', 90)))).AssertFail(400, "imageUri");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "amount", 5001))).AssertFail(400, "amount");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "categories", new[] { new string('c', 129) }))).AssertFail(400, "categories");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "environmentId", null))).AssertFail(400, "environmentId");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "buildResources", null))).AssertFail(400, "buildResources");
        (await sandbox.PostAsync("v1/project-templates", With(valid, "environmentId", Guid.NewGuid().ToString()))).AssertFail(404);
        var created = await sandbox.PostAsync("v1/project-templates", valid);
        created.AssertStatus(HttpStatusCode.OK);

        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", With(Update("valid-template"), "videoUrl", null))).AssertFail(400, "videoUrl");
        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", With(Update("valid-template"), "videoUrl", "not a uri"))).AssertFail(400, "videoUrl");
        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", With(Update("valid-template"), "projectId", projectId))).AssertFail(400, "projectId");
        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", Update("renamed-template"))).AssertStatus(HttpStatusCode.OK);
        var template = (await sandbox.GetAsync($"v1/project-templates/{created.Id}")).Data!;
        Assert.Equal("renamed-template", (string?)template["name"]);
        Assert.Equal("https://example.com/v", (string?)template["videoUrl"]);
        Assert.Equal(environmentId, (string?)template["environmentId"]);
        Assert.Equal(500, (int)template["deploymentResources"]!["memory"]!);
    }

    [Fact]
    public async Task PublishBuyAndDownload()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (projectId, environmentId) = await SourceAsync(sandbox, "tpl-source");
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "template page"));
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "deployed");

        var created = await sandbox.PostAsync("v1/project-templates", Template("my-template", projectId, environmentId));
        created.AssertStatus(HttpStatusCode.OK);
        var mine = (await sandbox.GetAsync("v1/project-templates/my")).Data!;
        Assert.Equal("draft", (string?)mine["templates"]![0]!["status"]);
        Assert.Equal(1, (int)mine["pagination"]!["total"]!);
        (await sandbox.GetAsync($"v1/project-templates/{created.Id}", TestSandbox.OtherUserKey)).AssertFail(404);

        Assert.Equal("project template sent for review", (await sandbox.PutAsync($"v1/project-templates/{created.Id}/send-for-review")).MessageText);
        await sandbox.WaitForAsync($"v1/project-templates/{created.Id}", t => (string?)t["status"] == "listed");
        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", Update("my-template"))).AssertFail(422);
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

        // DownloadProjectTemplate answers with the file itself.
        var download = await sandbox.GetAsync($"v1/project-templates/purchases/{purchase.Id}/download", TestSandbox.OtherUserKey);
        download.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/zip", download.Message.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await download.Message.Content.ReadAsByteArrayAsync()));
        Assert.Equal("index.html", zip.Entries.Single().FullName);
        (await sandbox.GetAsync($"v1/project-templates/purchases/{purchase.Id}/download")).AssertFail(404);

        var deploy = $"v1/project-templates/purchases/{purchase.Id}/deploy-via-github";
        (await sandbox.PutAsync(deploy, new { })).AssertFail(400, "installationId");
        (await sandbox.PutAsync(deploy, new { installationId = 424242 }, TestSandbox.OtherUserKey)).AssertFail(404, "installation");
        (await sandbox.PutAsync(deploy, new { installationId = 12345678 }, TestSandbox.OtherUserKey)).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RejectedTemplatesHaveRejections()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (projectId, environmentId) = await SourceAsync(sandbox, "tpl-reject");
        var created = await sandbox.PostAsync("v1/project-templates", Template("sandbox-reject-me", projectId, environmentId));
        await sandbox.PutAsync($"v1/project-templates/{created.Id}/send-for-review");
        await sandbox.WaitForAsync($"v1/project-templates/{created.Id}", t => (string?)t["status"] == "rejected");
        var rejections = (await sandbox.GetAsync($"v1/project-templates/{created.Id}/rejections")).Data!.AsArray();
        Assert.Contains("sandbox-reject", (string?)rejections.Single()!["reason"]);
        (await sandbox.PutAsync($"v1/project-templates/{created.Id}", Update("fixed-name-now"))).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("project template deleted successfully", (await sandbox.DeleteAsync($"v1/project-templates/{created.Id}")).MessageText);
        (await sandbox.GetAsync($"v1/project-templates/{created.Id}")).AssertFail(404);
    }
}
