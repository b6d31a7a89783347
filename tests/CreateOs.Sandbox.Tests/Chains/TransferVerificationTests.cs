using System.Numerics;
using CreateOs.Sandbox.Chains;
using Xunit;
using static CreateOs.Sandbox.Tests.Chains.ChainTestSupport;

namespace CreateOs.Sandbox.Tests.Chains;

public sealed class TransferVerificationTests(SandboxChainsFixture fixture) : IClassFixture<SandboxChainsFixture>, IAsyncLifetime
{
    private readonly SandboxChains _chains = fixture.Chains;

    public async Task InitializeAsync() => await _chains.FundAsync(AnvilAccount0, 100m);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("arbitrum", "usdc")]
    [InlineData("arbitrum", "usdt")]
    [InlineData("base", "usdc")]
    [InlineData("base", "usdt")]
    public async Task AnExactTransferIsVerified(string chainName, string tokenKey)
    {
        var chain = _chains.GetChain(chainName);
        var token = chain.Tokens[tokenKey];
        var payTo = RandomAddress();
        var amount = new BigInteger(1_234_567);

        var hash = await SendTransactionAsync(chain, AnvilAccount0, token, TransferCalldata(payTo, amount));
        var verification = await _chains.VerifyTransferAsync(chainName, hash, token, payTo, amount);

        Assert.Equal(TransferVerificationOutcome.Verified, verification.Outcome);
        Assert.True(verification.IsVerified);
        Assert.Equal(1, verification.Status);
        Assert.True(verification.BlockNumber > 0);
        Assert.True(verification.Confirmations >= 1);
        Assert.Equal(AnvilAccount0, verification.From, ignoreCase: true);
        var transfer = Assert.Single(verification.MatchingTransfers);
        Assert.Equal(amount, transfer.Value);
        Assert.Equal(payTo, transfer.To, ignoreCase: true);
        Assert.Equal(AnvilAccount0, transfer.From, ignoreCase: true);
        Assert.Equal(token, transfer.TokenContract, ignoreCase: true);
        Assert.Equal(amount, await _chains.GetTokenBalanceAsync(chainName, tokenKey, payTo));
    }

    [Fact]
    public async Task OverpaymentPassesAndUnderpaymentFails()
    {
        var chain = _chains.GetChain("arbitrum");
        var payTo = RandomAddress();
        var hash = await SendTransactionAsync(chain, AnvilAccount0, chain.UsdcAddress, TransferCalldata(payTo, 2_000_000));

        var overpaid = await _chains.VerifyTransferAsync("arbitrum", hash, chain.UsdcAddress, payTo, 1_999_999);
        var underpaid = await _chains.VerifyTransferAsync("arbitrum", hash, chain.UsdcAddress, payTo, 2_000_001);

        Assert.Equal(TransferVerificationOutcome.Verified, overpaid.Outcome);
        Assert.Equal(TransferVerificationOutcome.AmountTooLow, underpaid.Outcome);
        Assert.Equal(new BigInteger(2_000_000), underpaid.LargestAmount);
    }

    [Fact]
    public async Task ATransferToSomeoneElseIsRejected()
    {
        var chain = _chains.GetChain("base");
        var payTo = RandomAddress();
        var hash = await SendTransactionAsync(chain, AnvilAccount0, chain.UsdcAddress, TransferCalldata(RandomAddress(), 5_000_000));

        var verification = await _chains.VerifyTransferAsync("base", hash, chain.UsdcAddress, payTo, 1);

        Assert.Equal(TransferVerificationOutcome.NoTransferToPayee, verification.Outcome);
        Assert.Empty(verification.MatchingTransfers);
        Assert.Equal(1, verification.Status);
    }

    [Fact]
    public async Task ATransferOfAnotherTokenIsRejected()
    {
        var chain = _chains.GetChain("arbitrum");
        var payTo = RandomAddress();
        var hash = await SendTransactionAsync(chain, AnvilAccount0, chain.UsdtAddress, TransferCalldata(payTo, 5_000_000));

        var asUsdc = await _chains.VerifyTransferAsync("arbitrum", hash, chain.UsdcAddress, payTo, 1);
        var asUsdt = await _chains.VerifyTransferAsync("arbitrum", hash, chain.UsdtAddress, payTo, 1);

        Assert.Equal(TransferVerificationOutcome.NoTransferToPayee, asUsdc.Outcome);
        Assert.Equal(TransferVerificationOutcome.Verified, asUsdt.Outcome);
    }

    [Fact]
    public async Task ARevertedTransferIsRejected()
    {
        var chain = _chains.GetChain("arbitrum");
        var payTo = RandomAddress();
        var balance = await _chains.GetTokenBalanceAsync("arbitrum", "usdc", AnvilAccount0);

        var hash = await SendTransactionAsync(chain, AnvilAccount0, chain.UsdcAddress, TransferCalldata(payTo, balance + 1), gas: 200_000);
        var verification = await _chains.VerifyTransferAsync("arbitrum", hash, chain.UsdcAddress, payTo, 1);

        Assert.Equal(TransferVerificationOutcome.TransactionReverted, verification.Outcome);
        Assert.Equal(0, verification.Status);
        Assert.Empty(verification.MatchingTransfers);
        Assert.Equal(balance, await _chains.GetTokenBalanceAsync("arbitrum", "usdc", AnvilAccount0));
    }

    [Fact]
    public async Task ATransferOnTheOtherChainIsNotFound()
    {
        var arbitrum = _chains.GetChain("arbitrum");
        var payTo = RandomAddress();
        var hash = await SendTransactionAsync(arbitrum, AnvilAccount0, arbitrum.UsdcAddress, TransferCalldata(payTo, 1_000_000));

        var onBase = await _chains.VerifyTransferAsync("base", hash, _chains.GetChain("base").UsdcAddress, payTo, 1_000_000);

        Assert.Equal(TransferVerificationOutcome.TransactionNotFound, onBase.Outcome);
        Assert.Null(onBase.Receipt);
    }

    [Fact]
    public async Task AnUnknownHashIsNotFound()
    {
        var chain = _chains.GetChain("base");
        var verification = await _chains.VerifyTransferAsync("base", "0x" + new string('a', 64), chain.UsdcAddress, RandomAddress(), 1);
        Assert.Equal(TransferVerificationOutcome.TransactionNotFound, verification.Outcome);
        Assert.Null(await _chains.GetReceiptAsync("base", "0x" + new string('b', 64)));
    }

    [Fact]
    public async Task ReceiptsAreTyped()
    {
        var chain = _chains.GetChain("base");
        var payTo = RandomAddress();
        var hash = await SendTransactionAsync(chain, AnvilAccount0, chain.UsdtAddress, TransferCalldata(payTo, 42));

        var receipt = await _chains.GetReceiptAsync("base", hash);

        Assert.NotNull(receipt);
        Assert.Equal(hash, receipt.TransactionHash, ignoreCase: true);
        Assert.True(receipt.Succeeded);
        Assert.Equal(chain.UsdtAddress, receipt.To, ignoreCase: true);
        var log = Assert.Single(receipt.Logs);
        Assert.Equal(EvmHex.TransferEventTopic, log.Topics[0]);
        Assert.Equal(chain.UsdtAddress, log.Address, ignoreCase: true);
        var transfer = Assert.Single(SandboxChains.DecodeTransfers(receipt));
        Assert.Equal(new BigInteger(42), transfer.Value);
    }

    [Fact]
    public async Task MalformedInputsAreArgumentErrors()
    {
        var chain = _chains.GetChain("base");
        await Assert.ThrowsAsync<ArgumentException>(() => _chains.VerifyTransferAsync("base", "0x1234", chain.UsdcAddress, RandomAddress(), 1));
        await Assert.ThrowsAsync<ArgumentException>(() => _chains.VerifyTransferAsync("base", "0x" + new string('a', 64), "usdc", RandomAddress(), 1));
        await Assert.ThrowsAsync<ArgumentException>(() => _chains.VerifyTransferAsync("optimism", "0x" + new string('a', 64), chain.UsdcAddress, RandomAddress(), 1));
    }
}
