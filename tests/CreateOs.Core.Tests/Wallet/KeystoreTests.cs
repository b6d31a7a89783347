using System.Text;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Wallet;

public class KeystoreTests
{
    private const string AnvilKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static readonly byte[] Password = Encoding.UTF8.GetBytes("correct horse");

    private static readonly EthereumAddress AnvilAddress = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    private static JObject LightKeystore(KeystoreKdf kdf = KeystoreKdf.Scrypt)
    {
        using var key = EthereumKey.FromHex(AnvilKey);
        return JObject.Parse(Keystore.Encrypt(key, Password,
            new KeystoreEncryptionOptions { Kdf = kdf, ScryptN = 16, ScryptR = 8, ScryptP = 1, Pbkdf2Iterations = 16 }));
    }

    private static void UpdateHexFields(JObject doc, Func<string, string> change)
    {
        var crypto = doc["crypto"]!;
        crypto["ciphertext"] = change((string)crypto["ciphertext"]!);
        crypto["mac"] = change((string)crypto["mac"]!);
        crypto["cipherparams"]!["iv"] = change((string)crypto["cipherparams"]!["iv"]!);
        crypto["kdfparams"]!["salt"] = change((string)crypto["kdfparams"]!["salt"]!);
    }

    // Spellings seen from geth, cast, ethers, web3.py, MyEtherWallet/MyCrypto and hand-edited files.
    [Theory]
    [InlineData("uppercase hex")]
    [InlineData("0x-prefixed hex")]
    [InlineData("checksummed 0x address")]
    [InlineData("uppercase address")]
    [InlineData("no id and no address")]
    [InlineData("version as the string \"3\"")]
    [InlineData("unknown fields")]
    [InlineData("uppercase kdf and cipher names")]
    [InlineData("pbkdf2 hmac-sha256, dklen 64")]
    [InlineData("byte order mark, CRLF, trailing blank lines")]
    [InlineData("minified")]
    public void Field_spellings_real_tools_write_open_as_the_same_wallet(string variant)
    {
        var doc = LightKeystore(variant.StartsWith("pbkdf2", StringComparison.Ordinal) ? KeystoreKdf.Pbkdf2Sha256 : KeystoreKdf.Scrypt);
        string json = doc.ToString();
        switch (variant)
        {
            case "uppercase hex": UpdateHexFields(doc, h => h.ToUpperInvariant()); break;
            case "0x-prefixed hex": UpdateHexFields(doc, h => "0x" + h); break;
            case "checksummed 0x address": doc["address"] = AnvilAddress.ToString(); break;
            case "uppercase address": doc["address"] = "0x" + ((string)doc["address"]!).ToUpperInvariant(); break;
            case "no id and no address": doc.Remove("id"); doc.Remove("address"); break;
            case "version as the string \"3\"": doc["version"] = "3"; break; // ethers reads parseInt(version)
            case "unknown fields":
                doc["x-ethers"] = new JObject { ["client"] = "ethers.js", ["path"] = "m/44'/60'/0'/0/0" };
                doc["crypto"]!["version"] = 1;
                doc["crypto"]!["kdfparams"]!["comment"] = "extra";
                break;
            case "uppercase kdf and cipher names": doc["crypto"]!["kdf"] = "SCRYPT"; doc["crypto"]!["cipher"] = "AES-128-CTR"; break;
            case "pbkdf2 hmac-sha256, dklen 64": doc["crypto"]!["kdfparams"]!["dklen"] = 64; break; // only the first 32 bytes are used
            case "byte order mark, CRLF, trailing blank lines": json = "\uFEFF" + json.Replace("\n", "\r\n") + "\r\n\r\n"; break;
            case "minified": json = doc.ToString(Newtonsoft.Json.Formatting.None); break;
        }
        if (!variant.StartsWith("byte order", StringComparison.Ordinal) && variant != "minified") json = doc.ToString();
        using var key = Keystore.Decrypt(json, Password);
        Assert.Equal(AnvilAddress, key.Address);
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
    [InlineData("crypto.kdfparams.n", 0)]
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

        doc["crypto"]!["kdfparams"]!["r"] = 1;
        doc["crypto"]!["kdfparams"]!["p"] = 64; // 128 MiB a lane, but n·r·p = 2^26: minutes of work
        ex = Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt(doc.ToString(), Password));
        Assert.Equal("crypto.kdfparams", ex.Field);
        Assert.Contains("too much work", ex.Message);
    }

    [Theory]
    [InlineData("version", "1")]
    [InlineData("version", "the string 3.0")]
    [InlineData("crypto.cipher", "aes-128-cbc")]
    [InlineData("crypto.cipherparams.iv", "1 byte")]
    [InlineData("crypto.cipherparams.iv", "17 bytes")]
    [InlineData("crypto.ciphertext", "not hex")]
    [InlineData("crypto.ciphertext", "33 bytes")]
    [InlineData("crypto.mac", "2 bytes")]
    [InlineData("crypto.mac", "33 bytes")]
    [InlineData("crypto.kdf", "argon2")]
    [InlineData("crypto.kdfparams.salt", "missing")]
    [InlineData("crypto.kdfparams.salt", "empty")]
    [InlineData("crypto.kdfparams.prf", "hmac-sha512")]
    [InlineData("crypto", "both crypto and Crypto")]
    [InlineData("address", "mixed case with a wrong checksum")]
    [InlineData("address", "a number")]
    public void Corrupt_fields_are_named(string field, string corruption)
    {
        var doc = LightKeystore(corruption == "hmac-sha512" ? KeystoreKdf.Pbkdf2Sha256 : KeystoreKdf.Scrypt);
        var crypto = doc["crypto"]!;
        switch (corruption)
        {
            case "1": doc["version"] = 1; break;
            case "the string 3.0": doc["version"] = "3.0"; break;
            case "aes-128-cbc": crypto["cipher"] = "aes-128-cbc"; break;
            case "1 byte": crypto["cipherparams"]!["iv"] = "00"; break;
            case "17 bytes": crypto["cipherparams"]!["iv"] = new string('0', 34); break;
            case "not hex": crypto["ciphertext"] = "zz"; break;
            case "33 bytes": crypto[field.Substring("crypto.".Length)] = new string('a', 66); break;
            case "2 bytes": crypto["mac"] = "abcd"; break;
            case "argon2": crypto["kdf"] = "argon2"; break;
            case "missing": ((JObject)crypto["kdfparams"]!).Remove("salt"); break;
            case "empty": crypto["kdfparams"]!["salt"] = ""; break;
            case "hmac-sha512": crypto["kdfparams"]!["prf"] = "hmac-sha512"; break;
            case "both crypto and Crypto": doc["Crypto"] = crypto.DeepClone(); break; // ethers reads the first, geth the last
            case "mixed case with a wrong checksum": doc["address"] = "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; break;
            case "a number": doc["address"] = 5; break;
        }
        var ex = Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt(doc.ToString(), Password));
        Assert.Equal(field, ex.Field);
        Assert.DoesNotContain("correct horse", ex.Message);
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
        // The user believes they pay from the declared account: both are named so they can tell which file is wrong.
        Assert.Contains("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", ex.Message);
        Assert.Contains(AnvilAddress.ToString(), ex.Message);

        doc.Remove("address");
        using (Keystore.Decrypt(doc.ToString(), Password)) { }
    }

    [Fact]
    public void Not_json_is_a_format_error()
    {
        Assert.Contains("is not valid JSON (line ", Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt("not json", Password)).Message);
        Assert.Contains("is not a JSON object", Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt("[1,2]", Password)).Message);
        // A number no decimal holds is named by its place, not reported as "not a JSON object"; the value is not quoted.
        string huge = LightKeystore().ToString(Newtonsoft.Json.Formatting.None).Replace("\"n\":16", "\"n\":1e300");
        var ex = Assert.Throws<KeystoreFormatException>(() => Keystore.Decrypt(huge, Password));
        Assert.Equal("$", ex.Field);
        Assert.Contains("crypto.kdfparams.n", ex.Message);
        Assert.DoesNotContain("1e300", ex.Message);
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
