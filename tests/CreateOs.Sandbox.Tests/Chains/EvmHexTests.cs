using System.Numerics;
using CreateOs.Sandbox.Chains;
using Xunit;

namespace CreateOs.Sandbox.Tests.Chains;

public sealed class EvmHexTests
{
    [Theory]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", true)]
    [InlineData("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", true)]
    [InlineData("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266", false)]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226", false)]
    [InlineData("0xg39Fd6e51aad88F6F4ce6aB8827279cffFb92266", false)]
    [InlineData(null, false)]
    public void RecognisesAddresses(string? value, bool expected) => Assert.Equal(expected, EvmHex.IsAddress(value));

    [Fact]
    public void FormatsAmounts()
    {
        Assert.Equal("25.000000", EvmHex.FormatUnits(25_000_000, 6));
        Assert.Equal("0.000001", EvmHex.FormatUnits(1, 6));
        Assert.Equal("1.0", EvmHex.FormatEther(BigInteger.Pow(10, 18)));
        Assert.Equal("1.5", EvmHex.FormatEther(15 * BigInteger.Pow(10, 17)));
        Assert.Equal("0.0", EvmHex.FormatEther(0));
        Assert.Equal("0.000000000000000001", EvmHex.FormatEther(1));
    }

    [Fact]
    public void ConvertsDecimalsToBaseUnitsExactly()
    {
        Assert.Equal(new BigInteger(25_000_000), EvmHex.ToBaseUnits(25m, 6));
        Assert.Equal(new BigInteger(1), EvmHex.ToBaseUnits(0.000001m, 6));
        Assert.Equal(BigInteger.Pow(10, 24), EvmHex.ToBaseUnits(1_000_000m, 18));
        Assert.Throws<ArgumentException>(() => EvmHex.ToBaseUnits(0.0000001m, 6));
    }

    [Fact]
    public void EncodesQuantitiesAndWords()
    {
        Assert.Equal("0x0", EvmHex.ToQuantity(0));
        Assert.Equal("0x1a", EvmHex.ToQuantity(26));
        Assert.Equal(new BigInteger(26), EvmHex.ParseQuantity("0x1a"));
        Assert.Equal(new string('0', 63) + "1", EvmHex.ToWord(1));
        Assert.Equal("000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266", EvmHex.AddressToWord("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        Assert.Equal("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", EvmHex.WordToAddress("0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
    }

    [Fact]
    public void EncodesShortStringsTheWaySolidityStoresThem()
    {
        // "USDC" = 55 53 44 43, length 4 → last byte 0x08.
        Assert.Equal("0x5553444300000000000000000000000000000000000000000000000000000008", EvmHex.EncodeShortStringStorageWord("USDC"));
        Assert.Throws<ArgumentException>(() => EvmHex.EncodeShortStringStorageWord(new string('x', 32)));
    }
}
