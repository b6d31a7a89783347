using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Gateway;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;
using static CreateOs.Sandbox.Tests.Gateway.GatewayV2Client;
using Base64Url = CreateOs.Core.Gateway.Base64Url;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>
/// Payment v2 (docs/payment-v2.md) against the gateway and real anvil chains: the modes, MPP and x402 credentials
/// settled by the gateway's settler, every check's answer, replay, settlement failures and a dropped response.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayV2PaymentTests : IDisposable
{
    private static readonly BigInteger HalfDollar = 500_000;
    private readonly GatewayFixture _fixture;
    private readonly HttpClient _http;

    public GatewayV2PaymentTests(GatewayFixture fixture)
    {
        _fixture = fixture;
        _http = fixture.Http;
        Options.Protocol = GatewayProtocol.V2;
    }

    private GatewayOptions Options => _fixture.Gateway.Options;

    public void Dispose()
    {
        Options.Protocol = GatewayProtocol.V1;
        Options.ChallengeForms = GatewayChallengeForms.All;
        Options.SettlementFault = SettlementFault.None;
        _fixture.Gateway.Clock = () => DateTimeOffset.UtcNow;
        _fixture.Host.Faults.Clear();
    }

    [Fact]
    public async Task AV1GatewayOffersNoChallengeAndIgnoresV2Credentials()
    {
        Options.Protocol = GatewayProtocol.V1;
        using var key = EthereumKey.Generate();
        using var response = await _http.SendAsync(Deploy(key, DeployBody()).WithMpp("Payment eyJ9"));

        Assert.Equal(402, (int)response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.False(response.Headers.Contains("PAYMENT-REQUIRED"));
        Assert.Equal(Options.PayTo, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["pay_to"]);
    }

    [Fact]
    public async Task AV2GatewayQuotesWithoutPayToAndChallengesPerUsdcChainBoundToTheBody()
    {
        using var key = EthereumKey.Generate();
        var body = DeployBody();
        using var response = await _http.SendAsync(Deploy(key, body));

        Assert.Equal(402, (int)response.StatusCode);
        Assert.Equal("""{"error":"Payment required","amount_usd":0.5}""", await response.Content.ReadAsStringAsync());

        var challenges = MppChallenges(response);
        Assert.Equal(new long[] { 42161, 8453 }, challenges.Select(ChainIdOf));
        var bodyDigest = "sha-256=:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString()))) + ":"; // RFC 9530
        foreach (var challenge in challenges)
        {
            Assert.Equal(["id", "realm", "method", "intent", "request", "expires", "digest"], challenge.Keys);
            Assert.Equal(("evm", "charge", bodyDigest), (challenge["method"], challenge["intent"], challenge["digest"]));
            var request = DecodeRequestParameter(challenge);
            // JCS (RFC 8785): members sorted, no whitespace, so a client that re-serializes the request echoes the same text.
            Assert.Equal(Jcs.Serialize(request), Encoding.UTF8.GetString(Base64Url.Decode(challenge["request"])));
            Assert.Equal("500000", (string?)request["amount"]);
            Assert.Equal(Options.PayTo, (string?)request["recipient"]);
            Assert.Equal((string?)body["uniqueName"], (string?)request["externalId"]);
            Assert.Equal("""["authorization"]""", request["methodDetails"]!["credentialTypes"]!.ToJsonString());
            var expires = DateTimeOffset.Parse(challenge["expires"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        }
        Assert.Equal(_fixture.Chains.GetChain("base").UsdcAddress, (string?)DecodeRequestParameter(challenges[1])["currency"]);

        var required = PaymentRequired(response)!;
        Assert.Equal(2, (int)required["x402Version"]!);
        Assert.EndsWith("/agent/deploy", (string)required["resource"]!["url"]!);
        var offers = required["accepts"]!.AsArray();
        foreach (var (offer, chainName) in offers.Zip(new[] { "arbitrum", "base" }))
        {
            var chain = _fixture.Chains.GetChain(chainName);
            var expected = new JsonObject
            {
                ["scheme"] = "exact", ["network"] = $"eip155:{chain.ChainId}", ["asset"] = chain.UsdcAddress, ["amount"] = "500000",
                ["payTo"] = Options.PayTo, ["maxTimeoutSeconds"] = 300,
                ["extra"] = new JsonObject { ["assetTransferMethod"] = "eip3009", ["name"] = "USD Coin", ["version"] = "2" },
            };
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.ToJsonString()), offer), offer!.ToJsonString());
        }
    }

    [Fact]
    public async Task AV2OnlyGatewayRefusesXPaymentTx()
    {
        using var key = EthereumKey.Generate();
        var (status, error) = await _http.CallAsync(Deploy(key, DeployBody(), paymentTx: "0x" + new string('a', 64)));
        Assert.Equal(400, status);
        Assert.StartsWith("X-Payment-Tx is not accepted", (string?)error["error"]);
    }

    [Fact]
    public async Task TheChallengeFormsOptionChoosesTheHeadersAndTheAcceptedCredentials()
    {
        using var key = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        Options.ChallengeForms = GatewayChallengeForms.X402;
        using var x402Only = await _http.SendAsync(Deploy(key, body));
        Assert.Empty(MppChallenges(x402Only));
        var required = PaymentRequired(x402Only)!;

        Options.ChallengeForms = GatewayChallengeForms.Mpp;
        using var mppOnly = await _http.SendAsync(Deploy(key, body));
        Assert.Equal(2, MppChallenges(mppOnly).Count);
        Assert.Null(PaymentRequired(mppOnly));

        var accepted = required["accepts"]![0]!.AsObject();
        var authorization = NewAuthorization(key.Address, Options.PayTo, HalfDollar);
        var credential = X402Credential(required, accepted, authorization, Eip3009.Sign(key, UsdcDomain(42161), authorization));
        using var refused = await _http.SendAsync(Deploy(key, body).WithX402(credential));
        await AssertProblemAsync(refused, "invalid-challenge", "does not issue x402");
    }

    [Fact]
    public async Task AnMppCredentialIsSettledByTheGatewaysSettlerAndCannotBeReplayed()
    {
        using var key = await _fixture.FundedWalletAsync();
        var wallet = key.Address.ToChecksumString();
        var body = DeployBody(html: "<h1>paid with an authorization</h1>");
        var (authorization, credential) = await QuoteAndSignMppAsync(key, body, challengeIndex: 0);
        var payerEth = await _fixture.Chains.GetEthBalanceAsync("arbitrum", wallet);
        var payToBefore = await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", Options.PayTo);

        using var paid = await _http.SendAsync(Deploy(key, body).WithMpp(credential));

        Assert.Equal(200, (int)paid.StatusCode);
        var deployed = JsonNode.Parse(await paid.Content.ReadAsStringAsync())!;
        Assert.Equal("deploying", (string?)deployed["status"]);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", wallet));
        Assert.Equal(payToBefore + HalfDollar, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", Options.PayTo));
        Assert.Equal(payerEth, await _fixture.Chains.GetEthBalanceAsync("arbitrum", wallet));
        Assert.True(await _fixture.Chains.GetAuthorizationStateAsync("arbitrum", "usdc", wallet, authorization.NonceHex));

        var receipt = JsonNode.Parse(Base64Url.Decode(paid.Headers.GetValues("Payment-Receipt").Single()))!;
        Assert.Equal(("success", "evm", 42161L), ((string?)receipt["status"], (string?)receipt["method"], (long)receipt["chainId"]!));
        Assert.True(DateTimeOffset.TryParse((string?)receipt["timestamp"], out _));
        var settleTx = (string)receipt["reference"]!;
        var settlement = (await _fixture.Chains.GetReceiptAsync("arbitrum", settleTx))!;
        Assert.Equal(Options.SettlerAddress.ToLowerInvariant(), settlement.From.ToLowerInvariant());
        Assert.False(paid.Headers.Contains("PAYMENT-RESPONSE"));

        var payment = Assert.Single(_fixture.Gateway.Payments, p => p.TransactionHash == settleTx);
        Assert.Equal((GatewayPaymentProtocol.Mpp, "arbitrum", "usdc", wallet.ToLowerInvariant(), HalfDollar, authorization.NonceHex),
            (payment.Protocol, payment.Chain, payment.Token, payment.Wallet, payment.Amount, payment.AuthorizationNonce));
        Assert.Equal(0m, _fixture.Gateway.GetCreditsUsd(wallet));
        var log = JsonNode.Parse(await _http.GetStringAsync("sandbox/gateway/payments"))!["payments"]!.AsArray();
        Assert.Equal("mpp", (string?)log.Single(p => (string?)p!["tx_hash"] == settleTx)!["protocol"]);

        var settled = await _http.WaitUntilSettledAsync(key, (string)deployed["projectId"]!, (string)deployed["deploymentId"]!);
        Assert.Contains("<h1>paid with an authorization</h1>", await _http.GetStringAsync(new Uri((string)settled["endpoint"]!)));

        var (replayStatus, replay) = await _http.CallAsync(Deploy(key, body).WithMpp(credential));
        Assert.Equal(409, replayStatus);
        Assert.Equal("Payment reference already recorded", (string?)replay["error"]);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", wallet));
    }

    [Fact]
    public async Task AnX402CredentialForTheBaseOfferIsSettledWithAPaymentResponse()
    {
        Options.Protocol = GatewayProtocol.Both;
        using var key = await _fixture.FundedWalletAsync();
        var wallet = key.Address.ToChecksumString();
        var body = DeployBody();
        using var quote = await _http.SendAsync(Deploy(key, body));
        var required = PaymentRequired(quote)!;
        var accepted = required["accepts"]!.AsArray().Single(o => (string?)o!["network"] == "eip155:8453")!.AsObject();
        var authorization = NewAuthorization(key.Address, (string)accepted["payTo"]!, BigInteger.Parse((string)accepted["amount"]!));
        var credential = X402Credential(required, accepted, authorization, Eip3009.Sign(key, UsdcDomain(8453), authorization));
        var payerEth = await _fixture.Chains.GetEthBalanceAsync("base", wallet);

        using var paid = await _http.SendAsync(Deploy(key, body).WithX402(credential));

        Assert.Equal(200, (int)paid.StatusCode);
        var response = JsonNode.Parse(Convert.FromBase64String(paid.Headers.GetValues("PAYMENT-RESPONSE").Single()))!;
        Assert.True((bool)response["success"]!);
        Assert.Equal(wallet.ToLowerInvariant(), ((string)response["payer"]!).ToLowerInvariant());
        Assert.Equal("eip155:8453", (string?)response["network"]);
        var receipt = JsonNode.Parse(Base64Url.Decode(paid.Headers.GetValues("Payment-Receipt").Single()))!;
        Assert.Equal((string?)response["transaction"], (string?)receipt["reference"]);
        Assert.Equal(8453L, (long)receipt["chainId"]!);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync("base", "usdc", wallet));
        Assert.Equal(10_000_000, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", wallet));
        Assert.Equal(payerEth, await _fixture.Chains.GetEthBalanceAsync("base", wallet));
        var payment = Assert.Single(_fixture.Gateway.Payments, p => p.TransactionHash == (string?)response["transaction"]);
        Assert.Equal((GatewayPaymentProtocol.X402, "base"), (payment.Protocol, payment.Chain));
    }

    [Fact]
    public async Task TwoCredentialsOrAMalformedOneAre400()
    {
        Options.Protocol = GatewayProtocol.Both;
        using var key = EthereumKey.Generate();
        var both = Deploy(key, DeployBody()).WithMpp("Payment eyJ9").WithX402("eyJ9");
        var mppAndTx = Deploy(key, DeployBody(), paymentTx: "0x" + new string('b', 64)).WithMpp("Payment eyJ9");
        var notJson = Deploy(key, DeployBody()).WithMpp("Payment " + Base64Url.Encode(Encoding.UTF8.GetBytes("not json")));
        var noSignature = Deploy(key, DeployBody()).WithX402(Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"x402Version":2,"resource":{"url":"http://x/agent/deploy"},"accepted":{},"payload":{"authorization":{}}}""")));

        foreach (var request in new[] { both, mppAndTx, notJson, noSignature })
        {
            var (status, error) = await _http.CallAsync(request);
            Assert.Equal(400, status);
            Assert.Equal("Malformed payment credential", (string?)error["error"]);
        }
    }

    [Fact]
    public async Task ATamperedChallengeIsAnInvalidChallengeAnsweredWithFreshChallenges()
    {
        using var key = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        using var quote = await _http.SendAsync(Deploy(key, body));
        var challenge = MppChallenges(quote)[0];
        var (authorization, signature) = SignFor(key, challenge);

        var forgedId = new Dictionary<string, string>(challenge) { ["id"] = Base64Url.Encode(RandomNumberGenerator.GetBytes(32)) };
        using var refused = await _http.SendAsync(Deploy(key, body).WithMpp(MppCredential(forgedId, authorization, signature)));
        await AssertProblemAsync(refused, "invalid-challenge", "id does not match");
        Assert.Equal(2, MppChallenges(refused).Count);
        Assert.NotNull(PaymentRequired(refused));

        var cheaper = DecodeRequestParameter(challenge);
        cheaper["amount"] = "1";
        var forgedRequest = new Dictionary<string, string>(challenge) { ["request"] = Base64Url.Encode(Encoding.UTF8.GetBytes(cheaper.ToJsonString())) };
        using var alsoRefused = await _http.SendAsync(Deploy(key, body).WithMpp(MppCredential(forgedRequest, authorization, signature)));
        await AssertProblemAsync(alsoRefused, "invalid-challenge", "id does not match");
        Assert.DoesNotContain(_fixture.Gateway.Payments, p => p.Wallet == key.Address.ToLowerHexString());
    }

    [Fact]
    public async Task AnExpiredChallengeIsPaymentExpired()
    {
        using var key = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        using var quote = await _http.SendAsync(Deploy(key, body));
        var challenge = MppChallenges(quote)[0];
        var (authorization, signature) = SignFor(key, challenge);

        var later = DateTimeOffset.UtcNow.AddMinutes(6);
        _fixture.Gateway.Clock = () => later;
        var request = Signed(HttpMethod.Post, "/agent/deploy", key, body, timestampMs: later.ToUnixTimeMilliseconds());
        using var refused = await _http.SendAsync(request.WithMpp(MppCredential(challenge, authorization, signature)));

        await AssertProblemAsync(refused, "payment-expired", "expired");
    }

    [Fact]
    public async Task AChallengeIsBoundToTheBodyItWasIssuedFor()
    {
        using var key = await _fixture.FundedWalletAsync();
        using var quote = await _http.SendAsync(Deploy(key, DeployBody(displayName: "First Body")));
        var challenge = MppChallenges(quote)[0];
        var (authorization, signature) = SignFor(key, challenge);

        using var refused = await _http.SendAsync(Deploy(key, DeployBody(displayName: "Other Body")).WithMpp(MppCredential(challenge, authorization, signature)));
        await AssertProblemAsync(refused, "invalid-challenge", "digest");
    }

    [Theory]
    [InlineData("recipient", "authorization.to")]
    [InlineData("amount", "below the price")]
    [InlineData("nonce", "challenge hash")]
    [InlineData("payer", "not the authenticated wallet")]
    [InlineData("chain", "does not recover")]
    [InlineData("expired", "expired (validBefore)")]
    [InlineData("high-s", "not canonical")]
    public async Task AnAuthorizationThatDoesNotMatchFailsVerification(string mismatch, string detail)
    {
        using var key = await _fixture.FundedWalletAsync();
        using var other = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        using var quote = await _http.SendAsync(Deploy(key, body));
        var challenge = MppChallenges(quote)[0];
        var signer = mismatch == "payer" ? other : key;
        var authorization = NewAuthorization(signer.Address, mismatch == "recipient" ? other.Address.ToChecksumString() : Options.PayTo,
            mismatch == "amount" ? HalfDollar - 1 : HalfDollar, validBefore: mismatch == "expired" ? UnixNow() - 1 : null,
            nonce: mismatch == "nonce" ? null : ChallengeHash(challenge));
        var signature = Eip3009.Sign(signer, UsdcDomain(mismatch == "chain" ? 8453 : 42161), authorization);
        if (mismatch == "high-s") signature = HighSTwin(signature);

        using var refused = await _http.SendAsync(Deploy(key, body).WithMpp(MppCredential(challenge, authorization, signature)));

        await AssertProblemAsync(refused, "verification-failed", detail);
        Assert.False(_fixture.Gateway.IsAuthorizationRecorded(signer.Address.ToChecksumString(), authorization.NonceHex));
        Assert.Equal(10_000_000, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", signer.Address.ToChecksumString()));
    }

    [Fact]
    public async Task ASettlementThatRevertsIs502AndTheSameCredentialWorksOnceThePayerCanPay()
    {
        using var key = EthereumKey.Generate();
        var wallet = key.Address.ToChecksumString();
        var body = DeployBody();
        var (authorization, credential) = await QuoteAndSignMppAsync(key, body, challengeIndex: 0);

        var (status, error) = await _http.CallAsync(Deploy(key, body).WithMpp(credential));

        Assert.Equal(502, status);
        Assert.StartsWith("Payment settlement failed: ", (string?)error["error"]);
        Assert.False(_fixture.Gateway.IsAuthorizationRecorded(wallet, authorization.NonceHex));
        Assert.False(await _fixture.Chains.GetAuthorizationStateAsync("arbitrum", "usdc", wallet, authorization.NonceHex));

        await _fixture.Chains.FundAsync(wallet, 1m);
        var (retry, _) = await _http.CallAsync(Deploy(key, body).WithMpp(credential));
        Assert.Equal(200, retry);
        Assert.Equal(HalfDollar, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", wallet));
    }

    [Fact]
    public async Task AnInjectedFailureBeforeSendingIs502WithNothingPaid()
    {
        using var key = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        var (authorization, credential) = await QuoteAndSignMppAsync(key, body, challengeIndex: 1);
        Options.SettlementFault = SettlementFault.FailBeforeSending;

        var (status, error) = await _http.CallAsync(Deploy(key, body).WithMpp(credential));

        Assert.Equal(502, status);
        Assert.StartsWith("Payment settlement failed: ", (string?)error["error"]);
        Assert.Equal(10_000_000, await _fixture.Chains.GetTokenBalanceAsync("base", "usdc", key.Address.ToChecksumString()));
        Assert.False(_fixture.Gateway.IsAuthorizationRecorded(key.Address.ToChecksumString(), authorization.NonceHex));

        Options.SettlementFault = SettlementFault.None;
        Assert.Equal(200, (await _http.CallAsync(Deploy(key, body).WithMpp(credential))).Status);
    }

    [Fact]
    public async Task AFailureAfterSendingKeepsTheReferenceBecauseTheAuthorizationIsUsed()
    {
        using var key = await _fixture.FundedWalletAsync();
        var wallet = key.Address.ToChecksumString();
        var body = DeployBody();
        var (authorization, credential) = await QuoteAndSignMppAsync(key, body, challengeIndex: 0);
        Options.SettlementFault = SettlementFault.FailAfterSending;

        var (status, error) = await _http.CallAsync(Deploy(key, body).WithMpp(credential));

        Assert.Equal(502, status);
        Assert.StartsWith("Payment settlement failed: ", (string?)error["error"]);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", wallet));
        Assert.True(await _fixture.Chains.GetAuthorizationStateAsync("arbitrum", "usdc", wallet, authorization.NonceHex));
        Assert.Equal(0m, _fixture.Gateway.GetCreditsUsd(wallet));
        Assert.DoesNotContain(_fixture.Gateway.Payments, p => p.AuthorizationNonce == authorization.NonceHex);

        Options.SettlementFault = SettlementFault.None;
        var (retry, replay) = await _http.CallAsync(Deploy(key, body).WithMpp(credential));
        Assert.Equal(409, retry);
        Assert.Equal("Payment reference already recorded", (string?)replay["error"]);
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("PAYMENT-SIGNATURE")]
    public async Task ADroppedResponseAfterSettlementLeavesThePaymentAndTheProject(string credentialHeader)
    {
        Options.Protocol = GatewayProtocol.Both;
        using var key = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        using var quote = await _http.SendAsync(Deploy(key, body));
        string credential;
        string nonce;
        if (credentialHeader == "Authorization")
        {
            var challenge = MppChallenges(quote)[0];
            var (authorization, signature) = SignFor(key, challenge);
            (credential, nonce) = (MppCredential(challenge, authorization, signature), authorization.NonceHex);
        }
        else
        {
            var required = PaymentRequired(quote)!;
            var accepted = required["accepts"]![0]!.AsObject();
            var authorization = NewAuthorization(key.Address, Options.PayTo, HalfDollar);
            (credential, nonce) = (X402Credential(required, accepted, authorization, Eip3009.Sign(key, UsdcDomain(42161), authorization)), authorization.NonceHex);
        }
        HttpRequestMessage Paid() => credentialHeader == "Authorization" ? Deploy(key, body).WithMpp(credential) : Deploy(key, body).WithX402(credential);
        _fixture.Host.Faults.Add(new CreateOs.Sandbox.Faults.FaultRule
        {
            Method = "POST", PathPattern = "/agent/deploy", DropAfterActing = true, WhenHeader = credentialHeader, Count = 1,
        });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.SendAsync(Paid()));

        Assert.Single(_fixture.Gateway.Payments, p => p.AuthorizationNonce == nonce);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", key.Address.ToChecksumString()));
        var (_, projects) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
        Assert.Equal((string?)body["uniqueName"], (string?)Assert.Single(projects["projects"]!.AsArray())!["name"]);
        Assert.Equal(409, (await _http.CallAsync(Paid())).Status);
    }

    [Fact]
    public async Task TheOptionsCanBeSwitchedOverHttp()
    {
        using var changed = await _http.PostAsync("sandbox/gateway/options", Json(
            """{"protocol":"both","challenge_forms":["x402"],"settlement_fault":"fail_after_sending","challenge_lifetime_seconds":120}"""));
        Assert.Equal(200, (int)changed.StatusCode);
        Assert.Equal((GatewayProtocol.Both, GatewayChallengeForms.X402, SettlementFault.FailAfterSending, TimeSpan.FromMinutes(2)),
            (Options.Protocol, Options.ChallengeForms, Options.SettlementFault, Options.ChallengeLifetime));
        var described = JsonNode.Parse(await _http.GetStringAsync("sandbox/gateway/options"))!;
        Assert.Equal("both", (string?)described["protocol"]);
        Assert.Equal("""["x402"]""", described["challenge_forms"]!.ToJsonString());
        Assert.Equal("fail_after_sending", (string?)described["settlement_fault"]);
        Assert.Equal(Options.SettlerAddress, (string?)described["settler_address"]);

        using var refused = await _http.PostAsync("sandbox/gateway/options", Json("""{"protocol":"v1","settlement_fault":"sometimes"}"""));
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Equal(GatewayProtocol.Both, Options.Protocol);

        using var reset = await _http.PostAsync("sandbox/gateway/options", Json(
            """{"protocol":"v1","challenge_forms":["mpp","x402"],"settlement_fault":"none","challenge_lifetime_seconds":300}"""));
        Assert.Equal(200, (int)reset.StatusCode);
        Assert.Equal((GatewayProtocol.V1, GatewayChallengeForms.All, SettlementFault.None, TimeSpan.FromMinutes(5)),
            (Options.Protocol, Options.ChallengeForms, Options.SettlementFault, Options.ChallengeLifetime));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, string type, string detailPart)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(402 == (int)response.StatusCode, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal("https://paymentauth.org/problems/" + type, (string?)problem["type"]);
        Assert.Equal(402, (int)problem["status"]!);
        Assert.Equal((string?)problem["title"], (string?)problem["error"]);
        Assert.Contains(detailPart, (string?)problem["detail"]);
    }

    /// <summary>(r, n − s, flipped v): the same signer, but not the canonical low-s form.</summary>
    private static EthereumSignature HighSTwin(EthereumSignature signature)
    {
        var curveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var highS = curveOrder - new BigInteger(signature.S, isUnsigned: true, isBigEndian: true);
        return new EthereumSignature(signature.R, highS.ToByteArray(isUnsigned: true, isBigEndian: true), 1 - signature.RecoveryId);
    }

    /// <summary>Asks for a quote with <paramref name="body"/>, then signs an authorization answering one of its MPP challenges.</summary>
    private async Task<(TransferAuthorization Authorization, string Credential)> QuoteAndSignMppAsync(EthereumKey key, JsonObject body, int challengeIndex)
    {
        using var quote = await _http.SendAsync(Deploy(key, body));
        var challenge = MppChallenges(quote)[challengeIndex];
        var (authorization, signature) = SignFor(key, challenge);
        return (authorization, MppCredential(challenge, authorization, signature));
    }
}
