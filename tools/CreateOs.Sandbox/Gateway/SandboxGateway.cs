using System.Text.Json.Nodes;
using CreateOs.Sandbox.Chains;

namespace CreateOs.Sandbox.Gateway;

/// <summary>Turns the gateway on for a sandbox host.</summary>
public static class SandboxGateway
{
    /// <summary>
    /// Chains onto <see cref="SandboxOptions.ConfigureServices"/> and <see cref="SandboxOptions.ConfigureEndpoints"/> so that
    /// <see cref="SandboxHost.StartAsync"/> also serves /openapi.json, /agent/*, /sandbox/gateway/* and, with chains,
    /// /sandbox/info (plus apiUri, gatewayUri, payTo, and payments.available: false without chains, when the gateway
    /// quotes no payment) and /sandbox/fund. Returns the gateway's state for inspection.
    /// </summary>
    public static GatewayState Enable(SandboxOptions options, GatewayOptions? gatewayOptions = null, SandboxChains? chains = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new GatewayState(gatewayOptions);

        var configureServices = options.ConfigureServices;
        options.ConfigureServices = services =>
        {
            configureServices?.Invoke(services);
            services.AddSingleton(state);
        };

        var configureEndpoints = options.ConfigureEndpoints;
        options.ConfigureEndpoints = (app, sandbox) =>
        {
            configureEndpoints?.Invoke(app, sandbox);
            app.MapGatewayEndpoints(state, sandbox, chains);
            app.MapGatewayControlEndpoints(state);
            if (chains is not null)
            {
                app.MapSandboxChainEndpoints(chains, (_, info) =>
                {
                    info["payments"] = new JsonObject { ["available"] = true };
                    AddEndpoints(info, sandbox.BaseUri, state);
                });
                return;
            }
            // Without chains (--no-chains) clients still discover where the API and the gateway are.
            app.MapGet("/sandbox/info", () => GatewayResults.Json(AddEndpoints(new JsonObject
            {
                ["chains"] = new JsonArray(),
                ["payments"] = new JsonObject { ["available"] = false, ["reason"] = GatewayDeployFlow.PaymentsUnavailable },
            }, sandbox.BaseUri, state)));
        };
        return state;
    }

    private static JsonObject AddEndpoints(JsonObject info, Uri baseUri, GatewayState state)
    {
        info["apiUri"] = baseUri.ToString();
        info["gatewayUri"] = baseUri.ToString();
        info["payTo"] = state.Options.PayTo;
        return info;
    }
}
