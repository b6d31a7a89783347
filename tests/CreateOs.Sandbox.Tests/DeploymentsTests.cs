using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.State;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class DeploymentsTests
{
    [Fact]
    public async Task UploadWalksTheLifecycleAndTheEndpointServesIndexHtml()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("site-app");
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "<h1>Hello sandbox</h1>"), ("css/site.css", "body{}"), ("docs/index.html", "docs"));

        var deployment = await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "deployed");
        var endpoint = (string)deployment["extra"]!["endpoint"]!;
        Assert.Equal(new Uri(sandbox.Host.BaseUri, "apps/site-app/").ToString(), endpoint);
        Assert.Equal(1, (int)deployment["versionNumber"]!);

        var statuses = sandbox.Host.State.Deployments.Single().BuildLogs.Select(l => l.Stage).Distinct().ToList();
        Assert.Equal(["queue", "building", "deploying"], statuses);
        var logs = (await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{deploymentId}/build-logs")).Data!.AsArray();
        Assert.Equal(Enumerable.Range(1, logs.Count), logs.Select(l => (int)l!["lineNumber"]!));
        Assert.All(logs, l => Assert.Equal(deploymentId, (string?)l!["deploymentId"]));
        Assert.NotNull(logs[0]!["ts"]);
        Assert.NotNull(logs[0]!["createdAt"]);
        var skipped = (await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{deploymentId}/build-logs?skip=2")).Data!.AsArray();
        Assert.Equal(logs.Count - 2, skipped.Count);
        Assert.Equal(3, (int)skipped[0]!["lineNumber"]!);

        using var http = new HttpClient();
        var page = await http.GetAsync(endpoint);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<h1>Hello sandbox</h1>", await page.Content.ReadAsStringAsync());
        Assert.Equal("body{}", await http.GetStringAsync(endpoint + "css/site.css"));
        Assert.Equal("docs", await http.GetStringAsync(endpoint + "docs/"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(endpoint + "missing.js")).StatusCode);

        var runtime = await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{deploymentId}/deployment-logs?since-seconds=600");
        Assert.Contains("GET /css/site.css 200", runtime.MessageText);
    }

    [Fact]
    public async Task Base64AndZipUploadsAreServed()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("bin-app");
        var base64 = await sandbox.PutAsync($"v1/projects/{projectId}/deployments/files/base64",
            new { files = new[] { new { path = "index.html", content = Convert.ToBase64String(Encoding.UTF8.GetBytes("from base64")) } } });
        base64.AssertStatus(HttpStatusCode.OK);
        await sandbox.WaitForDeploymentAsync(projectId, base64.Id, "deployed");
        using var http = new HttpClient();
        Assert.Equal("from base64", await http.GetStringAsync(new Uri(sandbox.Host.BaseUri, "apps/bin-app/")));

        var zip = Zip(("site/index.html", "from zip"), ("site/app.js", "console.log(1)"));
        var upload = await sandbox.UploadZipAsync(projectId, zip);
        upload.AssertStatus(HttpStatusCode.OK);
        await sandbox.WaitForDeploymentAsync(projectId, upload.Id, "deployed");
        Assert.Equal("from zip", await http.GetStringAsync(new Uri(sandbox.Host.BaseUri, "apps/bin-app/")));
        Assert.Equal("console.log(1)", await http.GetStringAsync(new Uri(sandbox.Host.BaseUri, "apps/bin-app/app.js")));

        var download = await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{upload.Id}/download");
        var archive = await http.GetByteArrayAsync((string)download.Data!["downloadUri"]!);
        using var zipArchive = new ZipArchive(new MemoryStream(archive));
        Assert.Contains(zipArchive.Entries, e => e.FullName == "index.html");

        (await sandbox.PutAsync($"v1/projects/{projectId}/deployments/files/base64", new { files = new[] { new { path = "a.txt", content = "%%%" } } }))
            .AssertFail(400, "base64");
        (await sandbox.UploadZipAsync(projectId, Encoding.UTF8.GetBytes("not a zip"))).AssertFail(400, "zip");
    }

    [Fact]
    public async Task AZipBombIsRefusedWhileInflatingNotAfter()
    {
        // 8 MB of zeros compress to a few KB; with a 1 MB bound the reader stops at the bound, holding no more than that.
        using var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("site/zeros.bin", CompressionLevel.Optimal).Open();
            await entry.WriteAsync(new byte[8 * 1024 * 1024]);
        }
        Assert.True(bomb.Length < 64 * 1024);
        bomb.Position = 0;
        var refused = Assert.Throws<Infrastructure.ZipUploadException>(() => Infrastructure.ZipUpload.Extract(bomb, path => path, maxExpandedBytes: 1024 * 1024));
        Assert.Contains("expands to more than 1 MB", refused.Message);

        bomb.Position = 0;
        var files = Infrastructure.ZipUpload.Extract(bomb, path => path);
        Assert.Equal(8 * 1024 * 1024, Assert.Single(files).Value.Length); // under the default bound, the folder is served from the root
        Assert.Equal("zeros.bin", files.Keys.Single());
    }

    [Fact]
    public async Task UploadLimitsAreEnforced()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxZipBytes = 1024);
        var projectId = await sandbox.CreateProjectAsync("limit-app");
        var tooMany = Enumerable.Range(0, 101).Select(i => new { path = $"f{i}.txt", content = "x" }).ToArray();
        (await sandbox.PutAsync($"v1/projects/{projectId}/deployments/files", new { files = tooMany })).AssertFail(400, "100");
        (await sandbox.PutAsync($"v1/projects/{projectId}/deployments/files", new { files = Array.Empty<object>() })).AssertFail(400, "files");
        (await sandbox.PutAsync($"v1/projects/{projectId}/deployments/files", new { files = new[] { new { path = "../etc/passwd", content = "x" } } })).AssertFail(400, "path");
        var big = new byte[4096];
        Random.Shared.NextBytes(big);
        var zip = Zip(("index.html", Convert.ToBase64String(big)));
        (await sandbox.UploadZipAsync(projectId, zip)).AssertFail(400, "MB");
        Assert.Empty(sandbox.Host.State.Deployments);

        var imageProject = await sandbox.CreateProjectAsync("image-app", type: "image");
        (await sandbox.PutAsync($"v1/projects/{imageProject}/deployments/files", new { files = new[] { new { path = "a", content = "b" } } })).AssertFail(422, "upload");
    }

    [Fact]
    public async Task ManualDeployQuotaIs429()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.MaxManualDeploysPerProject = 1);
        var projectId = await sandbox.CreateProjectAsync("manual-app");
        await sandbox.UploadAsync(projectId, ("index.html", "1"));
        (await sandbox.PutAsync($"v1/projects/{projectId}/deployments/files", new { files = new[] { new { path = "index.html", content = "2" } } })).AssertFail(429);
    }

    [Fact]
    public async Task BuildFailMarkerEndsInBuildError()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("fail-app");
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "x"), (SandboxState.BuildFailMarker, ""));
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "build_error");
        var logs = (await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{deploymentId}/build-logs")).Data!.AsArray();
        Assert.StartsWith("error:", (string?)logs[^1]!["log"]);
        (await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{deploymentId}/deployment-logs")).AssertFail(422, "not deployed");
        (await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{deploymentId}/cancel")).AssertFail(422);
    }

    [Fact]
    public async Task RolloutFailureEndsInError()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("crash-app", type: "image");
        var deployment = await sandbox.PostAsync($"v1/projects/{projectId}/deployments", new { image = "example/sandbox-deploy-fail:1" });
        var failed = await sandbox.WaitForDeploymentAsync(projectId, deployment.Id, "error", "deployed");
        Assert.Equal("error", (string?)failed["status"]);
        Assert.Null(failed["extra"]!["endpoint"]);
    }

    [Fact]
    public async Task CrashMarkerMovesADeployedAppToCrashing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("crashy-app", settings: new { framework = "express", runEnvs = new Dictionary<string, string> { [SandboxState.CrashMarker] = "1" } });
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.js", "x"));
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "crashing");
        Assert.Equal("deployment is being deleted", (await sandbox.DeleteAsync($"v1/projects/{projectId}/deployments/{deploymentId}")).MessageText);
    }

    [Fact]
    public async Task CancelOnlyFromQueueOrBuilding()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.StepDelay = Timeout.InfiniteTimeSpan);
        var projectId = await sandbox.CreateProjectAsync("cancel-app");
        var queued = await sandbox.UploadAsync(projectId, ("index.html", "x"));
        var cancel = await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{queued}/cancel");
        Assert.Equal("deployment cancelled", cancel.MessageText);
        var cancelled = (await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{queued}")).Data!;
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        Assert.NotNull(cancelled["cancelledAt"]!.GetValue<string>());
        (await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{queued}/wakeup")).AssertFail(422, "sleeping");

        var second = await sandbox.UploadAsync(projectId, ("index.html", "y"));
        var id = Guid.Parse(second);
        while (sandbox.Host.State.AdvanceDeployment(id)) { }
        Assert.Equal("deployed", sandbox.Host.State.Deployments.Single(d => d.Id == id).Status);
        (await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{second}/cancel")).AssertFail(422, "cannot be cancelled");
    }

    [Fact]
    public async Task DeleteSleepsAndWakeupRedeploys()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.StepDelay = Timeout.InfiniteTimeSpan);
        var projectId = await sandbox.CreateProjectAsync("sleep-app");
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "x"));
        var id = Guid.Parse(deploymentId);
        (await sandbox.DeleteAsync($"v1/projects/{projectId}/deployments/{deploymentId}")).AssertFail(422);
        while (sandbox.Host.State.AdvanceDeployment(id)) { }
        Assert.Equal("deployment is being deleted", (await sandbox.DeleteAsync($"v1/projects/{projectId}/deployments/{deploymentId}")).MessageText);
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "terminating");
        Assert.True(sandbox.Host.State.AdvanceDeployment(id));
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "sleeping");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(sandbox.Host.BaseUri, "apps/sleep-app/"))).StatusCode);
        Assert.Equal("deployment is being woken up", (await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{deploymentId}/wakeup")).MessageText);
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "deploying");
        Assert.True(sandbox.Host.State.AdvanceDeployment(id));
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "deployed");
    }

    [Fact]
    public async Task ImageDeploymentGoesThroughTheSameStates()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.StepDelay = Timeout.InfiniteTimeSpan);
        var projectId = await sandbox.CreateProjectAsync("image-app", type: "image");
        var deployment = await sandbox.PostAsync($"v1/projects/{projectId}/deployments", new { image = "nginx:1.27" });
        deployment.AssertStatus(HttpStatusCode.OK);
        var seen = new List<string>();
        var id = Guid.Parse(deployment.Id);
        do seen.Add(sandbox.Host.State.Deployments.Single().Status); while (sandbox.Host.State.AdvanceDeployment(id));
        Assert.Equal(["queue", "building", "deploying", "deployed"], seen);
        Assert.Equal("nginx:1.27", (string?)(await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{deployment.Id}")).Data!["source"]!["image"]);
        (await sandbox.PostAsync($"v1/projects/{projectId}/deployments", new { })).AssertFail(400, "image");
        var uploadProject = await sandbox.CreateProjectAsync("upload-app");
        (await sandbox.PostAsync($"v1/projects/{uploadProject}/deployments", new { image = "nginx" })).AssertFail(422, "image");
        (await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{deployment.Id}/download")).AssertFail(422);
    }

    [Fact]
    public async Task VcsTriggerLatestAndRetrigger()
    {
        await using var sandbox = await TestSandbox.StartAsync(o => o.StepDelay = Timeout.InfiniteTimeSpan);
        var projectId = await sandbox.CreateProjectAsync("vcs-app", type: "vcs");
        var first = await sandbox.PostAsync($"v1/projects/{projectId}/trigger-latest");
        first.AssertStatus(HttpStatusCode.OK);
        var deployment = (await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{first.Id}")).Data!;
        Assert.Equal("main", (string?)deployment["source"]!["branch"]);
        Assert.Equal(40, ((string?)deployment["source"]!["commit"])!.Length);
        Assert.Equal("deployment already triggered", (await sandbox.PostAsync($"v1/projects/{projectId}/trigger-latest")).MessageText);

        var dev = await sandbox.PostAsync($"v1/projects/{projectId}/trigger-latest?branch=dev");
        Assert.Equal("dev", (string?)(await sandbox.GetAsync($"v1/projects/{projectId}/deployments/{dev.Id}")).Data!["source"]!["branch"]);
        (await sandbox.PostAsync($"v1/projects/{projectId}/trigger-latest?branch=nope")).AssertFail(400, "branch");

        Assert.Equal("deployment triggered", (await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{first.Id}/retrigger?settings=project")).MessageText);
        Assert.Equal("deployment triggered", (await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{first.Id}/retrigger?branch=feature-docs")).MessageText);
        (await sandbox.PostAsync($"v1/projects/{projectId}/deployments/{first.Id}/retrigger?settings=bogus")).AssertFail(400, "settings");
        var list = await sandbox.GetAsync($"v1/projects/{projectId}/deployments?limit=2");
        Assert.Equal(4, (int)list.Data!["pagination"]!["total"]!);
        Assert.Equal("feature-docs", (string?)list.Data["data"]![0]!["source"]!["branch"]);

        var uploadProject = await sandbox.CreateProjectAsync("plain-app");
        (await sandbox.PostAsync($"v1/projects/{uploadProject}/trigger-latest")).AssertFail(400, "vcs");
    }

    [Fact]
    public async Task VcsDeploymentServesTheRepositoryFiles()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("repo-app", type: "vcs");
        var trigger = await sandbox.PostAsync($"v1/projects/{projectId}/trigger-latest", new { branch = "main" });
        var deployment = await sandbox.WaitForDeploymentAsync(projectId, trigger.Id, "deployed");
        using var http = new HttpClient();
        Assert.Contains("hello-static", await http.GetStringAsync((string)deployment["extra"]!["endpoint"]!));
    }

    private static byte[] Zip(params (string Path, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (path, content) in files)
            {
                using var stream = zip.CreateEntry(path).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        return buffer.ToArray();
    }
}
