using System.Numerics;
using CreateOs.Core.Wallet;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>The v1 paid retry (mpp-gateway.md §6) with real ERC-20 transfers on the sandbox's anvil chains.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayPaymentTests(GatewayFixture fixture)
{
    private static readonly BigInteger HalfDollar = 500_000;
    private readonly HttpClient _http = fixture.Http;
    private string PayTo => fixture.Gateway.Options.PayTo;

    [Fact]
    public async Task APaidDeployGoesLiveAndItsHashCannotBeUsedTwice()
    {
        using var key = await fixture.FundedWalletAsync();
        var body = DeployBody(html: "<h1>paid and live</h1>");
        var (quoteStatus, quote) = await _http.CallAsync(Deploy(key, body));
        Assert.Equal(402, quoteStatus);

        var txHash = await fixture.PayAsync(key, "arbitrum", "usdc", (string)quote["pay_to"]!, BigInteger.Parse((string)quote["amount_token"]!));
        var (status, deployed) = await _http.CallAsync(Deploy(key, body, txHash));

        Assert.Equal(200, status);
        Assert.Equal("deploying", (string?)deployed["status"]);
        var projectId = (string)deployed["projectId"]!;
        var deploymentId = (string)deployed["deploymentId"]!;
        var payment = Assert.Single(fixture.Gateway.Payments, p => p.TransactionHash == txHash);
        Assert.Equal(HalfDollar, payment.Amount);
        Assert.Equal(0m, fixture.Gateway.GetCreditsUsd(key.Address.ToChecksumString()));

        var settled = await _http.WaitUntilSettledAsync(key, projectId, deploymentId);
        Assert.Equal("ready", (string?)settled["status"]);
        Assert.Equal(deploymentId, (string?)settled["deployment_id"]);
        var endpoint = (string)settled["endpoint"]!;
        Assert.Contains("<h1>paid and live</h1>", await _http.GetStringAsync(new Uri(endpoint)));

        var (projectsStatus, projects) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
        Assert.Equal(200, projectsStatus);
        var project = Assert.Single(projects["projects"]!.AsArray());
        Assert.Equal("active", (string?)project!["status"]);
        Assert.Equal(endpoint, (string?)project["url"]);
        Assert.Equal((string?)body["uniqueName"], (string?)project["name"]);

        var (replayStatus, replay) = await _http.CallAsync(Deploy(key, DeployBody(), txHash));
        Assert.Equal(409, replayStatus);
        Assert.Equal("Payment already processed", (string?)replay["error"]);
    }

    [Fact]
    public async Task OverpayingIsCreditedInFull()
    {
        using var key = await fixture.FundedWalletAsync();
        var txHash = await fixture.PayAsync(key, "base", "usdt", PayTo, 2_000_000);
        var (status, _) = await _http.CallAsync(Deploy(key, DeployBody(), txHash, chain: "base", token: "usdt"));
        Assert.Equal(200, status);
        Assert.Equal(1.5m, fixture.Gateway.GetCreditsUsd(key.Address.ToChecksumString()));
    }

    public static TheoryData<string, string, string, string, string, bool, long> BadPayments => new()
    {
        // description, paid on chain/token, claimed chain/token, pay the real recipient?, amount
        { "underpaid", "arbitrum", "usdc", "arbitrum", "usdc", true, 499_999 },
        { "wrong token", "arbitrum", "usdt", "arbitrum", "usdc", true, 500_000 },
        { "wrong chain", "base", "usdc", "arbitrum", "usdc", true, 500_000 },
        { "wrong recipient", "arbitrum", "usdc", "arbitrum", "usdc", false, 500_000 },
    };

    [Theory]
    [MemberData(nameof(BadPayments))]
    public async Task AMismatchedPaymentFailsVerification(string description, string paidChain, string paidToken, string claimedChain, string claimedToken, bool toPayTo, long amount)
    {
        using var key = await fixture.FundedWalletAsync();
        var recipient = toPayTo ? PayTo : EthereumKey.Generate().Address.ToChecksumString();
        var txHash = await fixture.PayAsync(key, paidChain, paidToken, recipient, amount);

        var (status, body) = await _http.CallAsync(Deploy(key, DeployBody(), txHash, claimedChain, claimedToken));

        Assert.True(402 == status, description);
        Assert.Equal("Payment verification failed", (string?)body["error"]);
        Assert.Equal(0m, fixture.Gateway.GetCreditsUsd(key.Address.ToChecksumString()));
        Assert.Empty(fixture.Gateway.ProjectsOf(key.Address.ToChecksumString()));
        Assert.False(fixture.Gateway.IsTxHashUsed(txHash)); // released by default: a later retry may still succeed
    }

    [Fact]
    public async Task AFailedVerificationCanBeConfiguredToConsumeTheHash()
    {
        fixture.Gateway.Options.ConsumeHashOnFailedVerification = true;
        try
        {
            using var key = await fixture.FundedWalletAsync();
            var txHash = await fixture.PayAsync(key, "arbitrum", "usdc", PayTo, 1);
            var (first, _) = await _http.CallAsync(Deploy(key, DeployBody(), txHash));
            var (second, _) = await _http.CallAsync(Deploy(key, DeployBody(), txHash));
            Assert.Equal(402, first);
            Assert.Equal(409, second);
        }
        finally
        {
            fixture.Gateway.Options.ConsumeHashOnFailedVerification = false;
        }
    }

    [Fact]
    public async Task AnUnknownOrMalformedPaymentIsRefused()
    {
        using var key = EthereumKey.Generate();
        var (malformed, _) = await _http.CallAsync(Deploy(key, DeployBody(), "0x1234"));
        var (unknownChain, _) = await _http.CallAsync(Deploy(key, DeployBody(), "0x" + new string('a', 64), chain: "optimism"));
        var (unknownTx, _) = await _http.CallAsync(Deploy(key, DeployBody(), "0x" + new string('b', 64)));
        Assert.Equal(400, malformed);
        Assert.Equal(400, unknownChain);
        Assert.Equal(402, unknownTx);
    }

    [Fact]
    public async Task ADownstreamFailureAfterPaymentIs500AndTheCreditsRemainForARetry()
    {
        using var key = await fixture.FundedWalletAsync();
        var wallet = key.Address.ToChecksumString();
        var tooLong = DeployBody(displayName: new string('A', 60)); // the gateway allows 100, CreateOS only 48
        var txHash = await fixture.PayAsync(key, "arbitrum", "usdc", PayTo, HalfDollar);

        var (failed, error) = await _http.CallAsync(Deploy(key, tooLong, txHash));
        Assert.Equal(500, failed);
        Assert.Contains("displayName", (string?)error["error"]);
        Assert.Equal(0.5m, fixture.Gateway.GetCreditsUsd(wallet));
        Assert.True(fixture.Gateway.IsTxHashUsed(txHash));

        var (retry, deployed) = await _http.CallAsync(Deploy(key, DeployBody(displayName: "Fixed Name"), useExistingCredits: true));
        Assert.Equal(200, retry);
        Assert.Equal("deploying", (string?)deployed["status"]);
        Assert.Equal(0m, fixture.Gateway.GetCreditsUsd(wallet));
    }

    [Fact]
    public async Task ANameCollisionAfterPaymentIs500()
    {
        using var first = EthereumKey.Generate();
        fixture.Gateway.GrantCredits(first.Address.ToChecksumString(), 0.5m);
        var name = UniqueName("taken");
        Assert.Equal(200, (await _http.CallAsync(Deploy(first, DeployBody(name)))).Status);

        using var key = await fixture.FundedWalletAsync();
        var txHash = await fixture.PayAsync(key, "arbitrum", "usdc", PayTo, HalfDollar);
        var (status, body) = await _http.CallAsync(Deploy(key, DeployBody(name), txHash));
        Assert.Equal(500, status);
        Assert.Contains("already exists", (string?)body["error"]);
        Assert.Equal(0.5m, fixture.Gateway.GetCreditsUsd(key.Address.ToChecksumString()));
    }

    [Fact]
    public async Task ADroppedResponseAfterAPaidDeployLeadsTo409AndTheProjectIsListed()
    {
        using var key = await fixture.FundedWalletAsync();
        var body = DeployBody();
        var txHash = await fixture.PayAsync(key, "arbitrum", "usdc", PayTo, HalfDollar);
        fixture.Host.Faults.AddDropAfterActing("POST /agent/deploy", count: 1);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.SendAsync(Deploy(key, body, txHash)));

        var (retry, error) = await _http.CallAsync(Deploy(key, body, txHash));
        Assert.Equal(409, retry);
        Assert.Equal("Payment already processed", (string?)error["error"]);
        var (_, projects) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
        Assert.Equal((string?)body["uniqueName"], (string?)Assert.Single(projects["projects"]!.AsArray())!["name"]);
    }

    [Fact]
    public async Task TooFewConfirmationsFailVerificationWhenConfigured()
    {
        fixture.Gateway.Options.RequiredConfirmations = 1000;
        try
        {
            using var key = await fixture.FundedWalletAsync();
            var txHash = await fixture.PayAsync(key, "arbitrum", "usdc", PayTo, HalfDollar);
            var (status, _) = await _http.CallAsync(Deploy(key, DeployBody(), txHash));
            Assert.Equal(402, status);
        }
        finally
        {
            fixture.Gateway.Options.RequiredConfirmations = 1;
        }
    }

    [Fact]
    public async Task APaymentFromAnotherWalletIsRefusedWhenTxFromMustMatch()
    {
        using var payer = await fixture.FundedWalletAsync();
        using var key = EthereumKey.Generate();
        var txHash = await fixture.PayAsync(payer, "arbitrum", "usdc", PayTo, HalfDollar);
        fixture.Gateway.Options.RequireTxFromWallet = true;
        try
        {
            var (refused, _) = await _http.CallAsync(Deploy(key, DeployBody(), txHash));
            Assert.Equal(402, refused);
        }
        finally
        {
            fixture.Gateway.Options.RequireTxFromWallet = false;
        }
        var (accepted, _) = await _http.CallAsync(Deploy(key, DeployBody(), txHash));
        Assert.Equal(200, accepted);
    }

    [Fact]
    public async Task ConcurrentRetriesWithOneHashDeployOnce()
    {
        using var key = await fixture.FundedWalletAsync();
        var body = DeployBody();
        var txHash = await fixture.PayAsync(key, "arbitrum", "usdc", PayTo, HalfDollar);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _http.CallAsync(Deploy(key, body, txHash))));

        Assert.Single(results, r => r.Status == 200);
        Assert.Equal(3, results.Count(r => r.Status == 409));
        Assert.Single(fixture.Gateway.ProjectsOf(key.Address.ToChecksumString()));
    }
}
