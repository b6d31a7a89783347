using CreateOs.Sandbox.Gateway;

namespace CreateOs.Sandbox.Tests.Gateway;

/// <summary>The gateway's bookkeeping without HTTP: nonces, tx hashes, credits, the sliding rate-limit window.</summary>
public sealed class GatewayStateTests
{
    private const string Wallet = "0x2664D5d0baa2D464D922c2137854ec33d95E12F8";
    private DateTimeOffset _now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private GatewayState NewState(GatewayOptions? options = null) => new(options) { Clock = () => _now };

    [Fact]
    public void ANonceIsRememberedForItsTtlThenForgotten()
    {
        var state = NewState();
        Assert.True(state.TryUseNonce(Wallet, "n1"));
        _now += TimeSpan.FromSeconds(119);
        Assert.False(state.TryUseNonce(Wallet, "n1"));
        _now += TimeSpan.FromSeconds(2);
        Assert.True(state.TryUseNonce(Wallet, "n1"));
    }

    [Fact]
    public void NoncesAreGlobalByDefaultAndCanBeScopedPerWallet()
    {
        var global = NewState();
        Assert.True(global.TryUseNonce(Wallet, "shared"));
        Assert.False(global.TryUseNonce("0x0000000000000000000000000000000000000001", "shared"));

        var perWallet = NewState(new GatewayOptions { NonceScope = NonceScope.PerWallet });
        Assert.True(perWallet.TryUseNonce(Wallet, "shared"));
        Assert.True(perWallet.TryUseNonce("0x0000000000000000000000000000000000000001", "shared"));
        Assert.False(perWallet.TryUseNonce(Wallet.ToLowerInvariant(), "shared"));
    }

    [Fact]
    public void ATxHashIsReservedOnceIgnoringCase()
    {
        var state = NewState();
        var hash = "0x" + new string('A', 64);
        Assert.True(state.TryReserveTxHash(hash));
        Assert.False(state.TryReserveTxHash(hash.ToLowerInvariant()));
        state.ReleaseTxHash(hash);
        Assert.True(state.TryReserveTxHash(hash));
    }

    [Fact]
    public void CreditsAreKeptPerWalletIgnoringCase()
    {
        var state = NewState(new GatewayOptions { InitialCreditsUsd = 0.25m });
        Assert.Equal(0.25m, state.GetCreditsUsd(Wallet));
        Assert.Equal(1.25m, state.GrantCredits(Wallet.ToLowerInvariant(), 1m));
        Assert.Equal(125m, state.GetCredits(Wallet));
        Assert.False(state.TryDeductCredits(Wallet, 2m));
        Assert.True(state.TryDeductCredits(Wallet, 1.25m));
        Assert.Equal(0m, state.GetCreditsUsd(Wallet));
    }

    [Fact]
    public void TheRateLimitWindowSlides()
    {
        var state = NewState(new GatewayOptions { RateLimitPerMinute = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True(state.TryAcquireRateLimit("ip|w", out _));
            _now += TimeSpan.FromSeconds(10);
        }
        Assert.False(state.TryAcquireRateLimit("ip|w", out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter); // the first request leaves the window at t = 60 s
        Assert.True(state.TryAcquireRateLimit("ip|other", out _));
        _now += retryAfter;
        Assert.True(state.TryAcquireRateLimit("ip|w", out _));
    }

    [Fact]
    public void ARateLimitOfZeroDisablesIt()
    {
        var state = NewState(new GatewayOptions { RateLimitPerMinute = 0 });
        for (var i = 0; i < 100; i++) Assert.True(state.TryAcquireRateLimit("k", out _));
    }

    [Theory]
    [InlineData("0.50", 1, "0.5", "500000")]
    [InlineData("1.813947", 1, "1.813947", "1813947")]
    [InlineData("0.10", 2, "1", "1000000")]
    [InlineData("0.3333333", 1, "0.5", "500000")]
    [InlineData("0.5000001", 1, "0.5000001", "500001")]
    public void PricesAreFlooredAndRoundedUpToBaseUnits(string perMonth, int months, string usd, string units)
    {
        var options = new GatewayOptions { PricePerMonthUsd = decimal.Parse(perMonth, System.Globalization.CultureInfo.InvariantCulture) };
        var price = options.PriceUsd(months);
        Assert.Equal(usd, GatewayMoney.Normalize(price).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(units, GatewayMoney.UsdToBaseUnits(price).ToString());
    }
}
