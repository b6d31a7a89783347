using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// The 402 answer (mpp-gateway.md §5) and, with <see cref="GatewayProtocol.V2"/>, its §11 headers. The v2 headers are
/// a challenge for detection tests only: the sandbox does not settle EIP-3009 credentials.
/// </summary>
public static class GatewayChallenge
{
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

    /// <summary>Adds WWW-Authenticate: Payment (and PAYMENT-REQUIRED) for a v2 gateway; the case C warning moves to a header.</summary>
    public static void AddV2Headers(HttpContext context, GatewayOptions options, GatewayQuote quote, string? warning)
    {
        var chain = options.FindChain(options.DefaultChain) ?? options.Chains[0];
        var usdc = chain.Tokens["usdc"];
        var amount = quote.AmountToken.ToString(CultureInfo.InvariantCulture);
        var request = new JsonObject
        {
            ["amount"] = amount,
            ["currency"] = usdc,
            ["externalId"] = quote.UniqueName,
            ["recipient"] = options.PayTo,
            ["methodDetails"] = new JsonObject
            {
                ["chainId"] = chain.ChainId,
                ["credentialTypes"] = new JsonArray("authorization"),
                ["decimals"] = GatewayMoney.TokenDecimals,
            },
        };
        var requestParam = Base64Url(Encoding.UTF8.GetBytes(request.ToJsonString()));
        var realm = context.Request.Host.Value ?? "sandbox";
        var expires = (quote.IssuedAt + options.ChallengeLifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var id = Base64Url(HMACSHA256.HashData(ChallengeKey, Encoding.UTF8.GetBytes(string.Join('|', realm, "evm", "charge", requestParam, expires))));
        context.Response.Headers.Append("WWW-Authenticate",
            $"Payment id=\"{id}\", realm=\"{realm}\", method=\"evm\", intent=\"charge\", request=\"{requestParam}\", expires=\"{expires}\"");

        if (options.IncludeX402Header)
        {
            var resource = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}";
            var required = new JsonObject
            {
                ["x402Version"] = 2,
                ["resource"] = new JsonObject { ["url"] = resource },
                ["accepts"] = new JsonArray(new JsonObject
                {
                    ["scheme"] = "exact",
                    ["network"] = $"eip155:{chain.ChainId}",
                    ["asset"] = usdc,
                    ["amount"] = amount,
                    ["payTo"] = options.PayTo,
                    ["maxTimeoutSeconds"] = (int)options.ChallengeLifetime.TotalSeconds,
                    ["extra"] = new JsonObject { ["assetTransferMethod"] = "eip3009", ["name"] = "USD Coin", ["version"] = "2" },
                }),
            };
            context.Response.Headers["PAYMENT-REQUIRED"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(required.ToJsonString()));
        }
        if (warning is not null) context.Response.Headers["X-CreateOS-Credit-Warning"] = warning;
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
