using CreateOs.Sandbox.Chains;

namespace CreateOs.Sandbox.Gateway;

/// <summary>Turns the gateway on for a sandbox host.</summary>
public static class SandboxGateway
{
    /// <summary>
    /// Chains onto <see cref="SandboxOptions.ConfigureServices"/> and <see cref="SandboxOptions.ConfigureEndpoints"/> so that
    /// <see cref="SandboxHost.StartAsync"/> also serves /openapi.json, /agent/*, /sandbox/gateway/* and, with chains,
    /// /sandbox/info (plus apiUri, gatewayUri, payTo) and /sandbox/fund. Returns the gateway's state for inspection.
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
            if (chains is null) return;
            app.MapSandboxChainEndpoints(chains, (_, info) =>
            {
                var baseUri = sandbox.BaseUri.ToString();
                info["apiUri"] = baseUri;
                info["gatewayUri"] = baseUri;
                info["payTo"] = state.Options.PayTo;
            });
        };
        return state;
    }
}
