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

        public const decimal SafeDefaultDailyBudgetUsd = 50m;
        public const decimal SafeDefaultMonthlyBudgetUsd = 500m;

        public decimal MaxPaymentUsd { get; set; } = SafeDefaultMaxPaymentUsd;
        /// <summary>The most the wallet may pay in any 24 hours (journal-wide); null = no daily budget.</summary>
        public decimal? DailyBudgetUsd { get; set; }
        /// <summary>The most the wallet may pay in any 30 days (journal-wide); null = no monthly budget.</summary>
        public decimal? MonthlyBudgetUsd { get; set; }
        /// <summary>When not empty, pay_to must be one of these; when empty, one the gateway lists (and none if it lists none).</summary>
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
        /// <summary>The payment v2 offer to answer with a signed authorization; null for a v1 transfer.</summary>
        public PaymentOffer? Offer { get; set; }
        public PaymentCredentialKind Kind => Offer?.Kind ?? PaymentCredentialKind.Transfer;
        /// <summary>The wallet signs a transaction (v1, MPP transaction or hash) and so pays gas; otherwise the gateway settles a signed authorization.</summary>
        public bool PaysGas => Offer is null || !Offer.IsAuthorization;
        public ChainInfo Chain { get; }
        public TokenInfo Token { get; }
        public BigInteger Amount { get; }
        public EthereumAddress PayTo { get; }
        /// <summary>The gas ceiling for the transfer; null = the chain's default.</summary>
        public BigInteger? MaxGasCostWei { get; set; }
        public decimal AmountTokens => (decimal)Amount / (decimal)BigInteger.Pow(10, Token.Decimals);
        /// <summary>The gateway's token id (usdc, usdt) for X-Payment-Token.</summary>
        public string TokenId => Token.Symbol.ToLowerInvariant();

        public override string ToString() => $"{AmountTokens} {Token.Symbol} ({Quote.AmountUsd} USD) on {Chain.DisplayName} to {PayTo.ToChecksumString()}"
            + (Offer is null ? "" : Offer.IsAuthorization ? $" by signed authorization ({Offer.Kind})" : $" by an MPP {MppCredentialTypes.NameOf(Offer.Kind)} credential");
    }

    /// <summary>
    /// Checks a quote before anything is signed (reference §12.1–12.2): only pinned chain × token combinations, the
    /// contract from the module's own table, amounts that agree, within the cap, to an allowed recipient.
    /// </summary>
    public static class PaymentPolicy
    {
        /// <summary>A challenge must stay valid at least this long after it is checked, to be signed and sent in time.</summary>
        public static readonly TimeSpan MinimumChallengeLifetime = TimeSpan.FromSeconds(20);

        /// <summary>
        /// Picks how to pay (<paramref name="protocol"/>: v2 when offered, never a v1 transfer in answer to a v2-only
        /// challenge) and validates the terms. Throws <see cref="PaymentRefusedException"/> before anything is signed.
        /// </summary>
        public static PaymentTerms Validate(PaymentQuote quote, string? preferredChain, string? preferredToken, PaymentLimits limits, EthereumAddress payer,
            IReadOnlyCollection<string>? advertisedRecipients, PaymentProtocol protocol = PaymentProtocol.Auto, DateTimeOffset? now = null, Uri? deployUri = null, string? bodySha256Hex = null)
        {
            var offersV2 = quote.IsPaymentV2 || quote.MppChallenges.Count > 0 || quote.X402 != null;
            switch (protocol)
            {
                case PaymentProtocol.V1 when !quote.HasV1Terms && offersV2:
                    throw new PaymentRefusedException(PaymentRefusal.UnsupportedProtocol,
                        "The gateway offers only payment v2 (a signed authorization), but -PaymentProtocol V1 asks for a transfer. A transfer is never sent in answer to a v2-only challenge. Nothing was signed.");
                case PaymentProtocol.V1:
                    return ValidateTransfer(quote, preferredChain, preferredToken, limits, payer, advertisedRecipients);
                case PaymentProtocol.V2 when !offersV2:
                    throw new PaymentRefusedException(PaymentRefusal.UnsupportedProtocol,
                        "-PaymentProtocol V2 asks for a signed authorization, but the gateway offers only payment v1 (a transfer). Nothing was signed.");
                default:
                    return offersV2
                        ? ValidateAuthorization(quote, preferredChain, preferredToken, limits, payer, advertisedRecipients, now ?? DateTimeOffset.UtcNow, deployUri, bodySha256Hex)
                        : ValidateTransfer(quote, preferredChain, preferredToken, limits, payer, advertisedRecipients);
            }
        }

        private static PaymentTerms ValidateTransfer(PaymentQuote quote, string? preferredChain, string? preferredToken, PaymentLimits limits, EthereumAddress payer, IReadOnlyCollection<string>? advertisedRecipients)
        {
            var chainName = string.IsNullOrEmpty(preferredChain) ? quote.PaymentChain : preferredChain!;
            if (!TokenRegistry.TryGetChain(chainName, out var chain))
                throw new PaymentRefusedException(PaymentRefusal.UnknownChain, $"The quote asks for payment on '{chainName}', which is not a chain this module has pinned (arbitrum, base). Nothing was signed.");
            if (quote.SupportedChains.Count > 0 && !quote.SupportedChains.Any(c => string.Equals(c.Chain, chain.Name, StringComparison.OrdinalIgnoreCase)))
                throw new PaymentRefusedException(PaymentRefusal.UnknownChain, $"The gateway does not list {chain.Name} among its payment chains ({string.Join(", ", quote.SupportedChains.Select(c => c.Chain))}).");

            var tokenId = string.IsNullOrEmpty(preferredToken) ? (string.IsNullOrEmpty(quote.Token) ? "usdc" : quote.Token) : preferredToken!;
            var token = PinnedToken(chain, tokenId, limits);
            var advertised = quote.SupportedChains.FirstOrDefault(c => string.Equals(c.Chain, chain.Name, StringComparison.OrdinalIgnoreCase));
            if (advertised != null && advertised.Tokens.Count > 0 && !advertised.Tokens.Any(t => string.Equals(t, tokenId, StringComparison.OrdinalIgnoreCase)))
                throw new PaymentRefusedException(PaymentRefusal.UnknownToken, $"The gateway does not accept {tokenId} on {chain.Name}.");

            if (quote.AmountToken is null)
                throw new PaymentRefusedException(PaymentRefusal.IncompleteQuote, "The quote has no amount_token, so the exact amount is unknown; the module does not pay such a quote automatically.");
            if (quote.Decimals != token.Decimals)
                throw new PaymentRefusedException(PaymentRefusal.InconsistentQuote, $"The quote counts in {quote.Decimals} decimals but {token.Symbol} on {chain.Name} has {token.Decimals}.");
            var amount = quote.AmountToken.Value;
            CheckAmount(quote, token, amount, limits);
            var payTo = CheckRecipient(quote.PayTo, token, payer, limits, advertisedRecipients);
            return new PaymentTerms(quote, chain, token, amount, payTo) { MaxGasCostWei = limits.MaxGasCostWei };
        }

        /// <summary>
        /// Payment v2: chooses one offer among the MPP challenges and x402 offers — only pinned chains, only the pinned
        /// USDC contract (whose EIP-712 domain is pinned too), not expired, MPP before x402 — then checks it like a quote.
        /// </summary>
        private static PaymentTerms ValidateAuthorization(PaymentQuote quote, string? preferredChain, string? preferredToken, PaymentLimits limits, EthereumAddress payer,
            IReadOnlyCollection<string>? advertisedRecipients, DateTimeOffset now, Uri? deployUri, string? bodySha256Hex)
        {
            if (!string.IsNullOrEmpty(preferredToken) && !string.Equals(preferredToken, "usdc", StringComparison.OrdinalIgnoreCase))
                throw new PaymentRefusedException(PaymentRefusal.UnknownToken,
                    $"Payment v2 pays only USDC, but {preferredToken} was asked for." + (quote.HasV1Terms ? $" To pay {preferredToken} by transfer, use -PaymentProtocol V1." : "") + " Nothing was signed.");

            var reasons = new List<string>();
            var offers = new List<PaymentOffer>();
            foreach (var challenge in quote.MppChallenges)
            {
                var offer = PaymentOffer.FromMpp(challenge, now, out var reason, bodySha256Hex);
                if (offer != null) offers.Add(offer); else reasons.Add(reason!);
            }
            if (quote.X402 != null)
            {
                foreach (var x402 in quote.X402.Accepts)
                {
                    var offer = PaymentOffer.FromX402(quote.X402, x402, deployUri, now, out var reason);
                    if (offer != null) offers.Add(offer); else reasons.Add(reason!);
                }
            }
            if (offers.Count == 0)
                throw new PaymentRefusedException(reasons.Count > 0 && reasons.All(r => r.Contains("expired")) ? PaymentRefusal.ExpiredChallenge : PaymentRefusal.UnsupportedProtocol,
                    "The gateway asked for payment v2, but none of its offers can be paid safely" + (reasons.Count > 0 ? ": " + string.Join("; ", reasons.Distinct()) : " (no readable challenge)") + ". Nothing was signed.");

            if (!string.IsNullOrEmpty(preferredChain))
            {
                if (!TokenRegistry.TryGetChain(preferredChain, out var wanted))
                    throw new PaymentRefusedException(PaymentRefusal.UnknownChain, $"'{preferredChain}' is not a chain this module has pinned (arbitrum, base). Nothing was signed.");
                offers = offers.Where(o => o.Chain.ChainId == wanted.ChainId).ToList();
                if (offers.Count == 0)
                    throw new PaymentRefusedException(PaymentRefusal.UnknownChain, $"The gateway's payment v2 offers do not include {wanted.Name}. Nothing was signed.");
            }
            var chosen = offers
                .OrderBy(o => string.Equals(o.Chain.Name, quote.PaymentChain, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(o => o.Kind == PaymentCredentialKind.X402 ? 1 : 0)
                .First();

            CheckAmount(quote, chosen.Token, chosen.Amount, limits);
            var payTo = CheckRecipient(chosen.PayTo, chosen.Token, payer, limits, advertisedRecipients);
            return new PaymentTerms(quote, chosen.Chain, chosen.Token, chosen.Amount, payTo) { Offer = chosen, MaxGasCostWei = limits.MaxGasCostWei };
        }

        /// <summary>
        /// The persisted budgets (reference §12.1): what the wallet may have paid in the last 24 hours and 30 days, from
        /// every journal record that may have moved money, plus this payment, must stay within the daily and monthly budget.
        /// </summary>
        public static void CheckBudget(PaymentTerms terms, PaymentLimits limits, IEnumerable<PaymentRecord> journal, string wallet, DateTimeOffset now)
        {
            var price = Math.Max(terms.AmountTokens, terms.Quote.AmountUsd);
            var paid = journal.Where(r => r.MayHavePaid && string.Equals(r.Wallet, wallet, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var (budget, window, name) in new[] { (limits.DailyBudgetUsd, TimeSpan.FromDays(1), "daily"), (limits.MonthlyBudgetUsd, TimeSpan.FromDays(30), "monthly") })
            {
                if (budget is null) continue;
                if (budget.Value <= 0)
                    throw new PaymentRefusedException(PaymentRefusal.OverBudget,
                        $"The {name} budget is 0 USD, which means no payments: this deploy ({price} USD) is not paid. Set (Get-CreateOsContext).{(name == "daily" ? "DailyBudgetUsd" : "MonthlyBudgetUsd")} (or $env:CREATEOS_{name.ToUpperInvariant()}_BUDGET_USD before connecting) to an amount if you mean to pay. Nothing was signed.");
                var spent = paid.Where(r => r.CreatedAt > now - window).Sum(r => r.PriceUsd);
                if (spent + price > budget.Value)
                    throw new PaymentRefusedException(PaymentRefusal.OverBudget,
                        $"This deploy ({price} USD) would bring what wallet {wallet} paid in the last {(window.TotalDays == 1 ? "24 hours" : "30 days")} to {spent + price} USD, above its {name} budget of {budget.Value} USD. Raise (Get-CreateOsContext).{(name == "daily" ? "DailyBudgetUsd" : "MonthlyBudgetUsd")} (or $env:CREATEOS_{name.ToUpperInvariant()}_BUDGET_USD) if you mean to pay it. Nothing was signed.");
            }
        }

        private static TokenInfo PinnedToken(ChainInfo chain, string tokenId, PaymentLimits limits)
        {
            try
            {
                return TokenRegistry.GetToken(chain, tokenId, limits.AllowUnofficialTokens);
            }
            catch (Exception ex) when (ex is TokenNotAllowedException || ex is ArgumentException || ex is KeyNotFoundException)
            {
                throw new PaymentRefusedException(PaymentRefusal.UnknownToken, $"Token '{tokenId}' on {chain.Name} is not allowed: {ex.Message} Nothing was signed.");
            }
        }

        /// <summary>A positive amount that agrees with amount_usd (when the gateway states it) and stays within the cap.</summary>
        private static void CheckAmount(PaymentQuote quote, TokenInfo token, BigInteger amount, PaymentLimits limits)
        {
            if (amount.Sign <= 0)
                throw new PaymentRefusedException(PaymentRefusal.IncompleteQuote, "The quote's amount is not positive.");
            if (amount > BigInteger.Pow(10, token.Decimals + 12))
                throw new PaymentRefusedException(PaymentRefusal.OverCap, $"The quote asks for {amount} base units, more than a trillion {token.Symbol}; it is refused unread. Nothing was signed.");
            var tokens = (decimal)amount / (decimal)BigInteger.Pow(10, token.Decimals);
            var tolerance = Math.Max(0.01m, quote.AmountUsd * 0.01m);
            if (quote.AmountUsd > 0 && Math.Abs(tokens - quote.AmountUsd) > tolerance)
                throw new PaymentRefusedException(PaymentRefusal.InconsistentQuote, $"The quote disagrees with itself: amount_usd {quote.AmountUsd} but the amount to pay is {amount} = {tokens} {token.Symbol}. Nothing was signed.");
            if (quote.AmountUsd <= 0 && !quote.IsPaymentV2)
                throw new PaymentRefusedException(PaymentRefusal.InconsistentQuote, $"The quote states no amount_usd for {tokens} {token.Symbol}. Nothing was signed.");
            var price = Math.Max(tokens, quote.AmountUsd);
            if (price > limits.MaxPaymentUsd)
                throw new PaymentRefusedException(PaymentRefusal.OverCap, $"The deploy costs {price} USD, above the cap of {limits.MaxPaymentUsd} USD. Raise -MaxPaymentUsd (or the session default) if you mean to pay it. Nothing was signed.");
        }

        /// <summary>
        /// A valid recipient that is neither a token contract nor the payer, and is pinned — or, with nothing pinned, listed
        /// by the gateway at /agent/recipients. The check fails closed: with nothing pinned, an empty list, or a lookup that
        /// failed (<paramref name="advertisedRecipients"/> null), allows no recipient at all.
        /// </summary>
        /// <summary>
        /// Addresses below 0x10000: the precompiles (0x01–0x0a, P-256 at 0x100), Arbitrum's system contracts (0x64–0x70,
        /// 0xff) and the like. Tokens sent there are burnt, so no payee lives there.
        /// </summary>
        private static bool IsSystemAddress(EthereumAddress address)
        {
            var bytes = address.ToBytes();
            for (var i = 0; i < bytes.Length - 2; i++) if (bytes[i] != 0) return false;
            return true;
        }

        private static EthereumAddress CheckRecipient(string recipient, TokenInfo token, EthereumAddress payer, PaymentLimits limits, IReadOnlyCollection<string>? advertisedRecipients)
        {
            if (!EthereumAddress.TryParse(recipient, out var payTo) || payTo == EthereumAddress.Zero)
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote's recipient '{recipient}' is not a valid address.");
            if (IsSystemAddress(payTo))
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote asks to pay {payTo.ToChecksumString()}, a precompile or system address that nobody can spend from. Nothing was signed.");
            if (payTo == payer || payTo == token.Address || TokenRegistry.Tokens.Any(t => t.Address == payTo))
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote asks to pay {payTo.ToChecksumString()}, which is a token contract or the paying wallet itself.");
            if (limits.PinnedRecipients.Count > 0 && !limits.PinnedRecipients.Any(r => EthereumAddress.TryParse(r, out var pinned) && pinned == payTo))
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote asks to pay {payTo.ToChecksumString()}, which is not among the pinned recipients ({string.Join(", ", limits.PinnedRecipients)}). Nothing was signed.");
            if (limits.PinnedRecipients.Count > 0) return payTo;
            if (advertisedRecipients is null || advertisedRecipients.Count == 0)
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient,
                    $"The gateway's list of payment recipients (/agent/recipients) {(advertisedRecipients is null ? "could not be read" : "is empty")} and no recipient is pinned, so the quote's recipient {payTo.ToChecksumString()} cannot be checked. Nothing was signed. "
                    + $"If you know {payTo.ToChecksumString()} is CreateOS's, pin it and run the command again: (Get-CreateOsContext).PinnedRecipients.Add('{payTo.ToChecksumString()}').");
            if (!advertisedRecipients.Any(r => EthereumAddress.TryParse(r, out var listed) && listed == payTo))
                throw new PaymentRefusedException(PaymentRefusal.UnexpectedRecipient, $"The quote's recipient {payTo.ToChecksumString()} is not one the gateway lists at /agent/recipients. Nothing was signed.");
            return payTo;
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
        ExpiredChallenge,
        OverBudget,
    }

    /// <summary>A quote the module will not pay. Always thrown before anything is signed.</summary>
    public sealed class PaymentRefusedException : InvalidOperationException
    {
        public PaymentRefusedException(PaymentRefusal reason, string message) : base(message) => Reason = reason;

        public PaymentRefusal Reason { get; }
    }
}
