using System.Numerics;

namespace CreateOs.Sandbox.Gateway;

/// <summary>USD ↔ token base units (both tokens have 6 decimals) and USD ↔ credits ($1 = 100 credits).</summary>
public static class GatewayMoney
{
    public const int TokenDecimals = 6;
    public const decimal CreditsPerUsd = 100m;
    private const decimal UnitsPerUsd = 1_000_000m;

    /// <summary>Rounds up, so a quote never asks for less than its USD price.</summary>
    public static BigInteger UsdToBaseUnits(decimal usd) => new(decimal.Ceiling(usd * UnitsPerUsd));

    public static decimal BaseUnitsToUsd(BigInteger units) => (decimal)units / UnitsPerUsd;

    public static decimal UsdToCredits(decimal usd) => Normalize(usd * CreditsPerUsd);

    /// <summary>Drops trailing zeros (1.00 → 1) so JSON numbers read like the real gateway's.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;
}
