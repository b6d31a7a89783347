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
/// echoed challenge parameters, for x402 the echoed offer and resource URL; for both the EIP-3009 authorization.
/// </summary>
public sealed class PaymentCredential
{
    public const string MppScheme = "Payment";
    public const string X402Header = "PAYMENT-SIGNATURE";
    public const string MalformedError = "Malformed payment credential";

    private PaymentCredential(PaymentCredentialKind kind, TransferAuthorizationMessage authorization)
    {
        Kind = kind;
        Authorization = authorization;
    }

    public PaymentCredentialKind Kind { get; }

    public TransferAuthorizationMessage Authorization { get; }

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
        if (type != "authorization") throw Malformed("payload.type must be \"authorization\"");
        return new PaymentCredential(PaymentCredentialKind.Mpp, ReadAuthorization(payload, "payload.")) { Challenge = challenge };
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
        return new PaymentCredential(PaymentCredentialKind.X402, ReadAuthorization(payload, "payload."))
        {
            Accepted = accepted.DeepClone().AsObject(),
            ResourceUrl = resourceUrl,
        };
    }

    private static TransferAuthorizationMessage ReadAuthorization(JsonObject payload, string prefix)
    {
        var signatureText = Text(payload, "signature", prefix);
        var signature = EvmHex.StripPrefix(signatureText);
        if (!signatureText.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || signature.Length != 130 || !signature.All(char.IsAsciiHexDigit))
            throw Malformed($"{prefix}signature must be 0x followed by 130 hex digits");
        if (payload["authorization"] is not JsonObject authorization) throw Malformed($"{prefix}authorization must be an object");
        prefix += "authorization.";
        var nonce = Text(authorization, "nonce", prefix);
        if (!nonce.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || nonce.Length != 66 || !nonce[2..].All(char.IsAsciiHexDigit))
            throw Malformed($"{prefix}nonce must be 0x followed by 64 hex digits");
        return new TransferAuthorizationMessage(
            Address(authorization, "from", prefix), Address(authorization, "to", prefix),
            Uint(authorization, "value", prefix), Uint(authorization, "validAfter", prefix), Uint(authorization, "validBefore", prefix),
            nonce.ToLowerInvariant(), Convert.FromHexString(signature));
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
