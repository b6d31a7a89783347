using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Base64Url = CreateOs.Core.Gateway.Base64Url;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>
/// Payment v2 from the client's side, built by hand from docs/payment-v2.md (not with the module's client code): reading
/// the challenges of a 402, signing the EIP-3009 authorization with the core's <see cref="Eip3009"/>, and the credentials.
/// </summary>
internal static partial class GatewayV2Client
{
    [GeneratedRegex("""(\w+)="([^"]*)"\s*(,|$)""")] private static partial Regex AuthParam();

    /// <summary>Every <c>WWW-Authenticate: Payment</c> challenge of the response, parameter name → value.</summary>
    public static IReadOnlyList<Dictionary<string, string>> MppChallenges(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate
            .Where(h => h.Scheme == "Payment")
            .Select(h => AuthParam().Matches(h.Parameter ?? "").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value))
            .ToList();

    public static JsonObject DecodeRequestParameter(Dictionary<string, string> challenge) =>
        JsonNode.Parse(Base64Url.Decode(challenge["request"]))!.AsObject();

    public static long ChainIdOf(Dictionary<string, string> challenge) => (long)DecodeRequestParameter(challenge)["methodDetails"]!["chainId"]!;

    /// <summary>The decoded PAYMENT-REQUIRED header, or null without one.</summary>
    public static JsonObject? PaymentRequired(HttpResponseMessage response) =>
        response.Headers.TryGetValues("PAYMENT-REQUIRED", out var values)
            ? JsonNode.Parse(Convert.FromBase64String(values.Single()))!.AsObject()
            : null;

    public static Eip712Domain UsdcDomain(long chainId) => TokenRegistry.GetToken(TokenRegistry.GetChain((ulong)chainId), "USDC").Eip712Domain;

    public static long UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>An authorization with a random nonce (x402) unless <paramref name="nonce"/> is given.</summary>
    public static TransferAuthorization NewAuthorization(EthereumAddress from, string to, BigInteger value, long? validAfter = null, long? validBefore = null, byte[]? nonce = null) => new()
    {
        From = from,
        To = EthereumAddress.Parse(to),
        Value = value,
        ValidAfter = validAfter ?? UnixNow() - 600,
        ValidBefore = validBefore ?? UnixNow() + 300,
        Nonce = nonce ?? TransferAuthorization.NewNonce(),
    };

    /// <summary>draft-evm-charge "Challenge Binding": nonce = keccak256(abi.encodePacked(challenge.id, challenge.realm)).</summary>
    public static byte[] ChallengeHash(Dictionary<string, string> challenge) =>
        Keccak256.Hash(Encoding.UTF8.GetBytes(challenge["id"] + challenge["realm"]));

    /// <summary>The authorization the challenge asks for (recipient and amount as quoted, nonce = the challenge hash, validAfter 0), signed by <paramref name="key"/>.</summary>
    public static (TransferAuthorization Authorization, EthereumSignature Signature) SignFor(EthereumKey key, Dictionary<string, string> challenge)
    {
        var request = DecodeRequestParameter(challenge);
        var authorization = NewAuthorization(key.Address, (string)request["recipient"]!, BigInteger.Parse((string)request["amount"]!), validAfter: 0, nonce: ChallengeHash(challenge));
        return (authorization, Eip3009.Sign(key, UsdcDomain(ChainIdOf(challenge)), authorization));
    }

    public static JsonObject AuthorizationJson(TransferAuthorization authorization) => new()
    {
        ["from"] = authorization.From.ToChecksumString(),
        ["to"] = authorization.To.ToChecksumString(),
        ["value"] = authorization.Value.ToString(),
        ["validAfter"] = authorization.ValidAfter.ToString(),
        ["validBefore"] = authorization.ValidBefore.ToString(),
        ["nonce"] = authorization.NonceHex,
    };

    /// <summary>
    /// The value of <c>Authorization</c>: <c>Payment &lt;b64url JSON&gt;</c>, echoing every challenge parameter, with the
    /// flat authorization payload of draft-evm-charge "Authorization Payload".
    /// </summary>
    public static string MppCredential(Dictionary<string, string> challenge, TransferAuthorization authorization, EthereumSignature signature)
    {
        var payload = AuthorizationJson(authorization);
        payload["type"] = "authorization";
        payload["signature"] = signature.ToHex();
        return MppCredential(challenge, payload, authorization.From);
    }

    /// <summary>An MPP credential with any payload (transaction, hash, or a malformed one).</summary>
    public static string MppCredential(Dictionary<string, string> challenge, JsonObject payload, EthereumAddress from)
    {
        var echoed = new JsonObject();
        foreach (var (name, value) in challenge) echoed[name] = value;
        var credential = new JsonObject
        {
            ["challenge"] = echoed,
            ["payload"] = payload,
            ["source"] = $"did:pkh:eip155:{ChainIdOf(challenge)}:{from.ToChecksumString()}",
        };
        return "Payment " + Base64Url.Encode(Encoding.UTF8.GetBytes(credential.ToJsonString()));
    }

    /// <summary>The value of <c>PAYMENT-SIGNATURE</c>: base64 JSON with the chosen offer exactly as received.</summary>
    public static string X402Credential(JsonObject paymentRequired, JsonObject accepted, TransferAuthorization authorization, EthereumSignature signature)
    {
        var credential = new JsonObject
        {
            ["x402Version"] = 2,
            ["resource"] = paymentRequired["resource"]!.DeepClone(),
            ["accepted"] = accepted.DeepClone(),
            ["payload"] = new JsonObject { ["signature"] = signature.ToHex(), ["authorization"] = AuthorizationJson(authorization) },
            ["extensions"] = new JsonObject(),
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.ToJsonString()));
    }

    public static HttpRequestMessage WithMpp(this HttpRequestMessage request, string credential)
    {
        request.Headers.TryAddWithoutValidation("Authorization", credential);
        return request;
    }

    public static HttpRequestMessage WithX402(this HttpRequestMessage request, string credential)
    {
        request.Headers.TryAddWithoutValidation("PAYMENT-SIGNATURE", credential);
        return request;
    }

}
