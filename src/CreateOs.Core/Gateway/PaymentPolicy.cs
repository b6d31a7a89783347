using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Gateway
{
    /// <summary>What the user allows the module to pay: a cap per deploy, recipients, tokens.</summary>
    public sealed class PaymentLimits
    {
        /// <summary>Used when neither -MaxPaymentUsd nor a session default is set: small and safe, never unlimited.</summary>
        public const decimal SafeDefaultMaxPaymentUsd = 5m;

        public decimal MaxPaymentUsd { get; set; } = SafeDefaultMaxPaymentUsd;
        /// <summary>When not empty, pay_to must be one of these.</summary>
        public IReadOnlyCollection<string> PinnedRecipients { get; set; } = Array.Empty<string>();
        /// <summary>Bridged USDT on Base is refused unless the user opts in.</summary>
        public bool AllowUnofficialTokens { get; set; }
        /// <summary>The most gas (in wei) one transfer may cost; null = the chain's default ceiling.</summary>
        public BigInteger? MaxGasCostWei { get; set; }
    }

    /// <summary>A validated quote: what would be paid, on which pinned contract, to whom.</summary>
    public sealed class PaymentTerms
    {
        public PaymentTerms(PaymentQuote quote, ChainInfo chain, TokenInfo token, BigInteger amount, EthereumAddress payTo)
        {
            Quote = quote;
            Chain = chain;
            Token = token;
            Amount = amount;
            PayTo = payTo;
        }

        public PaymentQuote Quote { get; }
        public ChainInfo Chain { get; }
        public TokenInfo Token { get; }
        public BigInteger Amount { get; }
        public EthereumAddress PayTo { get; }
        /// <summary>The gas ceiling for the transfer; null = the chain's default.</summary>
        public BigInteger? MaxGasCostWei { get; set; }
        public decimal AmountTokens => (decimal)Amount / (decimal)BigInteger.Pow(10, Token.Decimals);
        /// <summary>The gateway's token id (usdc, usdt) for X-Payment-Token.</summary>
        public string TokenId => Token.Symbol.ToLowerInvariant();

        public override string ToString() => $"{AmountTokens} {Token.Symbol} ({Quote.AmountUsd} USD) on {Chain.DisplayName} to {PayTo.ToChecksumString()}";
    }

    /// <summary>
    /// Checks a quote before anything is signed (reference §12.1–12.2): only pinned chain × token combinations, the
    /// contract from the module's own table, amounts that agree, within the cap, to an allowed recipient.
    /// </summary>
    public static class PaymentPolicy
    {
        public static PaymentTerms Validate(PaymentQuote quote, string? preferredChain, string? preferredToken, PaymentLimits limits, EthereumAddress payer, IReadOnlyCollection<string>? advertisedRecipients)
        {
            if (quote.IsPaymentV2)
                throw new PaymentRefusedException(PaymentRefusal.UnsupportedProtocol,
                    "The gateway asked for payment protocol v2 (WWW-Authenticate: Payment / PAYMENT-REQUIRED), which this module does not support yet. Nothing was paid; a v1 transfer is never sent in answer to a v2 challenge.");

            var chainName = string.IsNullOrEmpty(preferredChain) ? quote.PaymentChain : preferredChain!;
            if (!TokenRegistry.TryGetChain(chainName, out var chain))
                throw new PaymentRefusedException(PaymentRefusal.UnknownChain, $"The quote asks for payment on '{chainName}', which is not a chain this module has pinned (arbitrum, base). Nothing was signed.");
            if (quote.SupportedChains.Count > 0 && !quote.SupportedChains.Any(c => string.Equals(c.Chain, chain.Name, StringComparison.OrdinalIgnoreCase)))
                throw new PaymentRefusedException(PaymentRefusal.UnknownChain, $"The gateway does not list {chain.Name} among its payment chains ({string.Join(", ", quote.SupportedChains.Select(c => c.Chain))}).");

            var tokenId = string.IsNullOrEmpty(preferredToken) ? (string.IsNullOrEmpty(quote.Token) ? "usdc" : quote.Token) : preferredToken!;
            TokenInfo token;
            try
            {
                token = TokenRegistry.GetToken(chain, tokenId, limits.AllowUnofficialTokens);
            }
            catch (Exception ex) when (ex is TokenNotAllowedException || ex is ArgumentException || ex is KeyNotFoundException)
            {
                throw new PaymentRefusedException(PaymentRefusal.UnknownToken, $"Token '{tokenId}' on {chain.Name} is not allowed: {ex.Message} Nothing was signed.");
            }
            var advertised = quote.SupportedChains.FirstOrDefault(c => string.Equals(c.Chain, chain.Name, StringComparison.OrdinalIgnoreCase));
            if (advertised != null && advertised.Tokens.Count > 0 && !advertised.Tokens.Any(t => string.Equals(t, tokenId, StringComparison.OrdinalIgnoreCase)))
                throw new PaymentRefusedException(PaymentRefusal.UnknownToken, $"The gateway does not accept {tokenId} on {chain.Name}.");

            if (quote.AmountToken is null)
                throw new PaymentRefusedException(PaymentRefusal.IncompleteQuote, "The quote has no amount_token, so the exact amount is unknown; the module does not pay such a quote automatically.");
            var amount = quote.AmountToken.Value;
            if (amount.Sign <= 0)
                throw new PaymentRefusedException(PaymentRefusal.IncompleteQuote, "The quote's amount is not positive.");
            if (quote.Decimals != token.Decimals)
                throw new PaymentRefusedException(PaymentRefusal.InconsistentQuote, $"The quote counts in {quote.Decimals} decimals but {token.Symbol} on {chain.Name} has {token.Decimals}.");

            var tokens = (decimal)amount / (decimal)BigInteger.Pow(10, token.Decimals);
            var tolerance = Math.Max(0.01m, quote.AmountUsd * 0.01m);
            if (Math.Abs(tokens - quote.AmountUsd) > tolerance)
                throw new PaymentRefusedException(PaymentRefusal.InconsistentQuote, $"The quote disagrees with itself: amount_usd {quote.AmountUsd} but amount_token {amount} = {tokens} {token.Symbol}. Nothing was signed.");

            var price = Math.Max(tokens, quote.AmountUsd);
            if (price > limits.MaxPaymentUsd)
                throw new PaymentRefusedException(PaymentRefusal.OverCap, $"The deploy costs {price} USD, above the cap of {limits.MaxPaymentUsd} USD. Raise -MaxPaymentUsd (or the session default) if you mean to pay it. Nothing was signed.");

            if (!EthereumAddress.TryParse(quote.PayTo, out var payTo) || payTo == EthereumAddress.Zero)
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote's recipient '{quote.PayTo}' is not a valid address.");
            if (payTo == payer || payTo == token.Address || TokenRegistry.Tokens.Any(t => t.Address == payTo))
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote asks to pay {payTo.ToChecksumString()}, which is a token contract or the paying wallet itself.");
            if (limits.PinnedRecipients.Count > 0 && !limits.PinnedRecipients.Any(r => EthereumAddress.TryParse(r, out var pinned) && pinned == payTo))
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote asks to pay {payTo.ToChecksumString()}, which is not among the pinned recipients ({string.Join(", ", limits.PinnedRecipients)}). Nothing was signed.");
            if (limits.PinnedRecipients.Count == 0 && advertisedRecipients != null && advertisedRecipients.Count > 0
                && !advertisedRecipients.Any(r => EthereumAddress.TryParse(r, out var listed) && listed == payTo))
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote's recipient {payTo.ToChecksumString()} is not one the gateway lists at /agent/recipients. Nothing was signed.");

            return new PaymentTerms(quote, chain, token, amount, payTo) { MaxGasCostWei = limits.MaxGasCostWei };
        }
    }

    public enum PaymentRefusal
    {
        UnsupportedProtocol,
        UnknownChain,
        UnknownToken,
        IncompleteQuote,
        InconsistentQuote,
        OverCap,
        UnexpectedRecipient,
    }

    /// <summary>A quote the module will not pay. Always thrown before anything is signed.</summary>
    public sealed class PaymentRefusedException : InvalidOperationException
    {
        public PaymentRefusedException(PaymentRefusal reason, string message) : base(message) => Reason = reason;

        public PaymentRefusal Reason { get; }
    }
}
