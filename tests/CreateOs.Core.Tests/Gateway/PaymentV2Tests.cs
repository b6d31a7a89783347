using System.Numerics;
using System.Text;
using CreateOs.Core.Chain;
using CreateOs.Core.Gateway;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Tests.Gateway;

/// <summary>Payment v2 on the client side: reading challenges, choosing an offer under the policy, building credentials.</summary>
public class PaymentV2Tests
{
    private const string PayTo = "0x2664D5d0baa2D464D922c2137854ec33d95E12F8";
    /// <summary>What the gateway lists at /agent/recipients (with nothing listed and nothing pinned, nothing is paid).</summary>
    private static readonly string[] Listed = { PayTo };
    private const string ArbitrumUsdc = "0xaf88d065e77c8cC2239327C5EDb3A432268e5831";
    private const string BaseUsdc = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri DeployUri = new("https://mpp.example/agent/deploy");
    private static readonly EthereumAddress Payer = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    private static string B64Url(string json) => Base64Url.Encode(Encoding.UTF8.GetBytes(json));

    private static string MppChallenge(ulong chainId = 42161, string currency = ArbitrumUsdc, string amount = "500000", string payTo = PayTo, string? expires = "2026-11-23T12:05:00Z",
        string method = "evm", string id = "abc", string extra = "", string credentialTypes = "\"credentialTypes\":[\"authorization\"],", string splits = "")
    {
        var request = B64Url($$$"""{"amount":"{{{amount}}}","currency":"{{{currency}}}","externalId":"my-app","recipient":"{{{payTo}}}","methodDetails":{"chainId":{{{chainId}}},{{{credentialTypes}}}{{{splits}}}"decimals":6}}""");
        return $"Payment id=\"{id}\", realm=\"mpp.example\", method=\"{method}\", intent=\"charge\", request=\"{request}\"" + (expires is null ? "" : $", expires=\"{expires}\"") + ", digest=\"sha-256=AAAA\"" + extra;
    }

    private static string X402(string network = "eip155:8453", string asset = BaseUsdc, string amount = "500000", string resource = "http://mpp.example/agent/deploy", string name = "USD Coin", string version = "2") =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($$$"""
            {"x402Version":2,"resource":{"url":"{{{resource}}}"},"accepts":[{"scheme":"exact","network":"{{{network}}}","asset":"{{{asset}}}","amount":"{{{amount}}}","payTo":"{{{PayTo}}}","maxTimeoutSeconds":300,"extra":{"assetTransferMethod":"eip3009","name":"{{{name}}}","version":"{{{version}}}"}}]}
            """));

    private static PaymentQuote Quote(string? wwwAuthenticate = null, string? paymentRequired = null, bool v1Body = false)
    {
        var headers = new Dictionary<string, string>();
        if (wwwAuthenticate != null) headers["WWW-Authenticate"] = wwwAuthenticate;
        if (paymentRequired != null) headers["PAYMENT-REQUIRED"] = paymentRequired;
        var body = v1Body
            ? $$$"""{"error":"Payment required","amount_usd":0.5,"amount_token":"500000","pay_to":"{{{PayTo}}}","payment_chain":"arbitrum","token":"usdc","decimals":6}"""
            : """{"error":"Payment required","amount_usd":0.5}""";
        return PaymentQuote.Parse(body, headers);
    }

    private static PaymentTerms Choose(PaymentQuote quote, string? chain = null, string? token = null, PaymentProtocol protocol = PaymentProtocol.Auto, decimal cap = 5m) =>
        PaymentPolicy.Validate(quote, chain, token, new PaymentLimits { MaxPaymentUsd = cap }, Payer, Listed, protocol, Now, DeployUri);

    private static PaymentRefusal RefusalOf(PaymentQuote quote, string? chain = null, string? token = null, PaymentProtocol protocol = PaymentProtocol.Auto, decimal cap = 5m) =>
        Assert.Throws<PaymentRefusedException>(() => Choose(quote, chain, token, protocol, cap)).Reason;

    [Fact]
    public void Reads_several_challenges_from_one_comma_joined_header_among_other_schemes()
    {
        var header = "Bearer realm=\"api\", error=\"invalid_token\", " + MppChallenge(id: "one") + ", " + MppChallenge(8453, BaseUsdc, id: "two") + ", Basic realm=\"x, y\"";
        var challenges = CreateOs.Core.Gateway.MppChallenge.ParseAll(header);
        Assert.Equal(new[] { "one", "two" }, challenges.Select(c => c.Id));
        Assert.Equal(42161UL, challenges[0].ChainId);
        Assert.Equal(8453UL, challenges[1].ChainId);
        Assert.Equal("500000", challenges[1].Amount);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 5, 0, TimeSpan.Zero), challenges[0].Expires);
        Assert.Equal("sha-256=AAAA", challenges[0].Digest);
    }

    [Fact]
    public void Skips_malformed_payment_challenges()
    {
        Assert.Empty(CreateOs.Core.Gateway.MppChallenge.ParseAll("Payment id=\"x\", realm=\"r\""));
        Assert.Empty(CreateOs.Core.Gateway.MppChallenge.ParseAll("Payment id=\"x\", request=\"%%%not-base64%%%\""));
        Assert.Empty(CreateOs.Core.Gateway.MppChallenge.ParseAll(""));
        Assert.Single(CreateOs.Core.Gateway.MppChallenge.ParseAll("Payment id=\"x\", request=\"!!\", " + MppChallenge()));
    }

    [Fact]
    public void A_challenge_or_offer_that_names_a_field_twice_is_skipped_and_nothing_is_signed()
    {
        // Whichever "amount" a parser keeps, the document says two prices: it is no offer at all.
        Assert.Empty(CreateOs.Core.Gateway.MppChallenge.ParseAll(MppChallenge(amount: "500000\",\"amount\":\"500000000")));
        Assert.Empty(CreateOs.Core.Gateway.MppChallenge.ParseAll(MppChallenge(splits: "\"chainId\":1,")));
        Assert.Null(X402PaymentRequired.Parse(X402(amount: "500000\",\"amount\":\"500000000")));
        var quote = Quote(MppChallenge(amount: "500000\",\"amount\":\"500000000"), X402(amount: "500000\",\"amount\":\"1"));
        Assert.Empty(quote.MppChallenges);
        Assert.Throws<PaymentRefusedException>(() => Choose(quote));
        // The same challenges said once are read (the test can fail).
        Assert.Single(CreateOs.Core.Gateway.MppChallenge.ParseAll(MppChallenge(amount: "500000")));
        Assert.NotNull(X402PaymentRequired.Parse(X402()));
    }

    [Fact]
    public void Auto_answers_a_v2_challenge_with_an_authorization_even_when_v1_terms_are_offered_too()
    {
        var terms = Choose(Quote(MppChallenge(), X402(), v1Body: true));
        Assert.Equal(PaymentCredentialKind.Mpp, terms.Kind);
        Assert.Equal(42161UL, terms.Chain.ChainId);
        Assert.Equal(ArbitrumUsdc, terms.Token.Address.ToChecksumString());
        Assert.Equal(new BigInteger(500000), terms.Amount);
    }

    [Fact]
    public void Protocol_negotiation_never_answers_a_v2_only_challenge_with_a_transfer()
    {
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(MppChallenge()), protocol: PaymentProtocol.V1));
        Assert.Equal(PaymentCredentialKind.Transfer, Choose(Quote(MppChallenge(), v1Body: true), protocol: PaymentProtocol.V1).Kind);
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(v1Body: true), protocol: PaymentProtocol.V2));
        Assert.Equal(PaymentCredentialKind.Transfer, Choose(Quote(v1Body: true)).Kind);
    }

    [Fact]
    public void Chooses_the_asked_chain_and_falls_back_to_x402_when_it_is_the_only_form_there()
    {
        var quote = Quote(MppChallenge(), X402());
        var onBase = Choose(quote, chain: "base");
        Assert.Equal(PaymentCredentialKind.X402, onBase.Kind);
        Assert.Equal(8453UL, onBase.Chain.ChainId);
        Assert.Equal(PaymentCredentialKind.Mpp, Choose(quote, chain: "arbitrum").Kind);
        Assert.Equal(PaymentRefusal.UnknownChain, RefusalOf(Quote(MppChallenge()), chain: "base"));
    }

    [Theory]
    [InlineData("0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8")] // USDC.e lookalike
    [InlineData("0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9")] // USDT: v2 pays only USDC
    [InlineData("not-an-address")]
    public void Refuses_any_asset_but_the_pinned_usdc(string currency) =>
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(MppChallenge(currency: currency))));

    [Fact]
    public void Refuses_unpinned_chains_other_methods_and_expired_challenges()
    {
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(MppChallenge(chainId: 421614, currency: "0x75faf114eafb1BDbe2F0316DF893fd58CE46AA4d"))));
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(MppChallenge(method: "tempo"))));
        Assert.Equal(PaymentRefusal.ExpiredChallenge, RefusalOf(Quote(MppChallenge(expires: "2026-11-23T11:59:00Z"))));
        Assert.Equal(PaymentRefusal.ExpiredChallenge, RefusalOf(Quote(MppChallenge(expires: "2026-11-23T12:00:10Z"))));
    }

    [Fact]
    public void Refuses_an_x402_offer_for_another_resource_or_another_eip712_domain()
    {
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(paymentRequired: X402(resource: "https://evil.example/agent/deploy"))));
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(paymentRequired: X402(name: "USDC"))));
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(paymentRequired: X402(version: "1"))));
        Assert.Equal(PaymentCredentialKind.X402, Choose(Quote(paymentRequired: X402(resource: "http://MPP.example/agent/deploy/"))).Kind);
    }

    [Fact]
    public void The_cap_the_amount_check_and_the_recipient_rules_apply_to_v2()
    {
        Assert.Equal(PaymentRefusal.OverCap, RefusalOf(Quote(MppChallenge(amount: "500000")), cap: 0.25m));
        Assert.Equal(PaymentRefusal.InconsistentQuote, RefusalOf(Quote(MppChallenge(amount: "5000000"))));
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, RefusalOf(Quote(MppChallenge(payTo: Payer.ToChecksumString()))));
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, RefusalOf(Quote(MppChallenge(payTo: ArbitrumUsdc))));
        Assert.Equal(PaymentRefusal.UnknownToken, RefusalOf(Quote(MppChallenge(), v1Body: true), token: "usdt"));
        var pinned = new PaymentLimits { PinnedRecipients = new[] { "0x1111111111111111111111111111111111111111" } };
        Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(Quote(MppChallenge()), null, null, pinned, Payer, Listed, PaymentProtocol.Auto, Now, DeployUri));
    }

    [Fact]
    public void Mpp_authorization_credential_is_flat_echoes_the_challenge_and_carries_a_signature_by_the_wallet()
    {
        using var key = EthereumKey.Generate();
        var terms = PaymentPolicy.Validate(Quote(MppChallenge(extra: ", opaque=\"eyJrIjoidiJ9\"")), null, null, new PaymentLimits(), key.Address, Listed, PaymentProtocol.Auto, Now, DeployUri);
        var authorization = new TransferAuthorization { From = key.Address, To = terms.PayTo, Value = terms.Amount, ValidAfter = 0, ValidBefore = terms.Offer!.ValidBefore(Now).ToUnixTimeSeconds(), Nonce = terms.Offer.Challenge!.ChallengeHash };
        var signature = Eip3009.Sign(key, terms.Token.Eip712Domain, authorization);
        var credential = PaymentCredential.Build(terms.Offer, authorization, signature);

        Assert.Equal("Authorization", credential.HeaderName);
        Assert.StartsWith("Payment ", credential.HeaderValue);
        var json = CreateOs.Core.Http.Json.ParseVerbatim(Encoding.UTF8.GetString(Base64Url.Decode(credential.HeaderValue.Substring(8))));
        var challenge = (JObject)json["challenge"]!;
        Assert.Equal(terms.Offer.Challenge!.RequestParameter, (string)challenge["request"]!);
        Assert.Equal("eyJrIjoidiJ9", (string)challenge["opaque"]!);
        Assert.Equal("sha-256=AAAA", (string)challenge["digest"]!);
        Assert.Equal("2026-11-23T12:05:00Z", (string)challenge["expires"]!);
        Assert.Equal($"did:pkh:eip155:42161:{key.Address.ToChecksumString()}", (string)json["source"]!);
        // draft-evm-charge "Authorization Payload": exactly these eight fields, flat, all strings.
        var payload = (JObject)json["payload"]!;
        Assert.Equal(new[] { "from", "nonce", "signature", "to", "type", "validAfter", "validBefore", "value" }, payload.Properties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(payload.Properties(), p => Assert.Equal(JTokenType.String, p.Value.Type));
        Assert.Equal("authorization", (string)payload["type"]!);
        Assert.Equal("500000", (string)payload["value"]!);
        Assert.Equal("0", (string)payload["validAfter"]!);
        Assert.Equal(authorization.NonceHex, (string)payload["nonce"]!);
        Assert.Equal(key.Address, Eip3009.RecoverSigner(terms.Token.Eip712Domain, authorization, Hex.Decode((string)payload["signature"]!)));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 5, 0, TimeSpan.Zero).ToUnixTimeSeconds(), (long)authorization.ValidBefore);
    }

    [Theory]
    // Expected values computed by mppx 0.11.0: `(await import('mppx/evm')).challengeHash({id, realm})`.
    [InlineData("abc", "mpp.example", "0xe754cb42d5fedcaff5eb605ecb608e47c1b983227e932994eb14b416bbda664b")]
    [InlineData("x7Tg2pLqR9mKvNwY3hBcZa", "api.example.com", "0xbb23d7f8b42a669f3c17808bf86bf47ea0823aa4667faa4aab2fc70697ec44f0")]
    public void The_challenge_hash_is_keccak256_of_id_and_realm_packed_as_mppx_computes_it(string id, string realm, string expected)
    {
        var challenge = CreateOs.Core.Gateway.MppChallenge.ParseAll(MppChallenge(id: id).Replace("realm=\"mpp.example\"", $"realm=\"{realm}\"")).Single();
        Assert.Equal(expected, Hex.Encode(challenge.ChallengeHash));
    }

    [Theory]
    [InlineData("\"credentialTypes\":[\"authorization\"],", PaymentCredentialKind.Mpp)]
    [InlineData("\"credentialTypes\":[\"permit2\",\"transaction\",\"authorization\"],", PaymentCredentialKind.MppTransaction)]
    [InlineData("\"credentialTypes\":[\"hash\",\"authorization\"],", PaymentCredentialKind.MppHash)]
    [InlineData("\"credentialTypes\":[\"permit2\",\"authorization\",\"hash\"],", PaymentCredentialKind.Mpp)]
    [InlineData("", PaymentCredentialKind.MppTransaction)] // absent: the server MUST accept "transaction"
    public void The_credential_type_is_the_first_one_the_challenge_lists_that_the_module_makes(string credentialTypes, PaymentCredentialKind expected)
    {
        var terms = Choose(Quote(MppChallenge(credentialTypes: credentialTypes)));
        Assert.Equal(expected, terms.Kind);
        Assert.Equal(expected != PaymentCredentialKind.Mpp, terms.PaysGas);
    }

    [Fact]
    public void Challenges_the_module_cannot_pay_are_refused_before_signing()
    {
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(MppChallenge(credentialTypes: "\"credentialTypes\":[\"permit2\"],"))));
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(MppChallenge(splits: "\"splits\":[{\"recipient\":\"0x1111111111111111111111111111111111111111\",\"amount\":\"1\"}],"))));
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(Quote(MppChallenge(method: "EVM"))));
    }

    [Theory]
    [InlineData(PaymentCredentialKind.MppTransaction, "transaction", "signature")]
    [InlineData(PaymentCredentialKind.MppHash, "hash", "hash")]
    public void Mpp_transfer_credentials_carry_the_signed_transfer_or_its_hash(PaymentCredentialKind kind, string type, string field)
    {
        var challenge = CreateOs.Core.Gateway.MppChallenge.ParseAll(MppChallenge()).Single();
        const string raw = "0x02f8b1", hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
        var credential = PaymentCredential.BuildTransfer(kind, challenge, 42161, raw, hash, Payer);
        var json = CreateOs.Core.Http.Json.ParseVerbatim(Encoding.UTF8.GetString(Base64Url.Decode(credential.HeaderValue.Substring(8))));
        var payload = (JObject)json["payload"]!;
        Assert.Equal(new[] { field, "type" }, payload.Properties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(type, (string)payload["type"]!);
        Assert.Equal(kind == PaymentCredentialKind.MppHash ? hash : raw, (string)payload[field]!);
        Assert.Equal(challenge.RequestParameter, (string)json["challenge"]!["request"]!);
    }

    [Fact]
    public void X402_credential_echoes_the_offer_exactly()
    {
        using var key = EthereumKey.Generate();
        var terms = PaymentPolicy.Validate(Quote(paymentRequired: X402()), null, null, new PaymentLimits(), key.Address, Listed, PaymentProtocol.Auto, Now, DeployUri);
        var authorization = new TransferAuthorization { From = key.Address, To = terms.PayTo, Value = terms.Amount, ValidAfter = 1, ValidBefore = 2, Nonce = TransferAuthorization.NewNonce() };
        var credential = PaymentCredential.Build(terms.Offer!, authorization, Eip3009.Sign(key, terms.Token.Eip712Domain, authorization));

        Assert.Equal("PAYMENT-SIGNATURE", credential.HeaderName);
        var json = CreateOs.Core.Http.Json.ParseVerbatim(Encoding.UTF8.GetString(Convert.FromBase64String(credential.HeaderValue)));
        Assert.Equal(2, (int)json["x402Version"]!);
        Assert.True(JToken.DeepEquals(terms.Offer!.X402Offer!.Raw, json["accepted"]));
        Assert.Equal("http://mpp.example/agent/deploy", (string)json["resource"]!["url"]!);
        Assert.Equal(key.Address.ToChecksumString(), (string)json["payload"]!["authorization"]!["from"]!);
        Assert.Equal(now(terms), terms.Offer.ValidBefore(Now));

        static DateTimeOffset now(PaymentTerms t) => Now + TimeSpan.FromSeconds(300);
    }

    [Fact]
    public void Validity_never_exceeds_fifteen_minutes()
    {
        var terms = Choose(Quote(MppChallenge(expires: "2026-11-23T18:00:00Z")));
        Assert.Equal(Now + PaymentOffer.MaximumValidity, terms.Offer!.ValidBefore(Now));
        var open = Choose(Quote(MppChallenge(expires: null)));
        Assert.True(open.Offer!.ValidBefore(Now) <= Now + PaymentOffer.MaximumValidity);
    }

    [Fact]
    public void Reads_settlement_receipts_and_problem_types()
    {
        var receipt = PaymentSettlement.FromHeaders(new Dictionary<string, string>
        {
            ["Payment-Receipt"] = B64Url("""{"status":"success","method":"evm","reference":"0xabc","timestamp":"2026-11-23T12:00:01Z"}"""),
        });
        Assert.Equal("0xabc", receipt!.Transaction);
        Assert.True(receipt.Success);
        var x402 = PaymentSettlement.FromHeaders(new Dictionary<string, string>
        {
            ["payment-response"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"success":true,"payer":"0x1","transaction":"0xdef","network":"eip155:8453"}""")),
        });
        Assert.Equal("0xdef", x402!.Transaction);
        Assert.Null(PaymentSettlement.FromHeaders(new Dictionary<string, string> { ["Payment-Receipt"] = "%%%" }));

        var problem = PaymentQuote.Parse("""{"type":"https://paymentauth.org/problems/payment-expired","title":"Payment expired","status":402,"error":"Challenge expired"}""",
            new Dictionary<string, string> { ["WWW-Authenticate"] = MppChallenge(), ["X-CreateOS-Credit-Warning"] = "shared credits" });
        Assert.Equal("payment-expired", problem.ProblemType);
        Assert.Equal("shared credits", problem.Warning);
        Assert.Single(problem.MppChallenges);
        Assert.False(problem.HasV1Terms);
    }

    [Fact]
    public void An_mpp_challenge_bound_to_another_body_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("{\"uniqueName\":\"my-app\"}");
        var sha = System.Security.Cryptography.SHA256.HashData(body);
        var bound = MppChallenge().Replace("sha-256=AAAA", "sha-256=" + Convert.ToBase64String(sha));
        var ours = Hex.Encode(sha, withPrefix: false);
        Assert.Equal(PaymentCredentialKind.Mpp, PaymentPolicy.Validate(Quote(bound), null, null, new PaymentLimits(), Payer, Listed, PaymentProtocol.Auto, Now, DeployUri, ours).Kind);
        // RFC 9530's structured form, as draft-httpauth-payment writes it.
        var rfc9530 = MppChallenge().Replace("sha-256=AAAA", "sha-256=:" + Convert.ToBase64String(sha) + ":");
        Assert.Equal(PaymentCredentialKind.Mpp, PaymentPolicy.Validate(Quote(rfc9530), null, null, new PaymentLimits(), Payer, Listed, PaymentProtocol.Auto, Now, DeployUri, ours).Kind);
        var other = Hex.Encode(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("{}")), withPrefix: false);
        Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(Quote(bound), null, null, new PaymentLimits(), Payer, Listed, PaymentProtocol.Auto, Now, DeployUri, other));
        Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(Quote(rfc9530), null, null, new PaymentLimits(), Payer, Listed, PaymentProtocol.Auto, Now, DeployUri, other));
    }
}
