using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Gateway;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>
/// A sandbox started without chains (--no-chains) still authenticates and deploys on credits, but quotes no payment it
/// could not verify (issue 11, item 1). Its automatic deployment steps are off, so the tests walk the lifecycle one step
/// at a time.
/// </summary>
public sealed class GatewayWithoutChainsTests : IAsyncLifetime
{
    private GatewaySandbox _sandbox = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await GatewaySandbox.StartAsync(new SandboxOptions { StepDelay = Timeout.InfiniteTimeSpan }, gatewayOptions: new GatewayOptions { PricePerMonthUsd = 1.813947m }, startChains: false);
        _http = new HttpClient { BaseAddress = _sandbox.BaseUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task NoPaymentIsQuotedWhereNoneCouldBeVerifiedButCreditsStillDeploy()
    {
        using var key = EthereumKey.Generate();
        var (quote, body) = await _http.CallAsync(Deploy(key, DeployBody()));
        var (paid, _) = await _http.CallAsync(Deploy(key, DeployBody(), "0x" + new string('c', 64)));
        using var balance = await _http.GetAsync($"agent/balance/{key.Address}");
        _sandbox.Gateway.GrantCredits(key.Address.ToChecksumString(), 2m);
        var (deployed, _) = await _http.CallAsync(Deploy(key, DeployBody()));

        Assert.Equal(503, quote);
        Assert.Contains("Payments are unavailable", (string?)body["error"]);
        Assert.Contains("--no-chains", (string?)body["error"]);
        Assert.Null(body["amount_token"]);
        Assert.Null(body["pay_to"]);
        Assert.Equal(502, paid);
        Assert.Equal(502, (int)balance.StatusCode);
        Assert.Equal(200, deployed);
        Assert.False(_sandbox.Gateway.IsTxHashUsed("0x" + new string('c', 64)));
    }

    [Fact]
    public async Task SandboxInfoNamesTheEndpointsAndSaysPaymentsAreUnavailable()
    {
        var info = System.Text.Json.Nodes.JsonNode.Parse(await _http.GetStringAsync("sandbox/info"))!;
        Assert.Empty(info["chains"]!.AsArray());
        Assert.Equal(_sandbox.BaseUri.ToString(), (string?)info["gatewayUri"]);
        Assert.Equal(GatewayOptions.DefaultPayTo, (string?)info["payTo"]);
        Assert.False((bool)info["payments"]!["available"]!);
        Assert.Contains("cannot verify a payment", (string?)info["payments"]!["reason"]);
    }

    [Fact]
    public async Task StatusAndProjectsFollowTheLifecycleStepByStep()
    {
        using var key = EthereumKey.Generate();
        _sandbox.Gateway.GrantCredits(key.Address.ToChecksumString(), 2m);
        var (_, deployed) = await _http.CallAsync(Deploy(key, DeployBody()));
        var projectId = (string)deployed["projectId"]!;
        var deploymentId = (string)deployed["deploymentId"]!;

        async Task<(string Status, string? Raw, string? ProjectStatus, string? Url)> ObserveAsync()
        {
            var (_, status) = await _http.CallAsync(Signed(HttpMethod.Get, $"/agent/deploy/{projectId}/{deploymentId}/status", key));
            var (_, projects) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
            var project = projects["projects"]!.AsArray().Single()!;
            return ((string)status["status"]!, (string?)status["deployment_status"], (string?)project["status"], (string?)project["url"]);
        }

        Assert.Equal(("deploying", "queue", "queued", null), await ObserveAsync());
        _sandbox.Host.State.AdvanceDeployment(Guid.Parse(deploymentId));
        Assert.Equal(("deploying", "building", "building", null), await ObserveAsync());
        _sandbox.Host.State.AdvanceDeployment(Guid.Parse(deploymentId));
        Assert.Equal(("deploying", "deploying", "deploying", null), await ObserveAsync());
        _sandbox.Host.State.AdvanceDeployment(Guid.Parse(deploymentId));
        var (ready, raw, projectStatus, url) = await ObserveAsync();
        Assert.Equal("ready", ready);
        Assert.Null(raw);
        Assert.Equal("active", projectStatus);
        Assert.StartsWith(_sandbox.BaseUri.ToString(), url);
    }

    [Fact]
    public async Task ConcurrentRequestsCannotShareANonce()
    {
        using var key = EthereumKey.Generate();
        var nonce = Guid.NewGuid().ToString();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key, nonce: nonce, timestampMs: timestamp))));
        Assert.Single(statuses, s => s.Status == 200);
        Assert.Equal(7, statuses.Count(s => s.Status == 401));
    }
}
