using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Chains;
using Base64Url = CreateOs.Core.Gateway.Base64Url;

namespace CreateOs.Sandbox.Gateway;

public enum PaymentCredentialKind
{
    /// <summary><c>Authorization: Payment &lt;b64url JSON&gt;</c>.</summary>
    Mpp,

    /// <summary><c>PAYMENT-SIGNATURE: &lt;base64 JSON&gt;</c> (x402 v2).</summary>
    X402,
}

/// <summary>
/// A payment v2 credential as docs/payment-v2.md defines it, parsed but not yet checked against anything: for MPP the
/// echoed challenge parameters and a payload of one of draft-evm-charge's types (the flat <c>authorization</c>, a
/// <c>hash</c>, a signed <c>transaction</c>); for x402 the echoed offer, resource URL and EIP-3009 authorization.
/// </summary>
public sealed class PaymentCredential
{
    public const string MppScheme = "Payment";
    public const string X402Header = "PAYMENT-SIGNATURE";
    public const string MalformedError = "Malformed payment credential";

    private PaymentCredential(PaymentCredentialKind kind, string payloadType)
    {
        Kind = kind;
        PayloadType = payloadType;
    }

    public PaymentCredentialKind Kind { get; }

    /// <summary>MPP <c>payload.type</c> (one of <see cref="MppCredentialType.Defined"/>); x402 is always <c>authorization</c>.</summary>
    public string PayloadType { get; }

    /// <summary>The EIP-3009 authorization of an <c>authorization</c> payload (MPP) or of x402.</summary>
    public TransferAuthorizationMessage? Authorization { get; private init; }

    /// <summary>MPP <c>hash</c>: the transaction the client broadcast (lower-case 0x hex).</summary>
    public string? TransactionHash { get; private init; }

    /// <summary>MPP <c>transaction</c>: the signed EIP-1559 transaction for the gateway to broadcast (0x hex).</summary>
    public string? SignedTransaction { get; private init; }

    /// <summary>MPP <c>source</c>, if sent (a did:pkh of the payer).</summary>
    public string? Source { get; private init; }

    /// <summary>MPP: the challenge parameters exactly as echoed (id, realm, method, intent, request, expires, digest, opaque, …).</summary>
    public IReadOnlyDictionary<string, string> Challenge { get; private init; } = new Dictionary<string, string>();

    /// <summary>x402: the offer the client chose, as echoed.</summary>
    public JsonObject? Accepted { get; private init; }

    /// <summary>x402: resource.url as echoed.</summary>
    public string? ResourceUrl { get; private init; }

    public static bool HasMppCredential(HttpRequest request) =>
        request.Headers.Authorization.ToString().TrimStart().StartsWith(MppScheme + " ", StringComparison.OrdinalIgnoreCase);

    public static bool HasX402Credential(HttpRequest request) => request.Headers.ContainsKey(X402Header);

    /// <summary>The request's one v2 credential, or null without one. Two credentials or a malformed one: 400.</summary>
    public static PaymentCredential? Read(HttpRequest request)
    {
        var mpp = HasMppCredential(request);
        var x402 = HasX402Credential(request);
        if (mpp && x402) throw Malformed("send exactly one of Authorization: Payment and PAYMENT-SIGNATURE");
        if (mpp) return ParseMpp(request.Headers.Authorization.ToString().Trim()[(MppScheme.Length + 1)..].Trim());
        if (x402) return ParseX402(request.Headers[X402Header].ToString().Trim());
        return null;
    }

    public static PaymentCredential ParseMpp(string token)
    {
        var root = ParseJson(DecodeBase64(token, "Authorization: Payment"), "Authorization: Payment");
        if (root["challenge"] is not JsonObject challengeJson) throw Malformed("challenge must be an object");
        var challenge = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in challengeJson)
            challenge[name] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw Malformed($"challenge.{name} must be a string");
        foreach (var required in new[] { "id", "realm", "method", "intent", "request", "expires" })
            if (!challenge.ContainsKey(required)) throw Malformed($"challenge.{required} is required");

        if (root["payload"] is not JsonObject payload) throw Malformed("payload must be an object");
        var type = Text(payload, "type", "payload.");
        var source = root["source"] is JsonValue sourceValue && sourceValue.TryGetValue<string>(out var sourceText) ? sourceText : null;
        return type switch
        {
            // draft-evm-charge "Authorization Payload": the EIP-3009 fields sit flat beside type and signature.
            MppCredentialType.Authorization => new PaymentCredential(PaymentCredentialKind.Mpp, type)
            {
                Challenge = challenge, Source = source,
                Authorization = ReadAuthorization(payload, payload, "payload."),
            },
            MppCredentialType.Hash => new PaymentCredential(PaymentCredentialKind.Mpp, type)
            {
                Challenge = challenge, Source = source,
                TransactionHash = Hex(payload, "hash", "payload.", 64).ToLowerInvariant(),
            },
            MppCredentialType.Transaction => new PaymentCredential(PaymentCredentialKind.Mpp, type)
            {
                Challenge = challenge, Source = source,
                SignedTransaction = Hex(payload, "signature", "payload.", null),
            },
            "permit2" => new PaymentCredential(PaymentCredentialKind.Mpp, type) { Challenge = challenge, Source = source },
            _ => throw Malformed($"payload.type must be one of {string.Join(", ", MppCredentialType.Defined)}"),
        };
    }

    public static PaymentCredential ParseX402(string token)
    {
        var root = ParseJson(DecodeBase64(token, X402Header), X402Header);
        if (root["x402Version"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number
            || !version.GetValue<JsonElement>().TryGetInt32(out var versionNumber) || versionNumber != 2)
            throw Malformed("x402Version must be 2");
        if (root["accepted"] is not JsonObject accepted) throw Malformed("accepted must be an object");
        var resourceUrl = root["resource"] is JsonObject resource ? Text(resource, "url", "resource.") : throw Malformed("resource must be an object");
        if (root["payload"] is not JsonObject payload) throw Malformed("payload must be an object");
        // x402 "exact" EVM: payload = {signature, authorization{from, to, value, validAfter, validBefore, nonce}}.
        if (payload["authorization"] is not JsonObject authorization) throw Malformed("payload.authorization must be an object");
        return new PaymentCredential(PaymentCredentialKind.X402, MppCredentialType.Authorization)
        {
            Authorization = ReadAuthorization(payload, authorization, "payload."),
            Accepted = accepted.DeepClone().AsObject(),
            ResourceUrl = resourceUrl,
        };
    }

    /// <summary>The signature from <paramref name="payload"/>, the EIP-3009 fields from <paramref name="fields"/> (the same object in MPP, nested in x402).</summary>
    private static TransferAuthorizationMessage ReadAuthorization(JsonObject payload, JsonObject fields, string prefix)
    {
        var signature = Convert.FromHexString(EvmHex.StripPrefix(Hex(payload, "signature", prefix, 130)));
        if (!ReferenceEquals(payload, fields)) prefix += "authorization.";
        var nonce = Hex(fields, "nonce", prefix, 64);
        return new TransferAuthorizationMessage(
            Address(fields, "from", prefix), Address(fields, "to", prefix),
            Uint(fields, "value", prefix), Uint(fields, "validAfter", prefix), Uint(fields, "validBefore", prefix),
            nonce.ToLowerInvariant(), signature);
    }

    /// <summary>0x followed by <paramref name="digits"/> hex digits (any even, non-zero count when null).</summary>
    private static string Hex(JsonObject owner, string name, string prefix, int? digits)
    {
        var text = Text(owner, name, prefix);
        var hex = EvmHex.StripPrefix(text);
        var lengthOk = digits is int exact ? hex.Length == exact : hex.Length > 0 && hex.Length % 2 == 0;
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !lengthOk || !hex.All(char.IsAsciiHexDigit))
            throw Malformed($"{prefix}{name} must be 0x followed by {(digits is int n ? n.ToString(CultureInfo.InvariantCulture) : "an even number of")} hex digits");
        return text;
    }

    private static string Address(JsonObject owner, string name, string prefix)
    {
        var text = Text(owner, name, prefix);
        return EvmHex.IsAddress(text) ? text : throw Malformed($"{prefix}{name} must be an address");
    }

    /// <summary>A uint256 given as a decimal string (the documented form) or a JSON integer.</summary>
    private static BigInteger Uint(JsonObject owner, string name, string prefix)
    {
        var node = owner[name] as JsonValue;
        var text = node?.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            _ => null,
        };
        if (text is { Length: > 0 and <= 78 } && text.All(char.IsAsciiDigit))
        {
            var value = BigInteger.Parse(text, CultureInfo.InvariantCulture);
            if (value < BigInteger.One << 256) return value;
        }
        throw Malformed($"{prefix}{name} must be an unsigned integer (decimal string)");
    }

    private static string Text(JsonObject owner, string name, string prefix) =>
        owner[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : throw Malformed($"{prefix}{name} must be a non-empty string");

    private static byte[] DecodeBase64(string token, string what)
    {
        // Both alphabets and optional padding: b64url is documented for MPP, standard base64 for x402.
        try
        {
            return Base64Url.Decode(token);
        }
        catch (FormatException)
        {
            throw Malformed($"{what} is not base64");
        }
    }

    private static JsonObject ParseJson(byte[] bytes, string what)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(bytes)) as JsonObject ?? throw Malformed($"{what} is not a JSON object");
        }
        catch (JsonException)
        {
            throw Malformed($"{what} is not JSON");
        }
    }

    private static GatewayException Malformed(string detail) => new(400, MalformedError, detail);
}
