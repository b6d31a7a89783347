using System;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>Checks that a mined receipt really paid: status 1 and a Transfer log emitted by the pinned token.</summary>
    public static class PaymentVerification
    {
        /// <summary>
        /// The first Transfer from <paramref name="token"/> to <paramref name="recipient"/> of at least
        /// <paramref name="minimumAmount"/> (and from <paramref name="payer"/> when given), in a successful receipt; else null.
        /// </summary>
        public static Erc20Transfer? FindPayment(TransactionReceipt receipt, EthereumAddress token, EthereumAddress recipient,
            BigInteger minimumAmount, EthereumAddress? payer = null)
        {
            if (receipt is null) throw new ArgumentNullException(nameof(receipt));
            if (!receipt.Succeeded) return null;
            foreach (TransactionLog log in receipt.Logs)
            {
                if (!Erc20Abi.TryDecodeTransferLog(log, out Erc20Transfer transfer)) continue;
                if (transfer.Token != token || transfer.To != recipient || transfer.Value < minimumAmount) continue;
                if (payer.HasValue && transfer.From != payer.Value) continue;
                return transfer;
            }
            return null;
        }
    }
}
