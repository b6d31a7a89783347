using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CreateOs.Core.Chain;
using CreateOs.Core.Http;
using CreateOs.Core.Wallet;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Gateway
{
    /// <summary>A payment v2 credential, ready to send: exactly one header (docs/payment-v2.md).</summary>
    public sealed class PaymentCredential
    {
        public const string MppHeader = "Authorization";
        public const string X402Header = "PAYMENT-SIGNATURE";

        public PaymentCredential(string headerName, string headerValue)
        {
            HeaderName = headerName;
            HeaderValue = headerValue;
        }

        public string HeaderName { get; }
        public string HeaderValue { get; }

        /// <summary>
        /// Builds the credential answering <paramref name="offer"/> with a signed authorization. The MPP challenge and
        /// the x402 offer are echoed exactly as received. MPP: draft-evm-charge "Authorization Payload" — the EIP-3009
        /// fields flat beside <c>type</c> and <c>signature</c>. x402: <c>payload {signature, authorization{…}}</c>.
        /// </summary>
        public static PaymentCredential Build(PaymentOffer offer, TransferAuthorization authorization, EthereumSignature signature)
        {
            JObject Fields(JObject into)
            {
                into["from"] = authorization.From.ToChecksumString();
                into["to"] = authorization.To.ToChecksumString();
                into["value"] = authorization.Value.ToString(CultureInfo.InvariantCulture);
                into["validAfter"] = authorization.ValidAfter.ToString(CultureInfo.InvariantCulture);
                into["validBefore"] = authorization.ValidBefore.ToString(CultureInfo.InvariantCulture);
                into["nonce"] = authorization.NonceHex;
                return into;
            }
            switch (offer.Kind)
            {
                case PaymentCredentialKind.Mpp:
                    var payload = Fields(new JObject { ["type"] = MppCredentialTypes.Authorization });
                    payload["signature"] = signature.ToHex();
                    return Mpp(offer, payload, authorization.From);
                case PaymentCredentialKind.X402:
                    var x402 = new JObject
                    {
                        ["x402Version"] = 2,
                        ["resource"] = offer.X402Required!.Resource.DeepClone(),
                        ["accepted"] = offer.X402Offer!.Raw.DeepClone(),
                        ["payload"] = new JObject { ["signature"] = signature.ToHex(), ["authorization"] = Fields(new JObject()) },
                        ["extensions"] = new JObject(),
                    };
                    return new PaymentCredential(X402Header, Convert.ToBase64String(Utf8(x402)));
                default:
                    throw new ArgumentException($"A {offer.Kind} payment is not a signed authorization.", nameof(offer));
            }
        }

        /// <summary>
        /// The MPP credential carrying the wallet's own signed transfer: draft-evm-charge "Transaction Payload"
        /// (<c>{type:"transaction", signature:&lt;raw signed EIP-1559 tx&gt;}</c>, the gateway broadcasts it) or "Hash
        /// Payload" (<c>{type:"hash", hash}</c>, the client broadcast it). <paramref name="challenge"/> may be a fresh one
        /// offering the same terms: the transfer is bound to the terms, not to a challenge instance.
        /// </summary>
        public static PaymentCredential BuildTransfer(PaymentCredentialKind kind, MppChallenge challenge, ulong chainId, string rawTransactionHex, string transactionHash, EthereumAddress from)
        {
            JObject payload;
            switch (kind)
            {
                case PaymentCredentialKind.MppTransaction:
                    payload = new JObject { ["type"] = MppCredentialTypes.Transaction, ["signature"] = rawTransactionHex };
                    break;
                case PaymentCredentialKind.MppHash:
                    payload = new JObject { ["type"] = MppCredentialTypes.Hash, ["hash"] = transactionHash };
                    break;
                default:
                    throw new ArgumentException($"A {kind} payment does not carry a transfer in an MPP credential.", nameof(kind));
            }
            return Mpp(challenge, chainId, payload, from);
        }

        private static PaymentCredential Mpp(PaymentOffer offer, JObject payload, EthereumAddress from) => Mpp(offer.Challenge!, offer.Chain.ChainId, payload, from);

        /// <summary><c>Authorization: Payment &lt;b64url {challenge, payload, source}&gt;</c> (draft-httpauth-payment "Credentials").</summary>
        private static PaymentCredential Mpp(MppChallenge challenge, ulong chainId, JObject payload, EthereumAddress from)
        {
            var credential = new JObject
            {
                ["challenge"] = challenge.ToCredentialChallenge(),
                ["payload"] = payload,
                ["source"] = $"did:pkh:eip155:{chainId.ToString(CultureInfo.InvariantCulture)}:{from.ToChecksumString()}",
            };
            return new PaymentCredential(MppHeader, "Payment " + Base64Url.Encode(Utf8(credential)));
        }

        private static byte[] Utf8(JObject json) => new UTF8Encoding(false).GetBytes(json.ToString(Formatting.None));
    }

    /// <summary>What a v2 gateway says about the settlement (<c>Payment-Receipt</c>, x402 <c>PAYMENT-RESPONSE</c>).</summary>
    public sealed class PaymentSettlement
    {
        /// <summary>The settlement transaction, if the gateway named it.</summary>
        public string? Transaction { get; set; }
        public bool? Success { get; set; }
        public string? ErrorReason { get; set; }
        /// <summary>The decoded receipt JSON, kept for the journal.</summary>
        public string? Receipt { get; set; }

        /// <summary>Reads the receipt headers; null when the answer carries none.</summary>
        public static PaymentSettlement? FromHeaders(IReadOnlyDictionary<string, string> headers)
        {
            var mpp = Decode(HeaderMap.Find(headers, "Payment-Receipt"));
            var x402 = Decode(HeaderMap.Find(headers, "PAYMENT-RESPONSE"));
            if (mpp is null && x402 is null) return null;
            return new PaymentSettlement
            {
                Transaction = (string?)x402?["transaction"] ?? (string?)mpp?["reference"] ?? (string?)mpp?["transaction"],
                Success = (bool?)x402?["success"] ?? (mpp?["status"] is JToken status ? string.Equals((string?)status, "success", StringComparison.OrdinalIgnoreCase) : (bool?)null),
                ErrorReason = (string?)x402?["errorReason"],
                Receipt = (mpp ?? x402)!.ToString(Formatting.None),
            };
        }

        private static JObject? Decode(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            try { return CreateOs.Core.Http.Json.ParseVerbatim(Encoding.UTF8.GetString(Base64Url.Decode(value!))); }
            catch (Exception ex) when (ex is FormatException || ex is JsonException) { return null; }
        }
    }
}
