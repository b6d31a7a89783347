using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// One payment v2 offer the module could answer: an MPP challenge (with the credential type negotiated from its
    /// <c>credentialTypes</c>) or an x402 <c>accepts</c> entry, reduced to pinned terms (chain, the pinned USDC contract,
    /// amount, recipient, validity).
    /// </summary>
    public sealed class PaymentOffer
    {
        /// <summary>The longest an authorization is made valid for, whatever the gateway allows.</summary>
        public static readonly TimeSpan MaximumValidity = TimeSpan.FromMinutes(15);

        /// <summary>x402: validAfter lies this far in the past, so a settler whose clock runs behind still accepts it (as @x402/evm does).</summary>
        public static readonly TimeSpan ValidAfterLead = TimeSpan.FromMinutes(10);

        /// <summary>The credential types this module can make, for a challenge that lists none (draft-evm-charge: then the server MUST accept "transaction").</summary>
        private static readonly string[] UnlistedCredentialTypes = { MppCredentialTypes.Transaction };

        private static readonly TimeSpan DefaultX402Timeout = TimeSpan.FromSeconds(300);

        private PaymentOffer(PaymentCredentialKind kind, ChainInfo chain, TokenInfo token, BigInteger amount, string payTo)
        {
            Kind = kind;
            Chain = chain;
            Token = token;
            Amount = amount;
            PayTo = payTo;
        }

        public PaymentCredentialKind Kind { get; }
        /// <summary>Paid by an off-chain EIP-3009 signature that the gateway settles (MPP authorization, x402), not by a transaction of the wallet.</summary>
        public bool IsAuthorization => Kind == PaymentCredentialKind.Mpp || Kind == PaymentCredentialKind.X402;
        public ChainInfo Chain { get; }
        public TokenInfo Token { get; }
        public BigInteger Amount { get; }
        public string PayTo { get; }
        /// <summary>MPP: when the challenge expires.</summary>
        public DateTimeOffset? Expires { get; private set; }
        /// <summary>x402: how long the gateway gives the payment.</summary>
        public TimeSpan? MaxTimeout { get; private set; }
        public MppChallenge? Challenge { get; private set; }
        public X402PaymentRequired? X402Required { get; private set; }
        public X402Offer? X402Offer { get; private set; }

        /// <summary>The authorization's validBefore: the challenge's expiry (x402: now + maxTimeoutSeconds), at most 15 minutes away.</summary>
        public DateTimeOffset ValidBefore(DateTimeOffset now)
        {
            var limit = now + MaximumValidity;
            var offered = Expires ?? now + (MaxTimeout ?? DefaultX402Timeout);
            return offered < limit ? offered : limit;
        }

        public override string ToString() => $"{Kind} {Amount} {Token.Symbol} on {Chain.Name} to {PayTo}";

        /// <summary>
        /// An MPP evm/charge challenge (draft-evm-charge "Request Schema"), answered with the first credential type in its
        /// <c>credentialTypes</c> that this module makes ("Credential Type Negotiation"; permit2 is not made).
        /// </summary>
        public static PaymentOffer? FromMpp(MppChallenge challenge, DateTimeOffset now, out string? reason, string? bodySha256Hex = null)
        {
            reason = null;
            if (!BoundToBody(challenge.Digest, bodySha256Hex))
                return Refuse($"MPP challenge is bound to another request body (digest {challenge.Digest})", out reason);
            if (!string.Equals(challenge.Method, "evm", StringComparison.Ordinal) || !string.Equals(challenge.Intent, "charge", StringComparison.Ordinal))
                return Refuse($"MPP challenge for method \"{challenge.Method}\" / intent \"{challenge.Intent}\" (only evm charge is supported)", out reason);
            var offered = challenge.CredentialTypes.Count > 0 ? challenge.CredentialTypes : UnlistedCredentialTypes;
            var kind = offered.Select(MppCredentialTypes.KindOf).FirstOrDefault(k => k != null);
            if (kind is null)
                return Refuse($"MPP challenge accepts only {string.Join("/", offered)} credentials, none of which this module makes (authorization, transaction, hash)", out reason);
            if (challenge.HasSplits)
                return Refuse("MPP challenge splits the payment, which only a permit2 credential can pay (not supported)", out reason);
            if (challenge.Expires is DateTimeOffset expires && expires <= now + PaymentPolicy.MinimumChallengeLifetime)
                return Refuse($"MPP challenge expired at {expires:u}", out reason);
            var token = PinnedUsdc(challenge.ChainId, challenge.Currency, "MPP", out reason);
            if (token is null) return null;
            if (challenge.Decimals is int decimals && decimals != token.Decimals)
                return Refuse($"MPP challenge counts in {decimals} decimals, but USDC has {token.Decimals}", out reason);
            if (!TryAmount(challenge.Amount, out var amount))
                return Refuse($"MPP challenge amount \"{challenge.Amount}\" is not a whole number of base units", out reason);
            return new PaymentOffer(kind.Value, token.Chain, token, amount, challenge.Recipient) { Challenge = challenge, Expires = challenge.Expires };
        }

        public static PaymentOffer? FromX402(X402PaymentRequired required, X402Offer offer, Uri? deployUri, DateTimeOffset now, out string? reason)
        {
            reason = null;
            if (required.Version != 2)
                return Refuse($"x402 version {required.Version} (only 2 is supported)", out reason);
            if (!string.Equals(offer.Scheme, "exact", StringComparison.OrdinalIgnoreCase))
                return Refuse($"x402 scheme \"{offer.Scheme}\" (only exact is supported)", out reason);
            if (offer.TransferMethod != null && !string.Equals(offer.TransferMethod, "eip3009", StringComparison.OrdinalIgnoreCase))
                return Refuse($"x402 transfer method \"{offer.TransferMethod}\" (only eip3009 is supported)", out reason);
            if (deployUri != null && !SameResource(required.ResourceUrl, deployUri))
                return Refuse($"x402 resource \"{required.ResourceUrl}\" is not this gateway's {deployUri.AbsolutePath}", out reason);
            var token = PinnedUsdc(offer.ChainId, offer.Asset, "x402", out reason);
            if (token is null) return null;
            var domain = token.Eip712Domain;
            if ((offer.DomainName != null && offer.DomainName != domain.Name) || (offer.DomainVersion != null && offer.DomainVersion != domain.Version))
                return Refuse($"x402 offer names the EIP-712 domain \"{offer.DomainName}\" v{offer.DomainVersion}, but USDC on {token.Chain.Name} is \"{domain.Name}\" v{domain.Version}", out reason);
            if (!TryAmount(offer.Amount, out var amount))
                return Refuse($"x402 amount \"{offer.Amount}\" is not a whole number of base units", out reason);
            if (offer.MaxTimeoutSeconds is int seconds && seconds < PaymentPolicy.MinimumChallengeLifetime.TotalSeconds)
                return Refuse($"x402 offer allows only {seconds} s to pay", out reason);
            var timeout = offer.MaxTimeoutSeconds is int s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            return new PaymentOffer(PaymentCredentialKind.X402, token.Chain, token, amount, offer.PayTo) { X402Required = required, X402Offer = offer, MaxTimeout = timeout };
        }

        /// <summary>The pinned USDC of a pinned chain, and only if the offer names exactly its contract.</summary>
        private static TokenInfo? PinnedUsdc(ulong? chainId, string asset, string form, out string? reason)
        {
            reason = null;
            var chain = chainId is ulong id ? TokenRegistry.Chains.FirstOrDefault(c => c.ChainId == id) : null;
            if (chain is null)
                return Refuse<TokenInfo>($"{form} offer on chain {chainId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}, which is not pinned (42161, 8453)", out reason);
            var usdc = TokenRegistry.GetToken(chain, "usdc");
            if (!EthereumAddress.TryParse(asset, out var address) || address != usdc.Address)
                return Refuse<TokenInfo>($"{form} offer on {chain.Name} asks for token {asset}, which is not the pinned USDC {usdc.Address.ToChecksumString()}", out reason);
            return usdc;
        }

        /// <summary>
        /// A SHA-256 digest matches the body we send: RFC 9530's <c>sha-256=:&lt;base64&gt;:</c> (draft-httpauth-payment
        /// "Request Body Digest Binding") or mppx's <c>sha-256=&lt;base64&gt;</c>. No digest, or another algorithm, cannot be checked here.
        /// </summary>
        private static bool BoundToBody(string? digest, string? bodySha256Hex)
        {
            const string prefix = "sha-256=";
            if (digest is null || bodySha256Hex is null || !digest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
            var value = digest.Substring(prefix.Length);
            if (value.Length >= 2 && value[0] == ':' && value[value.Length - 1] == ':') value = value.Substring(1, value.Length - 2);
            try
            {
                return string.Equals(Hex.Encode(Convert.FromBase64String(value), withPrefix: false), bodySha256Hex.Replace("0x", ""), StringComparison.OrdinalIgnoreCase);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        // Host and path, not scheme: one observation showed the resource as http:// behind TLS.
        private static bool SameResource(string resourceUrl, Uri deployUri)
        {
            if (string.IsNullOrEmpty(resourceUrl)) return true;
            if (!Uri.TryCreate(resourceUrl, UriKind.Absolute, out var resource)) return false;
            return string.Equals(resource.Host, deployUri.Host, StringComparison.OrdinalIgnoreCase)
                && string.Equals(resource.AbsolutePath.TrimEnd('/'), deployUri.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
        }

        private static bool TryAmount(string text, out BigInteger amount) =>
            BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount.Sign > 0;

        private static PaymentOffer? Refuse(string why, out string? reason) => Refuse<PaymentOffer>(why, out reason);

        private static T? Refuse<T>(string why, out string? reason) where T : class
        {
            reason = why;
            return null;
        }
    }
}
