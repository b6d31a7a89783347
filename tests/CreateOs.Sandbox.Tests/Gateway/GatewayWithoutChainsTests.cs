using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Gateway;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>A sandbox started without chains (--no-chains) still authenticates, quotes and deploys on credits.</summary>
public sealed class GatewayWithoutChainsTests : IAsyncLifetime
{
    private GatewaySandbox _sandbox = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await GatewaySandbox.StartAsync(gatewayOptions: new GatewayOptions { PricePerMonthUsd = 1.813947m }, startChains: false);
        _http = new HttpClient { BaseAddress = _sandbox.BaseUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task QuotesAndCreditsWorkButPaymentsAndBalancesAre502()
    {
        using var key = EthereumKey.Generate();
        var (quote, body) = await _http.CallAsync(Deploy(key, DeployBody()));
        var (paid, _) = await _http.CallAsync(Deploy(key, DeployBody(), "0x" + new string('c', 64)));
        using var balance = await _http.GetAsync($"agent/balance/{key.Address}");
        _sandbox.Gateway.GrantCredits(key.Address.ToChecksumString(), 2m);
        var (deployed, _) = await _http.CallAsync(Deploy(key, DeployBody()));

        Assert.Equal(402, quote);
        Assert.Equal("1813947", (string?)body["amount_token"]);
        Assert.Equal(502, paid);
        Assert.Equal(502, (int)balance.StatusCode);
        Assert.Equal(200, deployed);
        Assert.False(_sandbox.Gateway.IsTxHashUsed("0x" + new string('c', 64)));
    }

    [Fact]
    public async Task SandboxInfoStillNamesTheEndpoints()
    {
        var info = System.Text.Json.Nodes.JsonNode.Parse(await _http.GetStringAsync("sandbox/info"))!;
        Assert.Empty(info["chains"]!.AsArray());
        Assert.Equal(_sandbox.BaseUri.ToString(), (string?)info["gatewayUri"]);
        Assert.Equal(GatewayOptions.DefaultPayTo, (string?)info["payTo"]);
    }
}
