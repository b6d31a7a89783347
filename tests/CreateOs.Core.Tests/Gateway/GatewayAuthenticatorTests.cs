using CreateOs.Core.Gateway;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Tests.Gateway;

public class GatewayAuthenticatorTests
{
    [Fact]
    public void Every_request_is_signed_with_a_fresh_nonce_over_the_exact_header_strings()
    {
        using var key = EthereumKey.FromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1711500000000);
        var auth = new GatewayAuthenticator(() => key, () => now);
        var first = new HttpRequestMessage(HttpMethod.Post, "https://gw.example/agent/deploy");
        var second = new HttpRequestMessage(HttpMethod.Post, "https://gw.example/agent/deploy");
        auth.Sign(first);
        auth.Sign(second);

        string H(HttpRequestMessage m, string name) => m.Headers.GetValues(name).Single();
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", H(first, "X-Wallet-Address"));
        Assert.Equal("1711500000000", H(first, "X-Timestamp"));
        Assert.NotEqual(H(first, "X-Nonce"), H(second, "X-Nonce"));
        Assert.True(Guid.TryParse(H(first, "X-Nonce"), out _));
        var signature = H(first, "X-Signature");
        Assert.Matches("^0x[0-9a-f]{130}$", signature);
        Assert.True(signature.EndsWith("1b") || signature.EndsWith("1c"));
        var message = $"{H(first, "X-Wallet-Address")}:{H(first, "X-Timestamp")}:{H(first, "X-Nonce")}";
        Assert.Equal(key.Address, PersonalSign.RecoverSigner(message, signature));
    }

    [Fact]
    public void Signing_again_replaces_the_previous_headers()
    {
        using var key = EthereumKey.Generate();
        var auth = new GatewayAuthenticator(() => key);
        var message = new HttpRequestMessage(HttpMethod.Get, "https://gw.example/agent/projects");
        auth.Sign(message);
        auth.Sign(message);
        Assert.Single(message.Headers.GetValues("X-Nonce"));
    }
}
