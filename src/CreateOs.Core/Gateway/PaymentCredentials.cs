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
        /// the x402 offer are echoed exactly as received.
        /// </summary>
        public static PaymentCredential Build(PaymentOffer offer, TransferAuthorization authorization, EthereumSignature signature)
        {
            var signed = new JObject
            {
                ["from"] = authorization.From.ToChecksumString(),
                ["to"] = authorization.To.ToChecksumString(),
                ["value"] = authorization.Value.ToString(CultureInfo.InvariantCulture),
                ["validAfter"] = authorization.ValidAfter.ToString(CultureInfo.InvariantCulture),
                ["validBefore"] = authorization.ValidBefore.ToString(CultureInfo.InvariantCulture),
                ["nonce"] = authorization.NonceHex,
            };
            switch (offer.Kind)
            {
                case PaymentCredentialKind.Mpp:
                    var credential = new JObject
                    {
                        ["challenge"] = offer.Challenge!.ToCredentialChallenge(),
                        ["payload"] = new JObject { ["type"] = "authorization", ["authorization"] = signed, ["signature"] = signature.ToHex() },
                        ["source"] = $"did:pkh:eip155:{offer.Chain.ChainId.ToString(CultureInfo.InvariantCulture)}:{authorization.From.ToChecksumString()}",
                    };
                    return new PaymentCredential(MppHeader, "Payment " + Base64Url.Encode(Utf8(credential)));
                case PaymentCredentialKind.X402:
                    var payload = new JObject
                    {
                        ["x402Version"] = 2,
                        ["resource"] = offer.X402Required!.Resource.DeepClone(),
                        ["accepted"] = offer.X402Offer!.Raw.DeepClone(),
                        ["payload"] = new JObject { ["signature"] = signature.ToHex(), ["authorization"] = signed },
                        ["extensions"] = new JObject(),
                    };
                    return new PaymentCredential(X402Header, Convert.ToBase64String(Utf8(payload)));
                default:
                    throw new ArgumentException("A transfer is paid with X-Payment-Tx, not a credential.", nameof(offer));
            }
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
