using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using CreateOs.Sandbox.Chains;
using Xunit;

namespace CreateOs.Sandbox.Tests.Chains;

/// <summary>One SandboxChains (two anvils) shared by the tests of a class.</summary>
public sealed class SandboxChainsFixture : IAsyncLifetime
{
    public SandboxChains Chains { get; private set; } = null!;

    public async Task InitializeAsync() => Chains = await SandboxChains.StartAsync();

    public async Task DisposeAsync() => await Chains.DisposeAsync();
}

internal static class ChainTestSupport
{
    /// <summary>anvil's default account 0, unlocked: eth_sendTransaction from it needs no signing.</summary>
    public const string AnvilAccount0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    public static string RandomAddress() => "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public static string TransferCalldata(string to, BigInteger amount) =>
        "0xa9059cbb" + EvmHex.AddressToWord(to) + EvmHex.ToWord(amount);

    /// <summary>
    /// Sends an unsigned transaction from an unlocked account. An explicit <paramref name="gas"/> skips estimation, so a
    /// transaction that reverts is still mined (with status 0) instead of being refused up front.
    /// </summary>
    public static async Task<string> SendTransactionAsync(SandboxChain chain, string from, string to, string data, long? gas = null)
    {
        var transaction = new Dictionary<string, string> { ["from"] = from, ["to"] = to, ["data"] = data };
        if (gas is { } limit) transaction["gas"] = EvmHex.ToQuantity(limit);
        var hash = await chain.Rpc.CallForStringAsync("eth_sendTransaction", [transaction]);
        // Automine answers before the receipt is queryable on a loaded machine: wait until it is, as a client would.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await chain.Rpc.CallAsync("eth_getTransactionReceipt", [hash])).ValueKind == System.Text.Json.JsonValueKind.Null && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return hash;
    }

    public static async Task<BigInteger> CallUintAsync(SandboxChain chain, string contract, string selector) =>
        EvmHex.ParseQuantity(await chain.Rpc.EthCallAsync(contract, selector));

    public static bool IsProcessRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public static async Task<bool> WaitUntilProcessGoneAsync(int pid, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (!IsProcessRunning(pid)) return true;
            await Task.Delay(100);
        }
        return !IsProcessRunning(pid);
    }

    public static async Task<bool> RpcAnswersAsync(string rpcUrl)
    {
        using var client = new ChainRpcClient(rpcUrl, TimeSpan.FromSeconds(2));
        try
        {
            await client.GetChainIdAsync();
            return true;
        }
        catch (ChainRpcException)
        {
            return false;
        }
    }

    public static string RepositoryRoot =>
        AnvilLocator.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("CreateOs.sln not found above the test binaries.");
}
