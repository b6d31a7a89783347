using CreateOs.Core.Wallet;
using static CreateOs.Sandbox.Tests.Gateway.GatewayClient;

namespace CreateOs.Sandbox.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GatewayAuthTests(GatewayFixture fixture)
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task AValidSignatureIsAccepted()
    {
        using var key = EthereumKey.Generate();
        var (status, body) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key));
        Assert.Equal(200, status);
        Assert.Equal(key.Address.ToChecksumString(), (string?)body["wallet"]);
        Assert.Equal(0, (int?)body["count"]);
    }

    [Theory]
    [InlineData("X-Wallet-Address")]
    [InlineData("X-Timestamp")]
    [InlineData("X-Nonce")]
    [InlineData("X-Signature")]
    public async Task AMissingHeaderIs401(string header)
    {
        using var key = EthereumKey.Generate();
        var request = Signed(HttpMethod.Get, "/agent/projects", key);
        request.Headers.Remove(header);
        var (status, body) = await _http.CallAsync(request);
        Assert.Equal(401, status);
        Assert.False(string.IsNullOrEmpty((string?)body["error"]));
    }

    [Theory]
    [InlineData(-61_000)]
    [InlineData(61_000)]
    public async Task ATimestampOutsideTheSkewIs401InBothDirections(long offsetMs)
    {
        using var key = EthereumKey.Generate();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + offsetMs;
        var (status, _) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key, timestampMs: timestamp));
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task ATimestampWithinTheSkewIsAccepted()
    {
        using var key = EthereumKey.Generate();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 50_000;
        var (status, _) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key, timestampMs: timestamp));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task AReplayedNonceIs401EvenWithAFreshSignature()
    {
        using var key = EthereumKey.Generate();
        var nonce = Guid.NewGuid().ToString();
        var (first, _) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key, nonce: nonce));
        var (second, body) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key, nonce: nonce, timestampMs: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1));
        Assert.Equal(200, first);
        Assert.Equal(401, second);
        Assert.Contains("Nonce", (string?)body["error"]);
    }

    [Fact]
    public async Task ABadSignatureDoesNotBurnTheNonce()
    {
        using var key = EthereumKey.Generate();
        using var other = EthereumKey.Generate();
        var nonce = Guid.NewGuid().ToString();
        var forged = Signed(HttpMethod.Get, "/agent/projects", other, walletHeader: key.Address.ToChecksumString(), nonce: nonce);
        var (forgedStatus, _) = await _http.CallAsync(forged);
        var (genuineStatus, _) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key, nonce: nonce));
        Assert.Equal(401, forgedStatus);
        Assert.Equal(200, genuineStatus);
    }

    [Fact]
    public async Task TheWalletHeaderMustBeTheExactStringThatWasSigned()
    {
        using var key = EthereumKey.Generate();
        var request = Signed(HttpMethod.Get, "/agent/projects", key); // signed with the checksummed form
        request.Headers.Remove("X-Wallet-Address");
        request.Headers.Add("X-Wallet-Address", key.Address.ToLowerHexString());
        var (status, _) = await _http.CallAsync(request);
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task ALowerCaseWalletSignedAsSuchIsAccepted()
    {
        using var key = EthereumKey.Generate();
        var (status, body) = await _http.CallAsync(Signed(HttpMethod.Get, "/agent/projects", key, walletHeader: key.Address.ToLowerHexString()));
        Assert.Equal(200, status);
        Assert.Equal(key.Address.ToLowerHexString(), (string?)body["wallet"]);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("not-hex")]
    public async Task AMalformedSignatureIs401(string signature)
    {
        using var key = EthereumKey.Generate();
        var request = Signed(HttpMethod.Get, "/agent/projects", key);
        request.Headers.Remove("X-Signature");
        request.Headers.Add("X-Signature", signature);
        var (status, _) = await _http.CallAsync(request);
        Assert.Equal(401, status);
    }

    [Theory]
    [InlineData("POST", "/agent/deploy")]
    [InlineData("GET", "/agent/deploy/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/status")]
    [InlineData("GET", "/agent/projects")]
    [InlineData("DELETE", "/agent/projects/00000000-0000-0000-0000-000000000001")]
    public async Task AuthenticatedRoutesRefuseUnsignedRequests(string method, string path)
    {
        var (status, _) = await _http.CallAsync(new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')));
        Assert.Equal(401, status);
    }
}
