using CreateOs.Sandbox.Chains;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// A whole sandbox in one object: the REST API and the gateway on one loopback address, plus the anvil chains the
/// gateway verifies payments on. For in-process tests and tools; the command line does the same in Program.cs.
/// </summary>
public sealed class GatewaySandbox : IAsyncDisposable
{
    private GatewaySandbox(SandboxHost host, GatewayState gateway, SandboxChains? chains)
    {
        Host = host;
        Gateway = gateway;
        Chains = chains;
    }

    public SandboxHost Host { get; }

    public GatewayState Gateway { get; }

    /// <summary>Null when started with <c>startChains: false</c>.</summary>
    public SandboxChains? Chains { get; }

    /// <summary>Base URI of both the REST API and the gateway (trailing slash).</summary>
    public Uri BaseUri => Host.BaseUri;

    public static async Task<GatewaySandbox> StartAsync(SandboxOptions? options = null, GatewayOptions? gatewayOptions = null,
        SandboxChainOptions? chainOptions = null, bool startChains = true, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var chains = startChains ? await SandboxChains.StartAsync(chainOptions, cancellationToken) : null;
        try
        {
            var gateway = SandboxGateway.Enable(options, gatewayOptions, chains);
            var host = await SandboxHost.StartAsync(options, cancellationToken);
            return new GatewaySandbox(host, gateway, chains);
        }
        catch
        {
            if (chains is not null) await chains.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Chains is not null) await Chains.DisposeAsync();
    }
}
