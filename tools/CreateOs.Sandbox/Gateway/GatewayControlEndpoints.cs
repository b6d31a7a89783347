using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Gateway;

/// <summary>The sandbox's control surface for the gateway (no auth, not rate limited, no faults): credits and payments.</summary>
public static class GatewayControlEndpoints
{
    public static void MapGatewayControlEndpoints(this WebApplication app, GatewayState state)
    {
        // POST /sandbox/gateway/credits {"wallet":"0x…","usd":1.5} adds credits (a negative usd removes them).
        app.MapPost("/sandbox/gateway/credits", async (HttpRequest request) =>
        {
            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
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
            }).ToArray()),
        }));
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
