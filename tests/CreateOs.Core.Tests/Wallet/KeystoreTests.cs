using System.Text;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Wallet;

public class KeystoreTests
{
    private const string AnvilKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static readonly byte[] Password = Encoding.UTF8.GetBytes("correct horse");

    private static JObject LightKeystore()
    {
        using var key = EthereumKey.FromHex(AnvilKey);
        return JObject.Parse(Keystore.Encrypt(key, Password, new KeystoreEncryptionOptions { ScryptN = 16, ScryptR = 8, ScryptP = 1 }));
    }

    [Fact]
    public void Round_trip_with_random_salt_iv_and_uuid()
    {
        using var key = EthereumKey.Generate();
        string json = Keystore.Encrypt(key, Password, new KeystoreEncryptionOptions { ScryptN = 1024, ScryptR = 8, ScryptP = 1 });
        var doc = JObject.Parse(json);
        Assert.Equal(3, (int)doc["version"]!);
        Assert.NotNull(doc["crypto"]);
        Assert.Null(doc["Crypto"]?.Parent?.Parent == doc ? null : null);
        Assert.Equal(key.Address.ToLowerHexString(false), (string)doc["address"]!);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)doc["id"]!);
        Assert.Equal(64, ((string)doc["crypto"]!["kdfparams"]!["salt"]!).Length);
        Assert.Equal(32, ((string)doc["crypto"]!["cipherparams"]!["iv"]!).Length);
        Assert.DoesNotContain(Hex.Encode(key.ExportPrivateKeyBytes(), false), json);
        using var back = Keystore.Decrypt(json, Password);
        Assert.Equal(key.Address, back.Address);
        Assert.True(Keystore.LooksLikeKeystore(json));
    }

    [Fact]
    public void Pbkdf2_and_light_options_round_trip()
    {
        using var key = EthereumKey.FromHex(AnvilKey);
        string pbkdf2 = Keystore.Encrypt(key, Password, new KeystoreEncryptionOptions { Kdf = KeystoreKdf.Pbkdf2Sha256, Pbkdf2Iterations = 1000 });
        using (var back = Keystore.Decrypt(pbkdf2, Password)) Assert.Equal(key.Address, back.Address);
        var light = KeystoreEncryptionOptions.Light;
        Assert.Equal((4096, 8, 6), (light.ScryptN, light.ScryptR, light.ScryptP));
        var standard = KeystoreEncryptionOptions.Standard;
        Assert.Equal((262144, 8, 1), (standard.ScryptN, standard.ScryptR, standard.ScryptP));
    }

    [Fact]
    public void Wrong_password_is_an_authentication_error()
    {
        var ex = Assert.Throws<KeystoreAuthenticationException>(() => Keystore.Decrypt(LightKeystore().ToString(), Encoding.UTF8.GetBytes("wrong")));
        Assert.Contains("MAC mismatch", ex.Message);
        Assert.DoesNotContain("wrong", ex.Message.Replace("wrong password", ""));
    }

    [Theory]
    [InlineData("crypto.kdfparams.n", 3)]
    [InlineData("crypto.kdfparams.n", 1)]
    [InlineData("crypto.kdfparams.n", 1 << 21)]
    [InlineData("crypto.kdfparams.n", 1L << 40)]
    [InlineData("crypto.kdfparams.r", 0)]
    [InlineData("crypto.kdfparams.r", 1024)]
    [InlineData("crypto.kdfparams.p", 0)]
    [InlineData("crypto.kdfparams.p", 100000)]
    [InlineData("crypto.kdfparams.dklen", 16)]
    [InlineData("crypto.kdfparams.dklen", 100000)]
    public void Malicious_scrypt_parameters_are_rejected_before_allocating(string field, long value)
    {
        var doc = LightKeystore();
        string name = field.Substring(field.LastIndexOf('.') + 1);
        doc["crypto"]!["kdfparams"]![name] = value;
        var ex = Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt(doc.ToString(), Password));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Memory_bound_combination_is_rejected()
    {
        var doc = LightKeystore();
        doc["crypto"]!["kdfparams"]!["n"] = 1 << 20;
        doc["crypto"]!["kdfparams"]!["r"] = 16; // 2 GiB
        var ex = Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt(doc.ToString(), Password));
        Assert.Equal("crypto.kdfparams", ex.Field);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("crypto.cipher")]
    [InlineData("crypto.cipherparams.iv")]
    [InlineData("crypto.ciphertext")]
    [InlineData("crypto.mac")]
    [InlineData("crypto.kdf")]
    [InlineData("crypto.kdfparams.salt")]
    public void Corrupt_fields_are_named(string field)
    {
        var doc = LightKeystore();
        switch (field)
        {
            case "version": doc["version"] = 1; break;
            case "crypto.cipher": doc["crypto"]!["cipher"] = "aes-128-cbc"; break;
            case "crypto.cipherparams.iv": doc["crypto"]!["cipherparams"]!["iv"] = "00"; break;
            case "crypto.ciphertext": doc["crypto"]!["ciphertext"] = "zz"; break;
            case "crypto.mac": doc["crypto"]!["mac"] = "abcd"; break;
            case "crypto.kdf": doc["crypto"]!["kdf"] = "argon2"; break;
            case "crypto.kdfparams.salt": ((JObject)doc["crypto"]!["kdfparams"]!).Remove("salt"); break;
        }
        var ex = Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt(doc.ToString(), Password));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Capitalised_crypto_and_prefixed_address_are_accepted_and_address_is_checked()
    {
        var doc = LightKeystore();
        var crypto = doc["crypto"]!;
        doc.Remove("crypto");
        doc["Crypto"] = crypto;
        doc["address"] = "0x" + (string)doc["address"]!;
        using (var key = Keystore.Decrypt(doc.ToString(), Password))
            Assert.Equal(EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), key.Address);

        doc["address"] = "70997970c51812dc3a010c7d01b50e0d17dc79c8";
        var ex = Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt(doc.ToString(), Password));
        Assert.Equal("address", ex.Field);

        doc.Remove("address");
        using (Keystore.Decrypt(doc.ToString(), Password)) { }
    }

    [Fact]
    public void Not_json_is_a_format_error()
    {
        Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt("not json", Password));
        Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt("[1,2]", Password));
    }

    [Fact]
    public void Keystore_detector()
    {
        string json = LightKeystore().ToString();
        Assert.True(Keystore.LooksLikeKeystore(json));
        string path = Path.Combine(Path.GetTempPath(), "ks-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, "\uFEFF" + json);
            Assert.True(Keystore.LooksLikeKeystore(path));
            File.WriteAllText(path, "{\"name\":\"package\",\"version\":\"1.0.0\"}");
            Assert.False(Keystore.LooksLikeKeystore(path));
        }
        finally { File.Delete(path); }
        Assert.False(Keystore.LooksLikeKeystore("{\"version\":3,\"crypto\":{\"cipher\":\"aes-128-ctr\"}}"));
        Assert.True(Keystore.LooksLikeKeystore("{\"version\":3,\"Crypto\":{\"ciphertext\":\"00\",\"kdf\":\"scrypt\"}}"));
        Assert.False(Keystore.LooksLikeKeystore("{broken"));
        Assert.False(Keystore.LooksLikeKeystore("/no/such/file.json"));
        Assert.False(Keystore.LooksLikeKeystore(""));
    }

    [Fact]
    public void Unbounded_scrypt_matches_bouncycastle_where_both_work()
    {
        byte[] salt = Hex.Decode("ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19");
        foreach (var (n, r, p) in new[] { (1024, 1, 8), (512, 8, 3), (2, 8, 16), (4096, 2, 1) })
            Assert.Equal(
                Org.BouncyCastle.Crypto.Generators.SCrypt.Generate(Password, salt, n, r, p, 32),
                Scrypt.DeriveKeyUnbounded(Password, salt, n, r, p, 32));
    }
}

public class PasswordBytesTests
{
    [Fact]
    public void SecureString_becomes_utf8()
    {
        using var secure = new System.Security.SecureString();
        foreach (char c in "pässwörd-密码-🔑") secure.AppendChar(c);
        Assert.Equal("0x70c3a4737377c3b672642de5af86e7a0812df09f9491", Hex.Encode(PasswordBytes.FromSecureString(secure)));
    }
}

public class Pbkdf2Tests
{
    [Fact]
    public void Platform_and_portable_pbkdf2_agree()
    {
        byte[] password = Encoding.UTF8.GetBytes("testpassword");
        byte[] salt = Hex.Decode("ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd");
        foreach (int iterations in new[] { 1, 2, 1000, 1024, 5000 })
            foreach (int length in new[] { 32, 64, 1024 })
                Assert.Equal(Pbkdf2.DeriveSha256Portable(password, salt, iterations, length), Pbkdf2.DeriveSha256(password, salt, iterations, length));
    }
}
