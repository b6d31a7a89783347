using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

public sealed class DomainsTests
{
    [Fact]
    public async Task PendingRefreshActiveAndEnvironmentAssignment()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var projectId = await sandbox.CreateProjectAsync("domain-app");
        (await sandbox.PostAsync($"v1/projects/{projectId}/domains", new { name = "not a domain" })).AssertFail(400, "name");
        var domain = await sandbox.PostAsync($"v1/projects/{projectId}/domains", new { name = "www.example.com" });
        domain.AssertStatus(HttpStatusCode.Created);
        (await sandbox.PostAsync($"v1/projects/{projectId}/domains", new { name = "www.example.com" })).AssertFail(422, "exists");
        var listed = (await sandbox.GetAsync($"v1/projects/{projectId}/domains")).Data![0]!;
        Assert.Equal("pending", (string?)listed["status"]);
        Assert.NotNull(listed["records"]!["txt_records"]);

        var environmentId = (await sandbox.PostAsync($"v1/projects/{projectId}/environments", new
        {
            displayName = "Production", uniqueName = "prod", description = "production", settings = new { runEnvs = new { } },
            resources = new { cpu = 200, memory = 500, replicas = 1 },
        })).Id;
        var environmentPath = $"v1/projects/{projectId}/domains/{domain.Id}/environment";
        (await sandbox.PutAsync(environmentPath, new { environmentId })).AssertFail(422, "not active");

        Assert.Equal("domain is being refreshed", (await sandbox.PostAsync($"v1/projects/{projectId}/domains/{domain.Id}/refresh")).MessageText);
        await sandbox.WaitForAsync($"v1/projects/{projectId}/domains", _ => sandbox.Host.State.Domains.Single().Status == "active");
        (await sandbox.PostAsync($"v1/projects/{projectId}/domains/{domain.Id}/refresh")).AssertFail(422, "pending");

        (await sandbox.PutAsync(environmentPath, new { environmentId })).AssertFail(422, "no deployment");
        var deploymentId = await sandbox.UploadAsync(projectId, ("index.html", "x"));
        await sandbox.WaitForDeploymentAsync(projectId, deploymentId, "deployed");
        await sandbox.PostAsync($"v1/projects/{projectId}/environments/{environmentId}/assign-deployment", new { deploymentId });
        Assert.Equal("domain environment updated successfully", (await sandbox.PutAsync(environmentPath, new { environmentId })).MessageText);
        var environment = (await sandbox.GetAsync($"v1/projects/{projectId}/environments")).Data![0]!;
        Assert.Equal("www.example.com", (string?)environment["extra"]!["customDomains"]![0]);
        using (var request = new HttpRequestMessage(HttpMethod.Get, sandbox.Host.BaseUri))
        {
            request.Headers.Host = "www.example.com";
            var page = await sandbox.Http.SendAsync(request);
            Assert.Equal("x", await page.Content.ReadAsStringAsync());
        }
        (await sandbox.PutAsync(environmentPath, new { environmentId = (string?)null })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("domain is being deleted", (await sandbox.DeleteAsync($"v1/projects/{projectId}/domains/{domain.Id}")).MessageText);
        await sandbox.WaitForAsync($"v1/projects/{projectId}", _ => sandbox.Host.State.Domains.Count == 0);
    }
}
