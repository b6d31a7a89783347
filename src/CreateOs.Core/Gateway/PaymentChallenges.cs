using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Gateway
{
    /// <summary>Which payment protocol a deploy may use (<c>-PaymentProtocol</c>).</summary>
    public enum PaymentProtocol
    {
        /// <summary>Payment v2 when the gateway offers it (never X-Payment-Tx in answer to a v2 challenge); v1 otherwise.</summary>
        Auto,
        /// <summary>Only the v1 transfer + X-Payment-Tx; refused when the gateway offers only v2.</summary>
        V1,
        /// <summary>Only a v2 credential (MPP authorization/transaction/hash, or x402); refused when the gateway offers only v1.</summary>
        V2,
    }

    /// <summary>The form a payment takes on the wire (and in the journal).</summary>
    public enum PaymentCredentialKind
    {
        /// <summary>An ERC-20 transfer the client broadcasts, then X-Payment-Tx.</summary>
        Transfer,
        /// <summary>An EIP-3009 authorization in <c>Authorization: Payment …</c> (MPP, draft-evm-charge type="authorization").</summary>
        Mpp,
        /// <summary>An EIP-3009 authorization in <c>PAYMENT-SIGNATURE</c> (x402 v2).</summary>
        X402,
        /// <summary>A signed EIP-1559 ERC-20 transfer in <c>Authorization: Payment …</c> that the gateway broadcasts (MPP type="transaction").</summary>
        MppTransaction,
        /// <summary>An ERC-20 transfer the client broadcasts, then its hash in <c>Authorization: Payment …</c> (MPP type="hash").</summary>
        MppHash,
    }

    /// <summary>The <c>payload.type</c> names of draft-evm-charge "Credential Types".</summary>
    public static class MppCredentialTypes
    {
        public const string Authorization = "authorization";
        public const string Transaction = "transaction";
        public const string Hash = "hash";
        public const string Permit2 = "permit2";

        /// <summary>The credential a type name asks for; null for a type this module does not make (permit2, unknown).</summary>
        public static PaymentCredentialKind? KindOf(string type)
        {
            switch (type)
            {
                case Authorization: return PaymentCredentialKind.Mpp;
                case Transaction: return PaymentCredentialKind.MppTransaction;
                case Hash: return PaymentCredentialKind.MppHash;
                default: return null;
            }
        }

        public static string NameOf(PaymentCredentialKind kind)
        {
            switch (kind)
            {
                case PaymentCredentialKind.Mpp: return Authorization;
                case PaymentCredentialKind.MppTransaction: return Transaction;
                case PaymentCredentialKind.MppHash: return Hash;
                default: throw new ArgumentException($"{kind} is not an MPP credential type.", nameof(kind));
            }
        }
    }

    /// <summary>
    /// One MPP challenge (<c>WWW-Authenticate: Payment …</c>, reference §11). Every parameter is kept exactly as received,
    /// because the credential echoes it and the gateway checks the echo against its HMAC-bound id.
    /// </summary>
    public sealed class MppChallenge
    {
        public MppChallenge(IReadOnlyList<KeyValuePair<string, string>> parameters)
        {
            Parameters = parameters;
            string Get(string name) => parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? "";
            Id = Get("id");
            Realm = Get("realm");
            Method = Get("method");
            Intent = Get("intent");
            RequestParameter = Get("request");
            Digest = NullIfEmpty(Get("digest"));
            var expires = Get("expires");
            if (expires.Length > 0)
                Expires = DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? parsed
                    : throw new GatewayProtocolException($"The payment challenge's expires \"{expires}\" is not a date.");
            if (Id.Length == 0 || RequestParameter.Length == 0)
                throw new GatewayProtocolException("A WWW-Authenticate: Payment challenge lacks its id or request parameter.");
            Request = ParseRequest(RequestParameter);
        }

        /// <summary>All auth-params in the order received (names as sent, values unquoted).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }
        public string Id { get; }
        public string Realm { get; }
        public string Method { get; }
        public string Intent { get; }
        /// <summary>The base64url request parameter as received.</summary>
        public string RequestParameter { get; }
        public JObject Request { get; }
        public DateTimeOffset? Expires { get; }
        /// <summary>The digest of the request body the challenge is bound to, if the gateway sent one: RFC 9530 <c>sha-256=:&lt;base64&gt;:</c> (mppx also writes <c>sha-256=&lt;base64&gt;</c>).</summary>
        public string? Digest { get; }

        public string Amount => (string?)Request["amount"] ?? "";
        public string Currency => (string?)Request["currency"] ?? "";
        public string Recipient => (string?)Request["recipient"] ?? "";
        public string? ExternalId => (string?)Request["externalId"];
        public JObject? MethodDetails => Request["methodDetails"] as JObject;
        public ulong? ChainId => MethodDetails?["chainId"] is JToken id && ulong.TryParse(id.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (ulong?)null;
        public int? Decimals => (int?)QuoteNumbers.WholeNumber(MethodDetails?["decimals"], "methodDetails.decimals", 0, PaymentQuote.MaxDecimals);
        public IReadOnlyList<string> CredentialTypes => (MethodDetails?["credentialTypes"] as JArray)?.Select(t => t.ToString()).ToList() ?? new List<string>();
        /// <summary>Whether the request asks to split the payment (only permit2 can pay splits; this module refuses them).</summary>
        public bool HasSplits => MethodDetails?["splits"] is JArray splits && splits.Count > 0;

        /// <summary>
        /// keccak256(abi.encodePacked(id, realm)): the challenge hash that draft-evm-charge "Authorization Payload" /
        /// "Challenge Binding" requires as the EIP-3009 nonce, binding the signature to this one challenge.
        /// </summary>
        public byte[] ChallengeHash => CreateOs.Core.Wallet.Keccak256.Hash(new UTF8Encoding(false).GetBytes(Id + Realm));

        /// <summary>The challenge object a credential carries: every parameter, as received.</summary>
        public JObject ToCredentialChallenge()
        {
            var challenge = new JObject();
            foreach (var parameter in Parameters) challenge[parameter.Key.ToLowerInvariant()] = parameter.Value;
            return challenge;
        }

        private static JObject ParseRequest(string parameter)
        {
            try
            {
                return CreateOs.Core.Http.Json.ParseVerbatim(Encoding.UTF8.GetString(Base64Url.Decode(parameter)));
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException)
            {
                throw new GatewayProtocolException("The payment challenge's request parameter is not base64url JSON: " + ex.Message);
            }
        }

        private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

        /// <summary>
        /// Every Payment challenge in a WWW-Authenticate value (several challenges may share one line, comma-joined, and
        /// other schemes may be mixed in). Malformed Payment challenges are skipped; other schemes are ignored.
        /// </summary>
        public static IReadOnlyList<MppChallenge> ParseAll(string? headerValue)
        {
            var result = new List<MppChallenge>();
            foreach (var (scheme, parameters) in AuthenticateHeader.Parse(headerValue ?? ""))
            {
                if (!string.Equals(scheme, "Payment", StringComparison.OrdinalIgnoreCase)) continue;
                try { result.Add(new MppChallenge(parameters)); }
                catch (GatewayProtocolException) { }
            }
            return result;
        }
    }

    /// <summary>An x402 v2 <c>PAYMENT-REQUIRED</c> header: the resource and the offers the gateway accepts.</summary>
    public sealed class X402PaymentRequired
    {
        public X402PaymentRequired(JObject document)
        {
            Document = document;
            Version = (int)(QuoteNumbers.WholeNumber(document["x402Version"], "x402Version", 0, int.MaxValue) ?? 0);
            Resource = document["resource"] as JObject ?? new JObject();
            Accepts = (document["accepts"] as JArray)?.OfType<JObject>().Select(o => new X402Offer(o)).ToList() ?? new List<X402Offer>();
        }

        public JObject Document { get; }
        public int Version { get; }
        public JObject Resource { get; }
        public string ResourceUrl => (string?)Resource["url"] ?? "";
        public IReadOnlyList<X402Offer> Accepts { get; }

        /// <summary>Decodes the header (standard base64 JSON; base64url tolerated); null when absent or unreadable.</summary>
        public static X402PaymentRequired? Parse(string? headerValue)
        {
            if (string.IsNullOrWhiteSpace(headerValue)) return null;
            try
            {
                return new X402PaymentRequired(CreateOs.Core.Http.Json.ParseVerbatim(Encoding.UTF8.GetString(Base64Url.Decode(headerValue!.Trim()))));
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>One entry of x402 <c>accepts</c>; <see cref="Raw"/> is echoed unchanged as <c>accepted</c>.</summary>
    public sealed class X402Offer
    {
        public X402Offer(JObject raw) => Raw = raw;

        public JObject Raw { get; }
        public string Scheme => (string?)Raw["scheme"] ?? "";
        public string Network => (string?)Raw["network"] ?? "";
        public string Asset => (string?)Raw["asset"] ?? "";
        public string Amount => (string?)Raw["amount"] ?? (string?)Raw["maxAmountRequired"] ?? "";
        public string PayTo => (string?)Raw["payTo"] ?? "";
        public int? MaxTimeoutSeconds => (int?)QuoteNumbers.WholeNumber(Raw["maxTimeoutSeconds"], "maxTimeoutSeconds", 0, int.MaxValue);
        public JObject Extra => Raw["extra"] as JObject ?? new JObject();
        public string? TransferMethod => (string?)Extra["assetTransferMethod"];
        public string? DomainName => (string?)Extra["name"];
        public string? DomainVersion => (string?)Extra["version"];

        /// <summary>The chain of a CAIP-2 "eip155:&lt;id&gt;" network; null for anything else.</summary>
        public ulong? ChainId =>
            Network.StartsWith("eip155:", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(Network.Substring(7), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (ulong?)null;
    }

    /// <summary>RFC 9110 challenge lists: <c>scheme param="v", param=token, scheme2 …</c>.</summary>
    internal static class AuthenticateHeader
    {
        public static IEnumerable<(string Scheme, List<KeyValuePair<string, string>> Parameters)> Parse(string value)
        {
            var position = 0;
            string? scheme = null;
            var parameters = new List<KeyValuePair<string, string>>();
            while (true)
            {
                SkipSeparators(value, ref position);
                if (position >= value.Length) break;
                var token = ReadToken(value, ref position);
                if (token.Length == 0) { position++; continue; }
                SkipSpaces(value, ref position);
                if (position < value.Length && value[position] == '=' && scheme != null && !IsToken68Tail(value, position))
                {
                    position++;
                    SkipSpaces(value, ref position);
                    parameters.Add(new KeyValuePair<string, string>(token, ReadValue(value, ref position)));
                    continue;
                }
                if (scheme != null) yield return (scheme, parameters);
                scheme = token;
                parameters = new List<KeyValuePair<string, string>>();
            }
            if (scheme != null) yield return (scheme, parameters);
        }

        // "scheme abc==" (token68) rather than "name=value": '=' followed by '=' or by a separator/end.
        private static bool IsToken68Tail(string value, int equalsAt)
        {
            var next = equalsAt + 1;
            while (next < value.Length && value[next] == ' ') next++;
            return next >= value.Length || value[next] == '=' || value[next] == ',';
        }

        private static string ReadValue(string value, ref int position)
        {
            if (position < value.Length && value[position] == '"')
            {
                var builder = new StringBuilder();
                position++;
                while (position < value.Length && value[position] != '"')
                {
                    if (value[position] == '\\' && position + 1 < value.Length) position++;
                    builder.Append(value[position++]);
                }
                position++;
                return builder.ToString();
            }
            var start = position;
            while (position < value.Length && value[position] != ',' && value[position] != ' ') position++;
            return value.Substring(start, position - start);
        }

        private static string ReadToken(string value, ref int position)
        {
            var start = position;
            while (position < value.Length && IsTokenChar(value[position])) position++;
            return value.Substring(start, position - start);
        }

        private static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

        private static void SkipSpaces(string value, ref int position)
        {
            while (position < value.Length && (value[position] == ' ' || value[position] == '\t')) position++;
        }

        private static void SkipSeparators(string value, ref int position)
        {
            while (position < value.Length && (value[position] == ' ' || value[position] == '\t' || value[position] == ',')) position++;
        }
    }

    /// <summary>base64url without padding (RFC 4648 §5); decoding also accepts standard base64 and padding.</summary>
    public static class Base64Url
    {
        public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static byte[] Decode(string text)
        {
            var normalized = text.Trim().Replace('-', '+').Replace('_', '/').TrimEnd('=');
            switch (normalized.Length % 4)
            {
                case 2: normalized += "=="; break;
                case 3: normalized += "="; break;
                case 1: throw new FormatException("Not base64url.");
            }
            return Convert.FromBase64String(normalized);
        }
    }
}
