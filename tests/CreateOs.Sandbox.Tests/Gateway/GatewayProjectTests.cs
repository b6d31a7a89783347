using CreateOs.Core.Wallet;
using CreateOs.Sandbox.State;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>Status, projects and delete (mpp-gateway.md §7), owner-only.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayProjectTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    private async Task<(EthereumKey Key, string ProjectId, string DeploymentId)> DeployWithCreditsAsync(string? html = null)
    {
        var key = EthereumKey.Generate();
        fixture.Gateway.GrantCredits(key.Address.ToChecksumString(), 0.5m);
        var (status, body) = await _http.CallAsync(Deploy(key, html is null ? DeployBody() : DeployBody(html: html)));
        Assert.Equal(200, status);
        return (key, (string)body["projectId"]!, (string)body["deploymentId"]!);
    }

    [Fact]
    public async Task OnlyTheDeployerSeesTheStatus()
    {
        var (owner, projectId, deploymentId) = await DeployWithCreditsAsync();
        using var stranger = EthereumKey.Generate();

        var (ownerStatus, _) = await _http.CallAsync(Signed(HttpMethod.Get, $"/agent/deploy/{projectId}/{deploymentId}/status", owner));
        var (strangerStatus, body) = await _http.CallAsync(Signed(HttpMethod.Get, $"/agent/deploy/{projectId}/{deploymentId}/status", stranger));

        Assert.Equal(200, ownerStatus);
        Assert.Equal(403, strangerStatus);
        Assert.False(string.IsNullOrEmpty((string?)body["error"]));
        owner.Dispose();
    }

    [Fact]
    public async Task UnknownProjectsAndDeploymentsAre404()
    {
        var (owner, projectId, _) = await DeployWithCreditsAsync();
        var (unknownProject, _) = await _http.CallAsync(Signed(HttpMethod.Get, $"/agent/deploy/{Guid.NewGuid()}/{Guid.NewGuid()}/status", owner));
        var (unknownDeployment, _) = await _http.CallAsync(Signed(HttpMethod.Get, $"/agent/deploy/{projectId}/{Guid.NewGuid()}/status", owner));
        Assert.Equal(404, unknownProject);
        Assert.Equal(404, unknownDeployment);
        owner.Dispose();
    }

    [Fact]
    public async Task AFailedBuildIsReportedWithItsRawStatus()
    {
        var key = EthereumKey.Generate();
        fixture.Gateway.GrantCredits(key.Address.ToChecksumString(), 0.5m);
        var body = DeployBody();
        body["upload"]!["files"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["path"] = SandboxState.BuildFailMarker, ["content"] = "" });
        var (_, deployed) = await _http.CallAsync(Deploy(key, body));

        var settled = await _http.WaitUntilSettledAsync(key, (string)deployed["projectId"]!, (string)deployed["deploymentId"]!);

        Assert.Equal("failed", (string?)settled["status"]);
        Assert.Equal("build_error", (string?)settled["deployment_status"]);
        Assert.Contains(SandboxState.BuildFailMarker, (string?)settled["reason"]);
        var (_, projects) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
        var project = Assert.Single(projects["projects"]!.AsArray())!;
        Assert.Equal("failed", (string?)project["status"]);
        Assert.Null(project["url"]);
        key.Dispose();
    }

    [Fact]
    public async Task TheOwnerDeletesAProjectAndOthersCannot()
    {
        var (owner, projectId, _) = await DeployWithCreditsAsync();
        using var stranger = EthereumKey.Generate();

        var (strangerStatus, _) = await _http.CallAsync(Signed(HttpMethod.Delete, $"/agent/projects/{projectId}", stranger));
        var (ownerStatus, body) = await _http.CallAsync(Signed(HttpMethod.Delete, $"/agent/projects/{projectId}", owner));

        Assert.Equal(403, strangerStatus);
        Assert.Equal(200, ownerStatus);
        Assert.Equal(projectId, (string?)body["projectId"]);
        Assert.Equal("deleted", (string?)body["status"]);
        var project = Assert.Single(fixture.Host.State.Projects, p => p.Id == Guid.Parse(projectId));
        Assert.NotEqual(ProjectStatus.Active, project.Status);
        owner.Dispose();
    }

    [Fact]
    public async Task ADeletedProjectNoLongerCountsAsActive()
    {
        var (owner, projectId, _) = await DeployWithCreditsAsync();
        fixture.Gateway.GrantCredits(owner.Address.ToChecksumString(), 0.5m);
        Assert.Equal(200, (await _http.CallAsync(Signed(HttpMethod.Delete, $"/agent/projects/{projectId}", owner))).Status);

        var (status, _) = await _http.CallAsync(Deploy(owner, DeployBody())); // case A again, not C
        Assert.Equal(200, status);
        owner.Dispose();
    }
}
