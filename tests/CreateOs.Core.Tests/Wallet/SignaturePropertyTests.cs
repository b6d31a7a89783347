using System.Text;
using CreateOs.Core.Wallet;
using Xunit;

namespace CreateOs.Core.Tests.Wallet;

public class SignaturePropertyTests
{
    [Fact]
    public void Random_keys_and_messages_sign_then_recover_the_signer()
    {
        var random = new Random(20261123);
        for (int i = 0; i < 200; i++)
        {
            var keyBytes = new byte[32];
            random.NextBytes(keyBytes);
            if (!EthereumKey.IsValidPrivateKey(keyBytes)) continue;
            using var key = EthereumKey.FromPrivateKey(keyBytes);
            var message = new byte[random.Next(0, 300)];
            random.NextBytes(message);

            string signature = PersonalSign.Sign(key, message);
            Assert.Equal(132, signature.Length);
            Assert.Equal(key.Address, PersonalSign.RecoverSigner(message, signature));

            var hash = new byte[32];
            random.NextBytes(hash);
            EthereumSignature sig = key.SignHash(hash);
            Assert.True(sig.IsLowS);
            Assert.InRange(sig.RecoveryId, 0, 1);
            Assert.Equal(key.Address, sig.RecoverAddress(hash));
            Assert.Equal(sig.ToHex(), key.SignHash(hash).ToHex()); // deterministic (RFC 6979)
        }
    }

    [Fact]
    public void Tampered_message_recovers_someone_else()
    {
        using var key = EthereumKey.Generate();
        string signature = PersonalSign.Sign(key, "0xf39F:1711500000000:550e8400-e29b-41d4-a716-446655440000");
        Assert.True(PersonalSign.Verify("0xf39F:1711500000000:550e8400-e29b-41d4-a716-446655440000", signature, key.Address));
        Assert.False(PersonalSign.Verify("0xf39F:1711500000001:550e8400-e29b-41d4-a716-446655440000", signature, key.Address));
        Assert.False(PersonalSign.Verify("x", "0x1234", key.Address));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(29)]
    public void Invalid_v_is_rejected(byte v)
    {
        var raw = new byte[65];
        raw[31] = 1; raw[63] = 1; raw[64] = v;
        Assert.Throws<FormatException>(() => EthereumSignature.FromBytes65(raw));
    }

    [Fact]
    public void Zero_r_or_s_does_not_recover()
    {
        var raw = new byte[65];
        raw[64] = 27;
        Assert.Throws<FormatException>(() => EthereumSignature.FromBytes65(raw).RecoverAddress(new byte[32]));
    }

    [Fact]
    public void Disposed_key_refuses_to_sign_and_generated_keys_are_valid()
    {
        var key = EthereumKey.Generate();
        Assert.True(EthereumAddress.IsValid(key.Address.ToString()));
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.SignHash(new byte[32]));
        Assert.StartsWith("EthereumKey(0x", key.ToString());
    }

    [Fact]
    public void Message_prefix_uses_byte_length_not_char_length()
    {
        byte[] expected = Keccak256.Hash(Encoding.UTF8.GetBytes("\u0019Ethereum Signed Message:\n21こんにちは世界"));
        Assert.Equal(expected, PersonalSign.HashMessage("こんにちは世界"));
    }
}

public class AddressTests
{
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", true)]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", true)]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", true)]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", true)]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", false)]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", false)]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd", false)]
    [InlineData("0xg5aeb6053f3e94c9b9a09f33669435e7ef1beae", false)]
    [InlineData("", false)]
    public void Validation(string input, bool valid) => Assert.Equal(valid, EthereumAddress.IsValid(input));

    [Fact]
    public void Checksum_detection_and_equality()
    {
        Assert.True(EthereumAddress.IsChecksummed("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        Assert.False(EthereumAddress.IsChecksummed("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
        Assert.Equal(EthereumAddress.Zero, default(EthereumAddress));
        Assert.Equal("0x0000000000000000000000000000000000000000", EthereumAddress.Zero.ToString());
        Assert.Equal(EthereumAddress.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").GetHashCode(),
            EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").GetHashCode());
    }

    [Fact]
    public void Hex_round_trip_and_rejections()
    {
        Assert.Equal("0x00ff10", Hex.Encode(new byte[] { 0, 255, 16 }));
        Assert.Equal(new byte[] { 0, 255, 16 }, Hex.Decode("0X00FF10"));
        Assert.Empty(Hex.Decode("0x"));
        Assert.Throws<FormatException>(() => Hex.Decode("0x123"));
        Assert.Throws<FormatException>(() => Hex.Decode("zz"));
    }
}
