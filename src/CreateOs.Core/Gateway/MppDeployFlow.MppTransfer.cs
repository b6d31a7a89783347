using System;
using System.Linq;
using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// The MPP credential types that carry the wallet's own ERC-20 transfer (draft-evm-charge "Transaction Payload" and
    /// "Hash Payload"): the transfer is signed, journaled with its hash and the credential before anything is sent, and
    /// then either handed to the gateway to broadcast (transaction) or broadcast here and presented by hash (v1's
    /// semantics inside MPP). Its nonce makes it the only transfer that can ever mine for the quote.
    /// </summary>
    public sealed partial class MppDeployFlow
    {
        private void BindTransferCredential(PaymentRecord record, PaymentOffer offer, SignedTransaction signed)
        {
            var credential = PaymentCredential.BuildTransfer(offer.Kind, offer.Challenge!, offer.Chain.ChainId, signed.RawHex, signed.Hash, signed.From);
            record.CredentialHeader = credential.HeaderName;
            record.Credential = credential.HeaderValue;
        }

        /// <summary>
        /// The gateway answered a transaction/hash credential with 402 and fresh challenges (its challenge expired, or it
        /// was issued by an instance that restarted). Such a transfer is bound to the terms, not to a challenge instance
        /// ("Hash Credential Binding"), so the same signed transfer is re-bound to a fresh challenge with exactly the same
        /// terms — chain, pinned USDC, recipient, amount, credential type, body digest — and journaled before it is sent.
        /// Never a new transfer. False when no fresh challenge fits.
        /// </summary>
        private bool TryRebindTransferCredential(PaymentRecord record, PaymentQuote? quote)
        {
            if (!record.IsMppTransfer || quote is null || record.RawTransaction is null || record.TransactionHash is null) return false;
            var type = MppCredentialTypes.NameOf(record.Protocol);
            var now = Clock();
            var fresh = quote.MppChallenges.FirstOrDefault(challenge =>
                PaymentOffer.FromMpp(challenge, now, out _, record.BodyDigest) is PaymentOffer offer
                && offer.Chain.ChainId == record.ChainId
                && offer.Token.Address == EthereumAddress.Parse(record.TokenContract)
                && offer.Amount == BigInteger.Parse(record.AmountToken)
                && EthereumAddress.TryParse(offer.PayTo, out var payTo) && payTo == EthereumAddress.Parse(record.PayTo)
                && (challenge.CredentialTypes.Contains(type) || challenge.CredentialTypes.Count == 0 && record.Protocol == PaymentCredentialKind.MppTransaction));
            if (fresh is null) return false;
            var credential = PaymentCredential.BuildTransfer(record.Protocol, fresh, record.ChainId, record.RawTransaction, record.TransactionHash, EthereumAddress.Parse(record.Wallet));
            if (credential.HeaderValue == record.Credential) return false;
            record.Credential = credential.HeaderValue;
            _journal.Advance(record, record.State, $"the same transfer {record.TransactionHash} re-bound to fresh challenge {fresh.Id}");
            AfterJournalWrite?.Invoke(record);
            return true;
        }
    }
}
