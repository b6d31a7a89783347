using System.Text;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Tests.Wallet;

/// <summary>
/// ethers v6 encrypts with the UTF-8 bytes of NFKC(password); geth, cast and web3.py with the raw bytes. The vectors
/// (tests/TestData/keystore-password-vectors.json, written by ethers 6.17.0 and cast 1.7.1) use passwords that NFKC
/// changes: a decomposed "é", full-width letters, the "ﬁ" ligature.
/// </summary>
public class KeystorePasswordNormalisationTests
{
    private static readonly JObject[] Vectors = LoadVectors();

    private static JObject[] LoadVectors()
    {
        var vectors = JObject.Parse(EmbeddedTestData.ReadText("keystore-password-vectors.json"))["vectors"]!.Cast<JObject>().ToArray();
        Assert.Equal(4, vectors.Length);
        return vectors;
    }

    public static TheoryData<int> EthersVectors => IndexesOf("ethers");
    public static TheoryData<int> CastVectors => IndexesOf("cast");

    private static TheoryData<int> IndexesOf(string tool)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Vectors.Length; i++) if ((string)Vectors[i]["tool"]! == tool) data.Add(i);
        return data;
    }

    private static byte[] Bytes(JObject v, string field) => Hex.Decode((string)v[field]!);

    private static void AssertOpensAsItsKey(JObject v, byte[] password)
    {
        using var key = Keystore.Decrypt(v["json"]!.ToString(), password);
        Assert.Equal(EthereumAddress.Parse((string)v["address"]!), key.Address);
        Assert.Equal(Hex.Decode((string)v["privateKey"]!), key.ExportPrivateKeyBytes());
    }

    [Theory, MemberData(nameof(EthersVectors))]
    public void Ethers_keystore_opens_with_the_password_as_typed_though_ethers_encrypted_its_NFKC_form(int index)
    {
        var v = Vectors[index];
        Assert.NotEqual(Bytes(v, "passwordUtf8Hex"), Bytes(v, "passwordNfkcUtf8Hex"));
        AssertOpensAsItsKey(v, Bytes(v, "passwordUtf8Hex"));
        AssertOpensAsItsKey(v, Bytes(v, "passwordNfkcUtf8Hex"));
    }

    [Theory, MemberData(nameof(CastVectors))]
    public void Cast_keystore_opens_with_the_raw_password_bytes_and_not_with_their_NFKC_form(int index)
    {
        var v = Vectors[index];
        AssertOpensAsItsKey(v, Bytes(v, "passwordUtf8Hex"));
        // Normalising first (as ethers does) would lock out every geth/cast user with such a password.
        var ex = Assert.Throws<KeystoreAuthenticationException>(() => Keystore.Decrypt(v["json"]!.ToString(), Bytes(v, "passwordNfkcUtf8Hex")));
        Assert.DoesNotContain("caf", ex.Message);
    }

    [Fact]
    public void A_wrong_non_ascii_password_fails_after_both_forms_without_naming_either()
    {
        var v = Vectors[0];
        string wrong = "cafe\u0301\uFB01"; // NFKC changes it, so both forms are tried
        var ex = Assert.Throws<KeystoreAuthenticationException>(() => Keystore.Decrypt(v["json"]!.ToString(), Encoding.UTF8.GetBytes(wrong)));
        Assert.DoesNotContain(wrong, ex.Message);
        Assert.DoesNotContain(wrong.Normalize(NormalizationForm.FormKC), ex.Message);
        Assert.DoesNotContain("caf", ex.Message);
    }

    [Fact]
    public void Nfkc_variant_is_offered_only_when_normalising_changes_valid_utf8()
    {
        foreach (var v in Vectors)
            Assert.Equal(Bytes(v, "passwordNfkcUtf8Hex"), PasswordBytes.NfkcVariant(Bytes(v, "passwordUtf8Hex")));
        Assert.Null(PasswordBytes.NfkcVariant(Encoding.UTF8.GetBytes("correct horse")));   // ASCII: never changes
        Assert.Null(PasswordBytes.NfkcVariant(Encoding.UTF8.GetBytes("p\u00E4ssw\u00F6rd-密码-🔑"))); // already NFKC
        Assert.Null(PasswordBytes.NfkcVariant(new byte[] { 0x63, 0xC3 }));                  // not UTF-8
        Assert.Null(PasswordBytes.NfkcVariant(Array.Empty<byte>()));
    }
}
