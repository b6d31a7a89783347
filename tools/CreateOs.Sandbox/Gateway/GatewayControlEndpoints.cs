using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Gateway;

/// <summary>The sandbox's control surface for the gateway (no auth, not rate limited, no faults): credits, payments and
/// the options a client test switches on a running sandbox.</summary>
public static class GatewayControlEndpoints
{
    public static void MapGatewayControlEndpoints(this WebApplication app, GatewayState state)
    {
        // POST /sandbox/gateway/credits {"wallet":"0x…","usd":1.5} adds credits (a negative usd removes them).
        app.MapPost("/sandbox/gateway/credits", async (HttpRequest request) =>
        {
            var body = await ReadObjectAsync(request);
            var wallet = body?["wallet"] is JsonValue w && w.TryGetValue<string>(out var text) ? text : null;
            if (!GatewayEndpoints.IsAddress(wallet))
                return GatewayResults.Error(400, "wallet must be 0x followed by 40 hex digits");
            if (!TryReadUsd(body?["usd"], out var usd)) return GatewayResults.Error(400, "usd must be a number");
            state.GrantCredits(wallet, usd);
            return GatewayResults.Json(Describe(state, wallet));
        });

        app.MapGet("/sandbox/gateway/credits/{wallet}", (string wallet) =>
            GatewayEndpoints.IsAddress(wallet) ? GatewayResults.Json(Describe(state, wallet)) : GatewayResults.Error(400, "invalid wallet"));

        app.MapGet("/sandbox/gateway/payments", () => GatewayResults.Json(new JsonObject
        {
            ["deploy_requests"] = state.DeployRequestCount,
            ["payments"] = new JsonArray(state.Payments.Select(p => (JsonNode)new JsonObject
            {
                ["tx_hash"] = p.TransactionHash, ["chain"] = p.Chain, ["token"] = p.Token, ["wallet"] = p.Wallet,
                ["amount_token"] = p.Amount.ToString(CultureInfo.InvariantCulture), ["credited_usd"] = p.CreditedUsd,
                ["protocol"] = p.Protocol.ToString().ToLowerInvariant(), ["authorization_nonce"] = p.AuthorizationNonce,
            }).ToArray()),
        }));

        app.MapGet("/sandbox/gateway/options", () => GatewayResults.Json(DescribeOptions(state.Options)));

        // POST /sandbox/gateway/options {"protocol":"v1|v2|both","challenge_forms":["mpp","x402"],
        //   "challenge_lifetime_seconds":300,"settlement_fault":"none|fail_before_sending|fail_after_sending",
        //   "credential_types":["authorization","transaction","hash"]}: any subset.
        app.MapPost("/sandbox/gateway/options", async (HttpRequest request) =>
        {
            var body = await ReadObjectAsync(request);
            if (body is null) return GatewayResults.Error(400, "body must be a JSON object");
            try
            {
                var options = state.Options;
                // Parse everything before changing anything, so a bad field leaves the options as they were.
                var protocol = body["protocol"] is { } p ? ParseProtocol(Text(p, "protocol")) : options.Protocol;
                var forms = body["challenge_forms"] is { } f
                    ? ParseChallengeForms(f as JsonArray is { } array ? array.Select(item => Text(item ?? throw new ArgumentException("challenge_forms must not hold null"), "challenge_forms[]")) : throw new ArgumentException("challenge_forms must be an array"))
                    : options.ChallengeForms;
                var lifetime = options.ChallengeLifetime;
                if (body["challenge_lifetime_seconds"] is { } l)
                    lifetime = TryReadUsd(l, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds((double)seconds) : throw new ArgumentException("challenge_lifetime_seconds must be a positive number");
                var fault = body["settlement_fault"] is { } s ? ParseSettlementFault(Text(s, "settlement_fault")) : options.SettlementFault;
                var credentialTypes = body["credential_types"] is { } c
                    ? ParseCredentialTypes(c as JsonArray is { } typeArray ? typeArray.Select(item => Text(item!, "credential_types[]")) : throw new ArgumentException("credential_types must be an array"))
                    : options.MppCredentialTypes;
                options.Protocol = protocol;
                options.ChallengeForms = forms;
                options.ChallengeLifetime = lifetime;
                options.SettlementFault = fault;
                options.MppCredentialTypes = credentialTypes;
                return GatewayResults.Json(DescribeOptions(options));
            }
            catch (ArgumentException e)
            {
                return GatewayResults.Error(400, e.Message);
            }
        });
    }

    public static GatewayProtocol ParseProtocol(string text) => text.Trim().ToLowerInvariant() switch
    {
        "v1" => GatewayProtocol.V1,
        "v2" => GatewayProtocol.V2,
        "both" => GatewayProtocol.Both,
        _ => throw new ArgumentException($"protocol must be v1, v2 or both, not '{text}'"),
    };

    public static GatewayChallengeForms ParseChallengeForms(IEnumerable<string> names) =>
        names.Aggregate(GatewayChallengeForms.None, (forms, name) => forms | name.Trim().ToLowerInvariant() switch
        {
            "mpp" => GatewayChallengeForms.Mpp,
            "x402" => GatewayChallengeForms.X402,
            _ => throw new ArgumentException($"challenge forms are mpp and x402, not '{name}'"),
        });

    /// <summary>A non-empty, duplicate-free list of the MPP credential types the sandbox verifies, in order of preference.</summary>
    public static IReadOnlyList<string> ParseCredentialTypes(IEnumerable<string> names)
    {
        var types = names.Select(n => n.Trim().ToLowerInvariant()).ToList();
        if (types.Count == 0 || types.Distinct().Count() != types.Count || types.Any(t => !MppCredentialType.Supported.Contains(t)))
            throw new ArgumentException($"credential_types must list, without repeats, some of {string.Join(", ", MppCredentialType.Supported)}");
        return types;
    }

    public static SettlementFault ParseSettlementFault(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => SettlementFault.None,
        "fail_before_sending" => SettlementFault.FailBeforeSending,
        "fail_after_sending" => SettlementFault.FailAfterSending,
        _ => throw new ArgumentException($"settlement_fault must be none, fail_before_sending or fail_after_sending, not '{text}'"),
    };

    private static JsonObject DescribeOptions(GatewayOptions options) => new()
    {
        ["protocol"] = options.Protocol.ToString().ToLowerInvariant(),
        ["challenge_forms"] = new JsonArray(new[] { (GatewayChallengeForms.Mpp, "mpp"), (GatewayChallengeForms.X402, "x402") }
            .Where(form => options.ChallengeForms.HasFlag(form.Item1)).Select(form => (JsonNode)JsonValue.Create(form.Item2)!).ToArray()),
        ["challenge_lifetime_seconds"] = options.ChallengeLifetime.TotalSeconds,
        ["settlement_fault"] = options.SettlementFault switch
        {
            SettlementFault.FailBeforeSending => "fail_before_sending",
            SettlementFault.FailAfterSending => "fail_after_sending",
            _ => "none",
        },
        ["credential_types"] = new JsonArray(options.MppCredentialTypes.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        ["settler_address"] = options.SettlerAddress,
        ["pay_to"] = options.PayTo,
    };

    private static string Text(JsonNode node, string name) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new ArgumentException($"{name} must be a string");

    private static async Task<JsonObject?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Describe(GatewayState state, string wallet) => new()
    {
        ["wallet"] = GatewayState.Key(wallet),
        ["credit_balance_usd"] = GatewayMoney.Normalize(state.GetCreditsUsd(wallet)),
        ["credits"] = state.GetCredits(wallet),
    };

    private static bool TryReadUsd(JsonNode? node, out decimal usd)
    {
        usd = 0;
        if (node is not JsonValue value) return false;
        var element = value.GetValue<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDecimal(out usd),
            JsonValueKind.String => decimal.TryParse(element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out usd),
            _ => false,
        };
    }
}
