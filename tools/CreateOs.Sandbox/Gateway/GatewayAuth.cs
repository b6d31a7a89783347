using System.Globalization;
using CreateOs.Core.Wallet;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// Wallet-signature auth, checked in the emulator order of mpp-gateway.md §2: all four headers, |now − ts| ≤ skew,
/// message = the raw header strings "address:ts:nonce", personal_sign recovery, lower-case comparison, and only then
/// the atomic nonce insert (so a request with a bad signature cannot burn someone's nonce). Every failure is a 401.
/// </summary>
public static class GatewayAuth
{
    public const string WalletHeader = "X-Wallet-Address";
    public const string TimestampHeader = "X-Timestamp";
    public const string NonceHeader = "X-Nonce";
    public const string SignatureHeader = "X-Signature";

    /// <summary>Returns the X-Wallet-Address header of an authenticated request, exactly as sent.</summary>
    public static string Authenticate(HttpRequest request, GatewayState state)
    {
        var wallet = Header(request, WalletHeader);
        var timestamp = Header(request, TimestampHeader);
        var nonce = Header(request, NonceHeader);
        var signature = Header(request, SignatureHeader);
        if (wallet is null || timestamp is null || nonce is null || signature is null)
            throw GatewayException.Unauthorized("Missing authentication headers");

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestampMs))
            throw GatewayException.Unauthorized("Invalid timestamp");
        var skewMs = Math.Abs(state.Now.ToUnixTimeMilliseconds() - timestampMs);
        if (skewMs > state.Options.SignatureSkew.TotalMilliseconds)
            throw GatewayException.Unauthorized("Request expired");

        var message = wallet + ":" + timestamp + ":" + nonce;
        string recovered;
        try
        {
            recovered = PersonalSign.RecoverSigner(message, signature).ToLowerHexString();
        }
        catch (Exception)
        {
            // Malformed hex, wrong length, v out of range, or a point that does not recover: all just "invalid".
            throw GatewayException.Unauthorized("Invalid signature");
        }
        if (!string.Equals(recovered, wallet.ToLowerInvariant(), StringComparison.Ordinal))
            throw GatewayException.Unauthorized("Invalid signature");

        if (!state.TryUseNonce(wallet, nonce))
            throw GatewayException.Unauthorized("Nonce already used");
        return wallet;
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
