using CreateOs.Sandbox;
using CreateOs.Sandbox.Gateway;

namespace CreateOs.Engine.Tests.Infrastructure;

/// <summary>One sandbox with the REST API, the pay-per-deploy gateway and two real anvil chains, shared by a collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string ApiKey = "skp_gateway_tests";

    public GatewaySandbox Sandbox { get; private set; } = null!;
    public Uri BaseUri => Sandbox.BaseUri;
    public string HelloFolder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Sandbox = await GatewaySandbox.StartAsync(new SandboxOptions
        {
            ApiKeys = new List<string> { ApiKey },
            StepDelay = TimeSpan.FromMilliseconds(150),
            MaxProjects = 200,
        }, new GatewayOptions { RateLimitPerMinute = 30 });
        HelloFolder = Path.Combine(Infrastructure.Repo.Root, "examples", "hello");
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    /// <summary>
    /// A hosted engine connected to the sandbox with a fresh light keystore wallet (own journal folder), funded with
    /// <paramref name="usd"/> USDC and USDT on both chains plus gas.
    /// </summary>
    public async Task<(PowerShellSession Ps, string Wallet)> FundedSessionAsync(decimal usd = 10m)
    {
        var ps = new PowerShellSession();
        ps.SetVariable("__key", PowerShellSession.Secure(ApiKey));
        ps.Invoke("Connect-CreateOs -SandboxUri $args[0] -ApiKey $__key", BaseUri);
        Assert.Empty(ps.Errors);
        ps.ConnectTestWallet();
        var wallet = (string)ps.Invoke("(Get-CreateOsContext).WalletAddress").Single().BaseObject;
        if (usd > 0) await Sandbox.Chains!.FundAsync(wallet, usd);
        return (ps, wallet);
    }

    /// <summary>Transfers from the wallet to the gateway's recipient on one chain, read on-chain.</summary>
    /// <summary>Another CreateOS user takes <paramref name="uniqueName"/>: the gateway will take the money, then CreateOS refuses the deploy (500).</summary>
    public async Task TakeNameAsync(string uniqueName)
    {
        using var rest = Sandbox.Host.CreateClient();
        var created = await rest.PostAsync("v1/projects", new StringContent("{\"uniqueName\":\"" + uniqueName + "\",\"displayName\":\"Taken Name\",\"type\":\"image\",\"settings\":{\"port\":80},\"source\":{}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    public Task<int> OnChainPaymentsAsync(string chain, string wallet) => Payments.CrashTrial.OnChainPaymentsAsync(Sandbox, wallet, chain);

    public Task<int> OnChainPaymentsAsync(string wallet) => Payments.CrashTrial.OnChainPaymentsAsync(Sandbox, wallet);
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}

internal static class Repo
{
    public static string Root => CreateOs.Hosting.ModuleLocator.RepoRoot();
}
