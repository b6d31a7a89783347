using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Gateway;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;
using Base64Url = CreateOs.Core.Gateway.Base64Url;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>Unauthenticated endpoints, the rate limit (§9), v2 challenges (§11) and faults on /agent.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayPublicEndpointTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    private async Task<(int Status, JsonNode Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path.TrimStart('/'));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task ChainsAndRecipientsDescribeTheConfiguredTable()
    {
        var (chainsStatus, chains) = await GetAsync("/agent/chains");
        var (recipientsStatus, recipients) = await GetAsync("/agent/recipients");

        Assert.Equal(200, chainsStatus);
        Assert.Equal("""{"chain":"arbitrum","chain_id":42161,"tokens":["usdc","usdt"]}""", chains["chains"]![0]!.ToJsonString());
        Assert.Equal(200, recipientsStatus);
        Assert.All(recipients["recipients"]!.AsArray(), r => Assert.Equal(fixture.Gateway.Options.PayTo, (string?)r!["address"]));
        Assert.NotNull((string?)recipients["updated_at"]);
    }

    [Fact]
    public async Task BalanceReadsTheChain()
    {
        using var key = await fixture.FundedWalletAsync(18m);
        var (status, body) = await GetAsync($"/agent/balance/{key.Address.ToChecksumString()}?chain=base");

        Assert.Equal(200, status);
        Assert.Equal("base", (string?)body["chain"]);
        Assert.Equal(8453, (long?)body["chain_id"]);
        var usdc = body["balances"]!.AsArray().Single(b => (string?)b!["token"] == "usdc")!;
        Assert.Equal("USDC", (string?)usdc["symbol"]);
        Assert.Equal("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", (string?)usdc["address"]);
        Assert.Equal("18.000000", (string?)usdc["balance"]);
        Assert.Equal("18000000", (string?)usdc["balance_raw"]);
        Assert.Equal(6, (int?)usdc["decimals"]);
    }

    [Theory]
    [InlineData("/agent/balance/0x1234")]
    [InlineData("/agent/balance/0x2664D5d0baa2D464D922c2137854ec33d95E12F8?chain=optimism")]
    public async Task BalanceRefusesBadInput(string path)
    {
        var (status, body) = await GetAsync(path);
        Assert.Equal(400, status);
        Assert.NotNull((string?)body["error"]);
    }

    [Fact]
    public async Task OpenApiAndSandboxInfoNameTheRecipient()
    {
        var (openApiStatus, openApi) = await GetAsync("/openapi.json");
        var (_, info) = await GetAsync("/sandbox/info");

        Assert.Equal(200, openApiStatus);
        Assert.Equal("3.1.0", (string?)openApi["openapi"]);
        Assert.Equal(fixture.Gateway.Options.PayTo, (string?)openApi["x-service-info"]!["payment"]!["recipient"]);
        Assert.Equal("arbitrum", (string?)openApi["x-service-info"]!["default_chain"]);
        Assert.Equal("{address}:{timestamp}:{nonce}", (string?)openApi["x-service-info"]!["auth"]!["message"]);
        Assert.Equal(fixture.Host.BaseUri.ToString(), (string?)info["apiUri"]);
        Assert.Equal(fixture.Host.BaseUri.ToString(), (string?)info["gatewayUri"]);
        Assert.Equal(fixture.Gateway.Options.PayTo, (string?)info["payTo"]);
        Assert.Equal(2, info["chains"]!.AsArray().Count);
        Assert.True((bool)info["payments"]!["available"]!);
    }

    [Fact]
    public async Task The31stRequestOfAMinuteIsRateLimited()
    {
        var wallet = EthereumKey.Generate().Address.ToChecksumString();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "agent/chains");
            request.Headers.Add("X-Wallet-Address", wallet);
            return request;
        }

        for (var i = 0; i < 30; i++) Assert.Equal(200, (await _http.CallAsync(Request())).Status);
        using var limited = await _http.SendAsync(Request());

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("""{"error":"Rate limited"}""", await limited.Content.ReadAsStringAsync());
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task ABothGatewayAddsTheChallengeHeadersToTheV1Quote()
    {
        fixture.Gateway.Options.Protocol = GatewayProtocol.Both;
        try
        {
            using var key = EthereumKey.Generate();
            using var response = await _http.SendAsync(Deploy(key, DeployBody("v2-app-" + Guid.NewGuid().ToString("N")[..8])));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.Equal(402, (int)response.StatusCode);
            Assert.Equal("500000", (string?)body["amount_token"]); // the v1 body stays
            Assert.Equal(2, response.Headers.WwwAuthenticate.Count); // arbitrum, then base
            var challenge = response.Headers.WwwAuthenticate.First();
            Assert.Equal("Payment", challenge.Scheme);
            foreach (var part in new[] { "id=\"", "realm=\"", "method=\"evm\"", "intent=\"charge\"", "request=\"", "expires=\"" })
                Assert.Contains(part, challenge.Parameter);
            var requestParam = challenge.Parameter!.Split("request=\"")[1].Split('"')[0];
            var request = JsonNode.Parse(Base64Url.Decode(requestParam))!;
            Assert.Equal("500000", (string?)request["amount"]);
            Assert.Equal(fixture.Gateway.Options.PayTo, (string?)request["recipient"]);
            Assert.Equal(42161, (long?)request["methodDetails"]!["chainId"]);

            var x402 = JsonNode.Parse(Convert.FromBase64String(response.Headers.GetValues("PAYMENT-REQUIRED").Single()))!;
            Assert.Equal(2, (int?)x402["x402Version"]);
            Assert.Equal("eip155:42161", (string?)x402["accepts"]![0]!["network"]);
        }
        finally
        {
            fixture.Gateway.Options.Protocol = GatewayProtocol.V1;
        }
    }

    [Fact]
    public async Task AV2GatewayMovesTheCaseCWarningIntoAHeader()
    {
        using var key = EthereumKey.Generate();
        fixture.Gateway.GrantCredits(key.Address.ToChecksumString(), 1m);
        Assert.Equal(200, (await _http.CallAsync(Deploy(key, DeployBody()))).Status);
        fixture.Gateway.Options.Protocol = GatewayProtocol.V2;
        try
        {
            using var response = await _http.SendAsync(Deploy(key, DeployBody()));
            Assert.Equal(402, (int)response.StatusCode);
            Assert.Contains("1 active project(s)", response.Headers.GetValues("X-CreateOS-Credit-Warning").Single());
            Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["warning"]);
        }
        finally
        {
            fixture.Gateway.Options.Protocol = GatewayProtocol.V1;
        }
    }

    [Fact]
    public async Task ThePaymentLogCountsDeployRequests()
    {
        var before = fixture.Gateway.DeployRequestCount;
        using var key = EthereumKey.Generate();
        await _http.CallAsync(Deploy(key, DeployBody()));
        Assert.Equal(before + 1, fixture.Gateway.DeployRequestCount);
        var log = JsonNode.Parse(await _http.GetStringAsync("sandbox/gateway/payments"))!;
        Assert.True((int)log["deploy_requests"]! >= before + 1);
    }

    [Fact]
    public async Task AV1GatewaySendsNoChallengeHeaders()
    {
        using var key = EthereumKey.Generate();
        using var response = await _http.SendAsync(Deploy(key, DeployBody()));
        Assert.Equal(402, (int)response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.False(response.Headers.Contains("PAYMENT-REQUIRED"));
    }

    [Fact]
    public async Task InjectedFaultsReachAgentRoutesWithTheGatewayErrorShape()
    {
        using var key = EthereumKey.Generate();
        fixture.Host.Faults.AddStatus("GET /agent/projects", 503, count: 1);
        var (faulted, body) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
        var (healthy, _) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
        Assert.Equal(503, faulted);
        Assert.NotNull((string?)body["error"]);
        Assert.Equal(200, healthy);
    }
}
