using System.Numerics;
using CreateOs.Sandbox.Chains;
using Xunit;

namespace CreateOs.Sandbox.Tests.Chains;

/// <summary>The gateway's payment rules on hand-made receipts: cases a plain ERC-20 transfer cannot produce.</summary>
public sealed class TransferEvaluationTests
{
    private const string Token = "0xaf88d065e77c8cC2239327C5EDb3A432268e5831";
    private const string OtherToken = "0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8"; // USDC.e, a lookalike
    private const string Payer = "0x1111111111111111111111111111111111111111";
    private const string PayTo = "0x2222222222222222222222222222222222222222";
    private const string Hash = "0x3333333333333333333333333333333333333333333333333333333333333333";

    [Fact]
    public void SeveralSmallTransfersDoNotAddUpUnlessSummingIsEnabled()
    {
        var receipt = Receipt(TransferLog(Token, Payer, PayTo, 600), TransferLog(Token, Payer, PayTo, 500));

        var single = SandboxChains.EvaluateTransfer("arbitrum", Hash, receipt, Token, PayTo, 1000);
        var summed = SandboxChains.EvaluateTransfer("arbitrum", Hash, receipt, Token, PayTo, 1000, sumTransfers: true);

        Assert.Equal(TransferVerificationOutcome.AmountTooLow, single.Outcome);
        Assert.Equal(TransferVerificationOutcome.Verified, summed.Outcome);
        Assert.Equal(new BigInteger(1100), summed.TotalAmount);
        Assert.Equal(new BigInteger(600), summed.LargestAmount);
    }

    [Fact]
    public void OnlyLogsOfTheNamedContractToThePayeeCount()
    {
        var receipt = Receipt(
            TransferLog(OtherToken, Payer, PayTo, 5000),          // lookalike token
            TransferLog(Token, Payer, Payer, 5000),               // to someone else
            TransferLog(Token, Payer, PayTo.ToUpperInvariant().Replace("0X", "0x"), 700));

        var result = SandboxChains.EvaluateTransfer("arbitrum", Hash, receipt, Token.ToLowerInvariant(), PayTo, 700);

        Assert.Equal(TransferVerificationOutcome.Verified, result.Outcome);
        Assert.Equal(new BigInteger(700), Assert.Single(result.MatchingTransfers).Value);
    }

    [Fact]
    public void MalformedRemovedAndNftTransferLogsAreIgnored()
    {
        var nft = TransferLog(Token, Payer, PayTo, 0) with { Topics = [EvmHex.TransferEventTopic, Word(Payer), Word(PayTo), "0x" + EvmHex.ToWord(5000)], Data = "0x" };
        var removed = TransferLog(Token, Payer, PayTo, 5000) with { Removed = true };
        var shortData = TransferLog(Token, Payer, PayTo, 5000) with { Data = "0x1388" };
        var otherEvent = TransferLog(Token, Payer, PayTo, 5000) with { Topics = ["0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", Word(Payer), Word(PayTo)] };

        var result = SandboxChains.EvaluateTransfer("base", Hash, Receipt(nft, removed, shortData, otherEvent), Token, PayTo, 1);

        Assert.Equal(TransferVerificationOutcome.NoTransferToPayee, result.Outcome);
    }

    [Fact]
    public void StatusAndAbsenceComeFirst()
    {
        var reverted = Receipt(TransferLog(Token, Payer, PayTo, 5000)) with { Status = 0 };
        Assert.Equal(TransferVerificationOutcome.TransactionReverted, SandboxChains.EvaluateTransfer("base", Hash, reverted, Token, PayTo, 1).Outcome);
        Assert.Equal(TransferVerificationOutcome.TransactionNotFound, SandboxChains.EvaluateTransfer("base", Hash, null, Token, PayTo, 1).Outcome);
    }

    private static TransactionReceipt Receipt(params EvmLog[] logs) =>
        new(Hash, 1, 10, null, Payer, Token, 50_000, 10_000_000, logs);

    private static EvmLog TransferLog(string contract, string from, string to, BigInteger value) =>
        new(contract, [EvmHex.TransferEventTopic, Word(from), Word(to)], "0x" + EvmHex.ToWord(value), 0, false);

    private static string Word(string address) => "0x" + EvmHex.AddressToWord(address);
}
