using System.Diagnostics;
using CreateOs.Sandbox.Chains;
using Xunit;
using static CreateOs.Sandbox.Tests.Chains.ChainTestSupport;

namespace CreateOs.Sandbox.Tests.Chains;

public sealed class AnvilProcessTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DisposingTheChainKillsAnvil()
    {
        var chain = await AnvilChain.StartAsync(new AnvilStartOptions { ChainId = 777 });
        var pid = chain.ProcessId!.Value;
        Assert.True(chain.IsOwned);
        Assert.True(IsProcessRunning(pid));
        Assert.Equal(777, await chain.Rpc.GetChainIdAsync());
        var rpcUrl = chain.RpcUrl;

        await chain.DisposeAsync();

        Assert.True(await WaitUntilProcessGoneAsync(pid, ExitTimeout), $"anvil (pid {pid}) still runs after dispose");
        Assert.False(await RpcAnswersAsync(rpcUrl));
        await chain.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task DisposingSandboxChainsKillsBothAnvils()
    {
        var chains = await SandboxChains.StartAsync();
        var pids = chains.Chains.Select(c => c.Node.ProcessId!.Value).ToList();
        var urls = chains.Chains.Select(c => c.RpcUrl).ToList();
        Assert.Equal(2, pids.Distinct().Count());

        await chains.DisposeAsync();

        foreach (var pid in pids) Assert.True(await WaitUntilProcessGoneAsync(pid, ExitTimeout), $"anvil (pid {pid}) still runs after dispose");
        foreach (var url in urls) Assert.False(await RpcAnswersAsync(url));
    }

    [Fact]
    public async Task AnvilExitsWhenItsParentProcessDies()
    {
        if (OperatingSystem.IsWindows()) return; // the watchdog wrapper is Unix-only; Windows relies on dispose/ProcessExit

        using var fakeParent = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        var chain = await AnvilChain.StartAsync(new AnvilStartOptions { ChainId = 778, WatchdogParentProcessId = fakeParent.Id });
        try
        {
            var pid = chain.ProcessId!.Value;
            Assert.True(IsProcessRunning(pid));

            fakeParent.Kill();
            await fakeParent.WaitForExitAsync();

            Assert.True(await WaitUntilProcessGoneAsync(pid, ExitTimeout), $"anvil (pid {pid}) outlived its parent");
            Assert.False(await RpcAnswersAsync(chain.RpcUrl));
        }
        finally
        {
            await chain.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnOccupiedExplicitPortFailsWithAnvilsOwnMessage()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<AnvilStartException>(() => AnvilChain.StartAsync(new AnvilStartOptions { ChainId = 780, Port = port }));

        Assert.Contains("in use", error.Message);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public async Task AMissingAnvilFailsWithInstallInstructions()
    {
        var error = await Assert.ThrowsAsync<AnvilNotFoundException>(() =>
            AnvilChain.StartAsync(new AnvilStartOptions { AnvilPath = Path.Combine(Path.GetTempPath(), "no-such-dir", "anvil") }));
        Assert.Contains("npm install", error.Message);
        Assert.Contains("CREATEOS_ANVIL", error.Message);
    }

    [Fact]
    public void TheLocatorPrefersTheEnvironmentVariableAndFindsTheRepositoryCopy()
    {
        var fake = Path.GetTempFileName();
        try
        {
            Assert.Equal(Path.GetFullPath(fake), AnvilLocator.Locate(null, fake, []));
            Assert.Throws<AnvilNotFoundException>(() => AnvilLocator.Locate(null, fake + ".missing", []));
        }
        finally
        {
            File.Delete(fake);
        }

        var fromRepository = AnvilLocator.Locate(null, null, [AppContext.BaseDirectory]);
        Assert.StartsWith(Path.Combine(RepositoryRoot, "node_modules"), fromRepository);
    }

    [Fact]
    public async Task SandboxChainsCanAttachToRunningNodesAndLeaveThemRunning()
    {
        await using var arbitrum = await AnvilChain.StartAsync(new AnvilStartOptions { ChainId = 42161 });
        await using var @base = await AnvilChain.StartAsync(new AnvilStartOptions { ChainId = 8453 });
        var options = new SandboxChainOptions
        {
            AttachRpcUrls = new Dictionary<string, string> { ["arbitrum"] = arbitrum.RpcUrl, ["base"] = @base.RpcUrl },
        };

        var wallet = RandomAddress();
        await using (var chains = await SandboxChains.StartAsync(options))
        {
            Assert.All(chains.Chains, c => Assert.False(c.IsStartedBySandbox));
            Assert.Equal(arbitrum.RpcUrl, chains.GetChain("arbitrum").RpcUrl);
            await chains.FundAsync(wallet, 7m);
        }

        Assert.True(await RpcAnswersAsync(arbitrum.RpcUrl));
        Assert.True(await RpcAnswersAsync(@base.RpcUrl));

        // Attaching again (a restarted sandbox host) reinstalls the code but keeps balances.
        await using var again = await SandboxChains.StartAsync(options);
        Assert.Equal(new System.Numerics.BigInteger(7_000_000), await again.GetTokenBalanceAsync("base", "usdt", wallet));
    }

    [Fact]
    public async Task AttachingToANodeWithTheWrongChainIdFails()
    {
        await using var node = await AnvilChain.StartAsync(new AnvilStartOptions { ChainId = 779 });
        var error = await Assert.ThrowsAsync<AnvilStartException>(() => AnvilChain.AttachAsync(node.RpcUrl, 42161, TimeSpan.FromSeconds(5)));
        Assert.Contains("779", error.Message);
    }

    [Fact]
    public async Task AttachingToNothingTimesOutWithAClearError()
    {
        var error = await Assert.ThrowsAsync<AnvilStartException>(() => AnvilChain.AttachAsync("http://127.0.0.1:1", 42161, TimeSpan.FromSeconds(1)));
        Assert.Contains("http://127.0.0.1:1", error.Message);
    }
}
