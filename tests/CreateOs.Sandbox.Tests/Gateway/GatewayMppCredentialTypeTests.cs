using System.Numerics;
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
/// The MPP credential types of draft-evm-charge beyond the authorization: <c>transaction</c> (the gateway broadcasts
/// the wallet's signed transfer) and <c>hash</c> (the wallet broadcast it), offered in <c>credentialTypes</c> order;
/// and what the gateway refuses — a type not offered, the pre-spec nested authorization payload.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayMppCredentialTypeTests : IDisposable
{
    private static readonly BigInteger HalfDollar = 500_000;
    private readonly GatewayFixture _fixture;
    private readonly HttpClient _http;

    public GatewayMppCredentialTypeTests(GatewayFixture fixture)
    {
        _fixture = fixture;
        _http = fixture.Http;
        Options.Protocol = GatewayProtocol.V2;
        Options.ChallengeForms = GatewayChallengeForms.Mpp;
    }

    private GatewayOptions Options => _fixture.Gateway.Options;

    public void Dispose()
    {
        Options.Protocol = GatewayProtocol.V1;
        Options.ChallengeForms = GatewayChallengeForms.All;
        Options.MppCredentialTypes = [MppCredentialType.Authorization];
    }

    private async Task<Dictionary<string, string>> ChallengeAsync(EthereumKey key, JsonObject body, string chain = "arbitrum")
    {
        using var quote = await _http.SendAsync(Deploy(key, body));
        Assert.Equal(402, (int)quote.StatusCode);
        return MppChallenges(quote).Single(c => ChainIdOf(c) == _fixture.Chains.GetChain(chain).ChainId);
    }

    private Erc20Payer Payer(string chain) =>
        new(new EthRpcClient(_http, new Uri(_fixture.Chains.GetChain(chain).RpcUrl)), TokenRegistry.GetChain(chain));

    private async Task<SignedTransaction> SignTransferAsync(EthereumKey key, string chain, BigInteger amount, string? to = null) =>
        await Payer(chain).BuildTransferAsync(key, TokenRegistry.GetToken(chain, "usdc"), EthereumAddress.Parse(to ?? Options.PayTo), amount);

    [Fact]
    public async Task The_challenge_lists_the_configured_credential_types_in_order()
    {
        Options.MppCredentialTypes = [MppCredentialType.Transaction, MppCredentialType.Hash, MppCredentialType.Authorization];
        using var key = EthereumKey.Generate();
        var challenge = await ChallengeAsync(key, DeployBody());
        Assert.Equal("""["transaction","hash","authorization"]""", DecodeRequestParameter(challenge)["methodDetails"]!["credentialTypes"]!.ToJsonString());
    }

    [Theory]
    [InlineData("arbitrum")]
    [InlineData("base")]
    public async Task A_signed_transaction_is_broadcast_by_the_gateway_and_pays_once(string chain)
    {
        Options.MppCredentialTypes = [MppCredentialType.Transaction];
        using var key = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        var challenge = await ChallengeAsync(key, body, chain);
        var transfer = await SignTransferAsync(key, chain, HalfDollar);
        var credential = MppCredential(challenge, new JsonObject { ["type"] = "transaction", ["signature"] = transfer.RawHex }, key.Address);

        using var paid = await _http.SendAsync(Deploy(key, body).WithMpp(credential));
        Assert.Equal(200, (int)paid.StatusCode);
        var receipt = JsonNode.Parse(Base64Url.Decode(paid.Headers.GetValues("Payment-Receipt").Single()))!;
        Assert.Equal(transfer.Hash, (string?)receipt["reference"]);
        Assert.Equal(challenge["id"], (string?)receipt["challengeId"]);
        Assert.Equal((string?)body["uniqueName"], (string?)receipt["externalId"]);
        Assert.Equal("success", (string?)receipt["status"]);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync(chain, "usdc", key.Address.ToChecksumString()));

        // The replay token is the transaction hash: the same credential again is 409, and nothing moves.
        var (status, error) = await _http.CallAsync(Deploy(key, body).WithMpp(credential));
        Assert.Equal(409, status);
        Assert.Equal(GatewayDeployFlow.ReferenceRecordedError, (string?)error["error"]);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync(chain, "usdc", key.Address.ToChecksumString()));
    }

    [Fact]
    public async Task A_hash_of_a_transfer_the_wallet_broadcast_pays_and_only_the_payer_can_present_it()
    {
        Options.MppCredentialTypes = [MppCredentialType.Hash];
        using var key = await _fixture.FundedWalletAsync();
        using var thief = await _fixture.FundedWalletAsync();
        var hash = await _fixture.PayAsync(key, "arbitrum", "usdc", Options.PayTo, HalfDollar);

        var thiefBody = DeployBody();
        var stolen = MppCredential(await ChallengeAsync(thief, thiefBody), new JsonObject { ["type"] = "hash", ["hash"] = hash }, thief.Address);
        using var refused = await _http.SendAsync(Deploy(thief, thiefBody).WithMpp(stolen));
        await AssertProblemAsync(refused, "verification-failed", "not from the authenticated wallet");

        var body = DeployBody();
        var credential = MppCredential(await ChallengeAsync(key, body), new JsonObject { ["type"] = "hash", ["hash"] = hash }, key.Address);
        using var paid = await _http.SendAsync(Deploy(key, body).WithMpp(credential));
        Assert.Equal(200, (int)paid.StatusCode);
        Assert.Equal(hash, (string?)JsonNode.Parse(Base64Url.Decode(paid.Headers.GetValues("Payment-Receipt").Single()))!["reference"]);
        Assert.Equal(9_500_000, await _fixture.Chains.GetTokenBalanceAsync("arbitrum", "usdc", key.Address.ToChecksumString()));
    }

    [Theory]
    [InlineData("amount", "below the price")]
    [InlineData("recipient", "recipient")]
    [InlineData("signer", "authenticated wallet")]
    public async Task A_signed_transaction_that_does_not_match_the_challenge_is_never_broadcast(string mismatch, string detail)
    {
        Options.MppCredentialTypes = [MppCredentialType.Transaction];
        using var key = await _fixture.FundedWalletAsync();
        using var other = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        var challenge = await ChallengeAsync(key, body);
        var transfer = await SignTransferAsync(mismatch == "signer" ? other : key, "arbitrum", mismatch == "amount" ? HalfDollar - 1 : HalfDollar,
            mismatch == "recipient" ? other.Address.ToChecksumString() : null);

        using var refused = await _http.SendAsync(Deploy(key, body).WithMpp(MppCredential(challenge, new JsonObject { ["type"] = "transaction", ["signature"] = transfer.RawHex }, key.Address)));

        await AssertProblemAsync(refused, "verification-failed", detail);
        Assert.Null(await _fixture.Chains.GetReceiptAsync("arbitrum", transfer.Hash));
    }

    [Fact]
    public async Task A_type_the_challenge_did_not_offer_fails_verification_and_the_nested_payload_is_malformed()
    {
        using var key = await _fixture.FundedWalletAsync();
        var body = DeployBody();
        var challenge = await ChallengeAsync(key, body); // offers only authorization
        var hash = await _fixture.PayAsync(key, "arbitrum", "usdc", Options.PayTo, HalfDollar);
        using var notOffered = await _http.SendAsync(Deploy(key, body).WithMpp(MppCredential(challenge, new JsonObject { ["type"] = "hash", ["hash"] = hash }, key.Address)));
        await AssertProblemAsync(notOffered, "verification-failed", "not accepted by this challenge");

        // The pre-spec form (the EIP-3009 fields nested under "authorization") is not the spec's payload.
        var (authorization, signature) = SignFor(key, challenge);
        var nested = new JsonObject { ["type"] = "authorization", ["authorization"] = AuthorizationJson(authorization), ["signature"] = signature.ToHex() };
        var (status, error) = await _http.CallAsync(Deploy(key, body).WithMpp(MppCredential(challenge, nested, key.Address)));
        Assert.Equal(400, status);
        Assert.Equal(PaymentCredential.MalformedError, (string?)error["error"]);
    }

    [Fact]
    public async Task A_source_that_is_not_the_paying_wallet_fails_verification()
    {
        using var key = await _fixture.FundedWalletAsync();
        using var other = EthereumKey.Generate();
        var body = DeployBody();
        var challenge = await ChallengeAsync(key, body);
        var (authorization, signature) = SignFor(key, challenge);
        var payload = AuthorizationJson(authorization);
        payload["type"] = "authorization";
        payload["signature"] = signature.ToHex();
        using var refused = await _http.SendAsync(Deploy(key, body).WithMpp(MppCredential(challenge, payload, other.Address)));
        await AssertProblemAsync(refused, "verification-failed", "source");
        Assert.False(_fixture.Gateway.IsAuthorizationRecorded(key.Address.ToChecksumString(), authorization.NonceHex));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string type, string detailPart)
    {
        Assert.Equal(402, (int)response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://paymentauth.org/problems/" + type, (string?)problem["type"]);
        Assert.Contains(detailPart, (string?)problem["detail"]);
    }
}

/// <summary>RFC 8785 as the gateway writes the challenge request, against the output of mppx 0.11.0's serializer.</summary>
public sealed class JcsTests
{
    [Fact]
    public void Serializes_like_mppx_PaymentRequest_serialize()
    {
        // Expected: mppx 0.11.0 (ox Json.canonicalize), `PaymentRequest.serialize({...})` base64url-decoded, same input.
        var input = JsonNode.Parse("""
            {"recipient":"0x1","amount":"5","methodDetails":{"decimals":6,"chainId":42161,"credentialTypes":["authorization"]},
             "currency":"0xA","big":1e21,"small":0.000001,"f":1.5,"u":"\u00e9\u0001","n":-0.5,"e":1e-7}
            """);
        const string expected = """{"amount":"5","big":1e+21,"currency":"0xA","e":1e-7,"f":1.5,"methodDetails":{"chainId":42161,"credentialTypes":["authorization"],"decimals":6},"n":-0.5,"recipient":"0x1","small":0.000001,"u":"é\u0001"}""";
        Assert.Equal(expected, Jcs.Serialize(input));
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(100d, "100")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.001, "0.001")]
    [InlineData(-2.5e30, "-2.5e+30")]
    public void Numbers_use_the_ECMAScript_form(double value, string expected) => Assert.Equal(expected, Jcs.Number(value));
}
