using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Base64Url = CreateOs.Core.Gateway.Base64Url;

namespace CreateOs.Sandbox.Gateway;

/// <summary>A chain the gateway takes v2 payments on: v2 accepts only USDC (mpp-gateway.md §11).</summary>
public sealed record GatewayUsdcOffer(GatewayChain Chain, string Usdc);

/// <summary>
/// The 402 answer: the v1 quote body (mpp-gateway.md §5), the v2-only body, and the v2 challenges of docs/payment-v2.md
/// (one MPP challenge and one x402 offer per chain with USDC, the default chain first).
/// </summary>
public static class GatewayChallenge
{
    public const string WwwAuthenticateHeader = "WWW-Authenticate";
    public const string PaymentRequiredHeader = "PAYMENT-REQUIRED";
    public const string CreditWarningHeader = "X-CreateOS-Credit-Warning";
    public const string Method = "evm";
    public const string Intent = "charge";

    // Per process: a restarted sandbox does not accept the challenges of its previous run.
    private static readonly byte[] ChallengeKey = RandomNumberGenerator.GetBytes(32);

    public static JsonObject QuoteBody(GatewayOptions options, GatewayQuote quote, string? warning)
    {
        var body = new JsonObject { ["error"] = "Payment required" };
        if (warning is not null) body["warning"] = warning;
        body["amount_usd"] = GatewayMoney.Normalize(quote.AmountUsd);
        body["amount_token"] = quote.AmountToken.ToString(CultureInfo.InvariantCulture);
        body["current_credit_balance_usd"] = GatewayMoney.Normalize(quote.CreditBalanceUsd);
        body["active_projects"] = quote.ActiveProjects;
        body["pay_to"] = options.PayTo;
        body["payment_chain"] = options.DefaultChain;
        body["token"] = "usdc";
        body["decimals"] = GatewayMoney.TokenDecimals;
        body["supported_chains"] = SupportedChains(options);
        return body;
    }

    /// <summary>The 402 body of a v2-only gateway: no pay_to or amount_token, so a v1 client cannot pay it by transfer.</summary>
    public static JsonObject V2QuoteBody(GatewayQuote quote) => new()
    {
        ["error"] = "Payment required",
        ["amount_usd"] = GatewayMoney.Normalize(quote.AmountUsd),
    };

    public static JsonArray SupportedChains(GatewayOptions options) =>
        new(options.Chains.Select(c => (JsonNode)new JsonObject
        {
            ["chain"] = c.Name,
            ["chain_id"] = c.ChainId,
            ["tokens"] = new JsonArray(c.Tokens.Keys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
        }).ToArray());

    public static string SharedCreditsWarning(int activeProjects) =>
        $"You have {activeProjects} active project(s) sharing credits. Paying extends total runtime. " +
        "To deploy using existing credits (reduces runtime of other projects), retry with header X-Use-Existing-Credits: true";

    /// <summary>The chains with a usdc token, the default chain first.</summary>
    public static IReadOnlyList<GatewayUsdcOffer> UsdcOffers(GatewayOptions options) =>
        options.Chains
            .Where(c => c.Tokens.ContainsKey("usdc"))
            .OrderBy(c => c.Name.Equals(options.DefaultChain, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Select(c => new GatewayUsdcOffer(c, c.Tokens["usdc"]))
            .ToList();

    /// <summary>
    /// The MPP <c>digest</c> parameter in RFC 9530 form, <c>sha-256=:&lt;base64 SHA-256 of the body&gt;:</c>
    /// (draft-httpauth-payment "Request Body Digest Binding").
    /// </summary>
    public static string BodyDigest(ReadOnlySpan<byte> body) => "sha-256=:" + Convert.ToBase64String(SHA256.HashData(body)) + ":";

    /// <summary>Adds the configured v2 challenges for this request (bound to its body) and moves the case C warning to a header.</summary>
    public static void AddV2Challenges(HttpContext context, GatewayOptions options, GatewayQuote quote, string bodyDigest, string? warning)
    {
        var offers = UsdcOffers(options);
        if (options.ChallengeForms.HasFlag(GatewayChallengeForms.Mpp))
        {
            var realm = Realm(context.Request);
            var expires = FormatTime(quote.IssuedAt + options.ChallengeLifetime);
            foreach (var offer in offers)
            {
                var parameters = new List<(string Name, string Value)>
                {
                    ("realm", realm),
                    ("method", Method),
                    ("intent", Intent),
                    ("request", MppRequest(options, offer, quote.AmountToken, quote.UniqueName)),
                    ("expires", expires),
                    ("digest", bodyDigest),
                };
                var id = ChallengeId(parameters.ToDictionary(p => p.Name, p => p.Value));
                context.Response.Headers.Append(WwwAuthenticateHeader,
                    "Payment " + string.Join(", ", parameters.Prepend((Name: "id", Value: id)).Select(p => $"{p.Name}=\"{p.Value}\"")));
            }
        }

        if (options.ChallengeForms.HasFlag(GatewayChallengeForms.X402) && offers.Count > 0)
        {
            var required = new JsonObject
            {
                ["x402Version"] = 2,
                ["error"] = "Payment required",
                ["resource"] = new JsonObject { ["url"] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}" },
                ["accepts"] = new JsonArray(offers.Select(o => (JsonNode)X402Offer(options, o, quote.AmountToken)).ToArray()),
            };
            context.Response.Headers[PaymentRequiredHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(required.ToJsonString()));
        }
        if (warning is not null) context.Response.Headers[CreditWarningHeader] = warning;
    }

    /// <summary>
    /// The MPP request parameter: base64url (no padding) of the JCS-serialized charge request (draft-httpauth-payment
    /// "request"; draft-evm-charge "Request Schema"), so a client that parses and re-serializes it echoes the same text.
    /// </summary>
    public static string MppRequest(GatewayOptions options, GatewayUsdcOffer offer, BigInteger amount, string externalId)
    {
        var request = new JsonObject
        {
            ["amount"] = amount.ToString(CultureInfo.InvariantCulture),
            ["currency"] = offer.Usdc,
            ["externalId"] = externalId,
            ["recipient"] = options.PayTo,
            ["methodDetails"] = new JsonObject
            {
                ["chainId"] = offer.Chain.ChainId,
                ["credentialTypes"] = new JsonArray(options.MppCredentialTypes.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
                ["decimals"] = GatewayMoney.TokenDecimals,
            },
        };
        return Base64Url.Encode(Encoding.UTF8.GetBytes(Jcs.Serialize(request)));
    }

    /// <summary>An x402 v2 "exact" offer: the gateway compares the echoed <c>accepted</c> with this.</summary>
    public static JsonObject X402Offer(GatewayOptions options, GatewayUsdcOffer offer, BigInteger amount) => new()
    {
        ["scheme"] = "exact",
        ["network"] = Network(offer.Chain.ChainId),
        ["asset"] = offer.Usdc,
        ["amount"] = amount.ToString(CultureInfo.InvariantCulture),
        ["payTo"] = options.PayTo,
        ["maxTimeoutSeconds"] = (long)options.ChallengeLifetime.TotalSeconds,
        ["extra"] = new JsonObject
        {
            ["assetTransferMethod"] = "eip3009",
            ["name"] = TransferAuthorizationMessage.UsdcDomainName,
            ["version"] = TransferAuthorizationMessage.UsdcDomainVersion,
        },
    };

    public static string Network(long chainId) => "eip155:" + chainId.ToString(CultureInfo.InvariantCulture);

    /// <summary>HMAC-SHA256 over <c>realm|method|intent|request|expires|digest|opaque</c> (absent = empty), b64url.</summary>
    public static string ChallengeId(IReadOnlyDictionary<string, string> parameters)
    {
        string Part(string name) => parameters.TryGetValue(name, out var value) ? value : "";
        var input = string.Join('|', Part("realm"), Part("method"), Part("intent"), Part("request"), Part("expires"), Part("digest"), Part("opaque"));
        return Base64Url.Encode(HMACSHA256.HashData(ChallengeKey, Encoding.UTF8.GetBytes(input)));
    }

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);


    private static string Realm(HttpRequest request) => request.Host.HasValue ? request.Host.Value! : "sandbox";
}
