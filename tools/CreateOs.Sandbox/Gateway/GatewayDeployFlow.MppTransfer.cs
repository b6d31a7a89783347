using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Sandbox.Chains;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// The MPP credential types whose money moves in the wallet's own ERC-20 transfer (draft-evm-charge
/// "Transaction Payload"/"Transaction Verification" and "Hash Payload"/"Hash Verification"): the gateway broadcasts a
/// signed <c>transaction</c>, or checks the receipt of a <c>hash</c> the client broadcast. The replay token is the
/// transaction hash either way ("Replay Protection").
/// </summary>
public sealed partial class GatewayDeployFlow
{
    private const string TransferSelector = "a9059cbb";

    private async Task<IResult> PaidMppTransferAsync(HttpContext context, string wallet, GatewayDeployRequest request, decimal priceUsd,
        PaymentCredential credential, AcceptedOffer accepted, BigInteger price)
    {
        var chainName = accepted.Offer.Chain.Name;
        if (chains is null || !chains.TryGetChain(chainName, out _))
            throw new GatewayException(502, $"Payment verification unavailable: sandbox chain '{chainName}' is not running");

        var signed = credential.PayloadType == MppCredentialType.Transaction ? CheckSignedTransfer(credential.SignedTransaction!, wallet, accepted, price) : null;
        var txHash = signed?.Hash ?? credential.TransactionHash!;
        if (!state.TryReserveTxHash(txHash)) throw new GatewayException(409, ReferenceRecordedError);

        TransferVerification verification;
        try
        {
            // Not cancelled by the client going away: like a real server, the gateway finishes what it started.
            if (signed is not null) await chains.SendRawTransactionAsync(chainName, credential.SignedTransaction!, txHash, CancellationToken.None);
            verification = await chains.VerifyTransferAsync(chainName, txHash, accepted.Offer.Usdc, Options.PayTo, price, sumTransfers: false, CancellationToken.None);
        }
        catch (ChainRpcException e) when (signed is not null)
        {
            state.ReleaseTxHash(txHash);
            throw PaymentProblem.VerificationFailed("the transaction could not be broadcast: " + e.RpcMessage);
        }
        catch (Exception e) when (e is ChainRpcException or TimeoutException or HttpRequestException)
        {
            state.ReleaseTxHash(txHash);
            throw new GatewayException(502, "Payment verification service failed: " + e.Message);
        }

        // A hash is only weakly bound to the challenge (draft-evm-charge "Hash Credential Binding"): the transfer must at
        // least come from the authenticated wallet, or anyone who saw it on-chain could claim its credits.
        var fromWallet = verification.MatchingTransfers.Any(t => EvmHex.AddressEquals(t.From, wallet) && t.Value >= price);
        if (!verification.IsVerified || !fromWallet || (verification.Confirmations ?? 0) < Options.RequiredConfirmations)
        {
            if (!Options.ConsumeHashOnFailedVerification) state.ReleaseTxHash(txHash);
            throw PaymentProblem.VerificationFailed(verification.IsVerified && !fromWallet
                ? $"transaction {txHash} pays the recipient, but not from the authenticated wallet"
                : $"transaction {txHash} shows no Transfer of at least {price} from {accepted.Offer.Usdc} to the recipient ({verification.Outcome})");
        }

        var creditedUsd = GatewayMoney.BaseUnitsToUsd(verification.LargestAmount);
        state.GrantCredits(wallet, creditedUsd);
        state.RecordPayment(new GatewayPayment(txHash, chainName, "usdc", GatewayState.Key(wallet), verification.LargestAmount, creditedUsd, state.Now, GatewayPaymentProtocol.Mpp));
        AddReceiptHeaders(context, credential, accepted, txHash, wallet);
        return DeployWithCredits(wallet, request, priceUsd, StartedMessage);
    }

    /// <summary>draft-evm-charge "Transaction Verification" steps 1–5, plus: the sender is the authenticated wallet.</summary>
    private DecodedTransaction CheckSignedTransfer(string rawHex, string wallet, AcceptedOffer accepted, BigInteger price)
    {
        DecodedTransaction transaction;
        try
        {
            transaction = TransactionDecoder.Decode(rawHex);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw PaymentProblem.VerificationFailed("payload.signature is not a signed transaction: " + e.Message);
        }
        if (transaction.Type != 2) throw PaymentProblem.VerificationFailed("the transaction is not an EIP-1559 (type 2) transaction");
        if (transaction.ChainId != (ulong)accepted.Offer.Chain.ChainId)
            throw PaymentProblem.VerificationFailed($"the transaction is for chain {transaction.ChainId}, not {accepted.Offer.Chain.ChainId}");
        if (transaction.To is not { } to || !EvmHex.AddressEquals(to.ToChecksumString(), accepted.Offer.Usdc))
            throw PaymentProblem.VerificationFailed("the transaction does not call the challenge's currency contract");
        var data = Convert.ToHexStringLower(transaction.Data);
        if (data.Length != 8 + 128 || !data.StartsWith(TransferSelector, StringComparison.Ordinal) || !transaction.Value.IsZero)
            throw PaymentProblem.VerificationFailed("the transaction is not transfer(address,uint256) without ETH");
        var recipient = EvmHex.WordToAddress("0x" + data[8..72]);
        var amount = EvmHex.ParseQuantity("0x" + data[72..]);
        if (!EvmHex.AddressEquals(recipient, accepted.Recipient) || !EvmHex.AddressEquals(recipient, Options.PayTo))
            throw PaymentProblem.VerificationFailed("the transfer's recipient is not the challenge's recipient");
        if (amount < price) throw PaymentProblem.VerificationFailed($"the transfer's amount {amount} is below the price {price}");
        if (!EvmHex.AddressEquals(transaction.From.ToChecksumString(), wallet))
            throw PaymentProblem.VerificationFailed("the transaction is not signed by the authenticated wallet");
        return transaction;
    }
}
