using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Chains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using static CreateOs.Sandbox.Tests.Chains.ChainTestSupport;

namespace CreateOs.Sandbox.Tests.Chains;

/// <summary>Sandbox chains behind a real Kestrel on a free loopback port, with only the chain endpoints mapped.</summary>
public sealed class SandboxEndpointFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public SandboxChains Chains { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Chains = await SandboxChains.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapSandboxChainEndpoints(Chains);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await Chains.DisposeAsync();
    }
}

public sealed class SandboxChainEndpointTests(SandboxEndpointFixture fixture) : IClassFixture<SandboxEndpointFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly SandboxChains _chains = fixture.Chains;

    [Fact]
    public async Task InfoListsBothChainsWithRpcUrlsAndPinnedTokens()
    {
        using var response = await _client.GetAsync("/sandbox/info");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var info = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        var chains = info["chains"]!.AsArray();
        Assert.Equal(2, chains.Count);
        AssertChain(chains[0]!, "arbitrum", 42161, "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9");
        AssertChain(chains[1]!, "base", 8453, "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2");

        foreach (var chain in chains)
            Assert.True(await RpcAnswersAsync(chain!["rpcUrl"]!.GetValue<string>()));
    }

    [Fact]
    public void InfoCanBeExtendedByTheHost()
    {
        var info = _chains.BuildInfo();
        info["apiUri"] = "http://127.0.0.1:1/v1";
        Assert.Equal("http://127.0.0.1:1/v1", info["apiUri"]!.GetValue<string>());
        Assert.Null(_chains.BuildInfo()["apiUri"]); // every call builds a fresh object
    }

    [Fact]
    public async Task FundMintsAndReportsBalances()
    {
        var wallet = RandomAddress();
        using var response = await PostFundAsync($$"""{"address":"{{wallet}}","usd":25}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(wallet, body["address"]!.GetValue<string>());
        Assert.Equal(25m, body["usd"]!.GetValue<decimal>());
        var chains = body["chains"]!.AsArray();
        Assert.Equal(["arbitrum", "base"], chains.Select(c => c!["name"]!.GetValue<string>()));
        foreach (var chain in chains)
        {
            Assert.Equal("25.000000", chain!["usdc"]!.GetValue<string>());
            Assert.Equal("25.000000", chain["usdt"]!.GetValue<string>());
            Assert.Equal("1.0", chain["eth"]!.GetValue<string>());
        }

        foreach (var chain in _chains.Chains)
        {
            Assert.Equal(new BigInteger(25_000_000), await _chains.GetTokenBalanceAsync(chain.Name, "usdc", wallet));
            Assert.Equal(new BigInteger(25_000_000), await _chains.GetTokenBalanceAsync(chain.Name, "usdt", wallet));
        }
    }

    [Fact]
    public async Task FundAcceptsAFractionalAmountAsAString()
    {
        var wallet = RandomAddress();
        using var response = await PostFundAsync($$"""{"address":"{{wallet}}","usd":"0.5"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new BigInteger(500_000), await _chains.GetTokenBalanceAsync("base", "usdc", wallet));
    }

    [Theory]
    [InlineData("""{"address":"0x123","usd":25}""")]
    [InlineData("""{"address":"not an address","usd":25}""")]
    [InlineData("""{"usd":25}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","usd":0}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","usd":-5}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","usd":1000001}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","usd":1e30}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","usd":0.0000001}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","usd":"lots"}""")]
    [InlineData("""{"address":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","usd":true}""")]
    [InlineData("""{"address":42,"usd":25}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"address":""")]
    [InlineData("")]
    public async Task FundRejectsBadRequestsWith400(string body)
    {
        using var response = await PostFundAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain("(Parameter", error);
    }

    private Task<HttpResponseMessage> PostFundAsync(string body) =>
        _client.PostAsync("/sandbox/fund", new StringContent(body, Encoding.UTF8, "application/json"));

    private static void AssertChain(JsonNode chain, string name, long chainId, string usdc, string usdt)
    {
        Assert.Equal(name, chain["name"]!.GetValue<string>());
        Assert.Equal(chainId, chain["chainId"]!.GetValue<long>());
        Assert.StartsWith("http://127.0.0.1:", chain["rpcUrl"]!.GetValue<string>());
        Assert.Equal(usdc, chain["tokens"]!["usdc"]!.GetValue<string>());
        Assert.Equal(usdt, chain["tokens"]!["usdt"]!.GetValue<string>());
    }
}
