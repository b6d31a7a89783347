using System.Numerics;
using CreateOs.Sandbox.Chains;
using Xunit;
using static CreateOs.Sandbox.Tests.Chains.ChainTestSupport;

namespace CreateOs.Sandbox.Tests.Chains;

public sealed class ChainStartupTests(SandboxChainsFixture fixture) : IClassFixture<SandboxChainsFixture>
{
    private readonly SandboxChains _chains = fixture.Chains;

    [Fact]
    public async Task BothChainsAnswerWithTheirRealChainIds()
    {
        Assert.Equal(["arbitrum", "base"], _chains.Chains.Select(c => c.Name));
        foreach (var (name, expectedId) in new[] { ("arbitrum", 42161L), ("base", 8453L) })
        {
            var chain = _chains.GetChain(name);
            Assert.Equal(expectedId, chain.ChainId);
            Assert.True(chain.IsStartedBySandbox);
            Assert.StartsWith("http://127.0.0.1:", chain.RpcUrl);
            using var client = new ChainRpcClient(chain.RpcUrl);
            Assert.Equal(expectedId, await client.GetChainIdAsync());
        }
        Assert.NotEqual(_chains.GetChain("arbitrum").RpcUrl, _chains.GetChain("base").RpcUrl);
    }

    [Theory]
    [InlineData("arbitrum", "usdc", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", "USDC", "USD Coin")]
    [InlineData("arbitrum", "usdt", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", "USDT", "Sandbox Tether USD")]
    [InlineData("base", "usdc", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "USDC", "USD Coin")]
    [InlineData("base", "usdt", "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2", "USDT", "Sandbox Tether USD")]
    public async Task TokenIsInstalledAtThePinnedAddress(string chainName, string tokenKey, string address, string symbol, string name)
    {
        var chain = _chains.GetChain(chainName);
        Assert.Equal(address, chain.Tokens[tokenKey]);
        Assert.Equal(SandboxChains.TokenRuntimeBytecode, await chain.Rpc.GetCodeAsync(address), ignoreCase: true);
        Assert.Equal(6, await CallUintAsync(chain, address, "0x313ce567"));
        Assert.Equal(symbol, EvmHex.DecodeAbiString(await chain.Rpc.EthCallAsync(address, "0x95d89b41")));
        Assert.Equal(name, EvmHex.DecodeAbiString(await chain.Rpc.EthCallAsync(address, "0x06fdde03")));
        var minterWord = await chain.Rpc.EthCallAsync(address, "0x07546172");
        Assert.Equal(SandboxChains.MinterAddress, EvmHex.WordToAddress(minterWord));
    }

    [Fact]
    public async Task OnlyTheMinterCanMint()
    {
        var chain = _chains.GetChain("arbitrum");
        var mintCall = new Dictionary<string, string>
        {
            ["from"] = AnvilAccount0,
            ["to"] = chain.UsdcAddress,
            ["data"] = "0x40c10f19" + EvmHex.AddressToWord(AnvilAccount0) + EvmHex.ToWord(1_000_000),
        };
        var error = await Assert.ThrowsAsync<ChainRpcException>(() => chain.Rpc.CallAsync("eth_call", [mintCall, "latest"]));
        Assert.Contains("revert", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheBaseFeeIsLowLikeAnL2s()
    {
        foreach (var chain in _chains.Chains)
        {
            var block = await chain.Rpc.CallAsync("eth_getBlockByNumber", ["latest", false]);
            var baseFee = EvmHex.ParseQuantity(block.GetProperty("baseFeePerGas").GetString()!);
            Assert.InRange(baseFee, BigInteger.Zero, new BigInteger(10_000_000)); // ≤ 0.01 gwei, not mainnet's gwei range
        }
    }

    [Fact]
    public void UnknownChainNamesAreRejected()
    {
        Assert.False(_chains.TryGetChain("ethereum", out _));
        Assert.Throws<ArgumentException>(() => _chains.GetChain("ethereum"));
        Assert.Same(_chains.GetChain("base"), _chains.GetChain("BASE"));
    }
}
