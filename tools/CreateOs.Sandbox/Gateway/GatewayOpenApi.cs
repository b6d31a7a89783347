using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Gateway;

/// <summary>A minimal OpenAPI 3.1 document; clients read its <c>x-service-info</c> (auth, recipient, default chain).</summary>
public static class GatewayOpenApi
{
    public static JsonObject Build(GatewayOptions options, Uri baseUri)
    {
        var paths = new JsonObject();
        void Path(string path, string method, string summary, bool auth) =>
            (paths[path] ??= new JsonObject()).AsObject()[method] = new JsonObject
            {
                ["summary"] = summary,
                ["security"] = auth ? new JsonArray(new JsonObject { ["walletSignature"] = new JsonArray() }) : new JsonArray(),
                ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            };
        Path("/health", "get", "Health check", auth: false);
        Path("/agent/chains", "get", "Supported chains and tokens", auth: false);
        Path("/agent/recipients", "get", "Payment recipients", auth: false);
        Path("/agent/balance/{address}", "get", "Token balances of an address", auth: false);
        Path("/agent/deploy", "post", "Deploy a project (402 when payment is required)", auth: true);
        Path("/agent/deploy/{projectId}/{deploymentId}/status", "get", "Deployment status", auth: true);
        Path("/agent/projects", "get", "Projects of the wallet", auth: true);
        Path("/agent/projects/{projectId}", "delete", "Delete a project", auth: true);

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "CreateOS MPP gateway (sandbox)", ["version"] = "1.0.0" },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = baseUri.ToString().TrimEnd('/') }),
            ["x-service-info"] = new JsonObject
            {
                ["name"] = "createos-mpp-gateway-sandbox",
                ["auth"] = new JsonObject
                {
                    ["type"] = "wallet-signature",
                    ["scheme"] = "personal_sign",
                    ["message"] = "{address}:{timestamp}:{nonce}",
                    ["headers"] = new JsonArray(GatewayAuth.WalletHeader, GatewayAuth.TimestampHeader, GatewayAuth.NonceHeader, GatewayAuth.SignatureHeader),
                    ["timestamp_unit"] = "ms",
                    ["max_skew_ms"] = (long)options.SignatureSkew.TotalMilliseconds,
                },
                ["payment"] = new JsonObject
                {
                    ["recipient"] = options.PayTo,
                    ["default_chain"] = options.DefaultChain,
                    ["protocol"] = options.Protocol switch { GatewayProtocol.V2 => "mpp", GatewayProtocol.Both => "v1+mpp", _ => "v1" },
                    ["chains"] = GatewayChallenge.SupportedChains(options),
                },
                ["default_chain"] = options.DefaultChain,
            },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["walletSignature"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = GatewayAuth.SignatureHeader },
                },
            },
            ["paths"] = paths,
        };
    }
}
