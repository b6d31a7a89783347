using System.Text;
using CreateOs.Core.Wallet;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;
using Newtonsoft.Json.Linq;
using static CreateOs.Oracle.Tests.Nethereum.OracleCases;

namespace CreateOs.Oracle.Tests.Nethereum;

/// <summary>
/// Keystores each side writes, the other reads: with the same salt and IV both write the same ciphertext and MAC;
/// Nethereum decrypts ours and we decrypt Nethereum's. Random light KDF parameters keep this fast.
/// </summary>
public class KeystoreOracleTests
{
    [Fact]
    public void Keystores_with_light_random_kdf_parameters_are_written_alike_and_read_by_each_other() =>
        Run("keystore", PerPrimitive, random =>
        {
            var keyBytes = random.PrivateKey();
            var password = random.Chance(5) ? "" : random.Text(16);
            var salt = random.Bytes(32);
            var iv = random.Bytes(16);
            var options = new KeystoreEncryptionOptions { Salt = salt, Iv = iv, Id = Guid.NewGuid().ToString() };
            if (random.Chance(70))
            {
                options.ScryptN = 1 << random.Next(1, 5);
                options.ScryptR = random.Next(1, 3);
                options.ScryptP = random.Next(1, 3);
            }
            else
            {
                options.Kdf = KeystoreKdf.Pbkdf2Sha256;
                options.Pbkdf2Iterations = random.Next(1, 20);
            }
            KeystorePair(keyBytes, password, options).AssertReadByEachOther();
        });

    /// <summary>Both sides' keystores for one key, password and KDF setting (same salt and IV).</summary>
    internal static KeystorePair KeystorePair(byte[] keyBytes, string password, KeystoreEncryptionOptions options)
    {
        using var key = EthereumKey.FromPrivateKey(keyBytes);
        var ours = Keystore.Encrypt(key, Encoding.UTF8.GetBytes(password), options);
        var address = key.Address.ToLowerHexString();
        var random = new FixedRandomBytes(options.Salt!, options.Iv!);
        var theirs = options.Kdf == KeystoreKdf.Scrypt
            ? new KeyStoreScryptService(random).EncryptAndGenerateKeyStoreAsJson(password, keyBytes, address,
                new ScryptParams { Dklen = 32, N = options.ScryptN, R = options.ScryptR, P = options.ScryptP })
            : new KeyStorePbkdf2Service(random).EncryptAndGenerateKeyStoreAsJson(password, keyBytes, address,
                new Pbkdf2Params { Dklen = 32, Count = options.Pbkdf2Iterations, Prf = "hmac-sha256" });
        return new KeystorePair(keyBytes, password, ours, theirs);
    }

    /// <summary>Hands Nethereum the salt and IV we used, so both sides encrypt the same way.</summary>
    private sealed class FixedRandomBytes(byte[] salt, byte[] iv) : IRandomBytesGenerator
    {
        public byte[] GenerateRandomInitialisationVector() => (byte[])iv.Clone();

        public byte[] GenerateRandomSalt() => (byte[])salt.Clone();
    }
}

internal sealed record KeystorePair(byte[] KeyBytes, string Password, string Ours, string Theirs)
{
    public void AssertReadByEachOther()
    {
        Same("ciphertext", Field(Ours, "ciphertext"), Field(Theirs, "ciphertext"));
        Same("mac", Field(Ours, "mac"), Field(Theirs, "mac"));
        Same("Nethereum decrypts ours", KeyBytes, new KeyStoreService().DecryptKeyStoreFromJson(Password, Ours));
        using var decrypted = Keystore.Decrypt(Theirs, Encoding.UTF8.GetBytes(Password));
        Same("we decrypt Nethereum's", KeyBytes, decrypted.ExportPrivateKeyBytes());
    }

    private static string Field(string json, string name)
    {
        var root = JObject.Parse(json);
        return ((string)(root["crypto"] ?? root["Crypto"])![name]!).ToLowerInvariant();
    }
}

/// <summary>
/// Full-strength keystores: Nethereum's default scrypt (n=262144, r=1, p=8, which cast and ethers refuse) is read by us,
/// and our standard scrypt (n=262144, r=8, p=1) and pbkdf2 (c=262144) are read by Nethereum. About a second of KDF
/// each, so only these few (the randomized cases above prove the two sides write the same bytes).
/// </summary>
public class KeystoreDefaultParametersOracleTests
{
    [Fact]
    public void We_read_a_keystore_Nethereum_writes_with_its_default_scrypt_parameters()
    {
        var random = new CaseRandom(Seed, "keystore-default-scrypt", 0);
        var keyBytes = random.PrivateKey();
        var password = random.Text(12);
        var json = new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(password, keyBytes, new global::Nethereum.Signer.EthECKey(keyBytes, true).GetPublicAddress());
        var kdf = JObject.Parse(json)["crypto"]!["kdfparams"]!;
        Assert.Equal((262144, 1, 8), ((int)kdf["n"]!, (int)kdf["r"]!, (int)kdf["p"]!));
        using var key = Keystore.Decrypt(json, Encoding.UTF8.GetBytes(password));
        Same($"key (seed {Seed})", keyBytes, key.ExportPrivateKeyBytes());
    }

    [Theory]
    [InlineData(KeystoreKdf.Scrypt)]
    [InlineData(KeystoreKdf.Pbkdf2Sha256)]
    public void Nethereum_reads_a_keystore_we_write_with_our_default_parameters(KeystoreKdf kdf)
    {
        var random = new CaseRandom(Seed, "keystore-default-" + kdf, 0);
        var keyBytes = random.PrivateKey();
        var password = random.Text(12);
        using var key = EthereumKey.FromPrivateKey(keyBytes);
        var json = Keystore.Encrypt(key, Encoding.UTF8.GetBytes(password), new KeystoreEncryptionOptions { Kdf = kdf });
        var parameters = JObject.Parse(json)["crypto"]!["kdfparams"]!;
        Assert.Equal(262144, (int)(parameters["n"] ?? parameters["c"])!);
        Same($"key (seed {Seed})", keyBytes, new KeyStoreService().DecryptKeyStoreFromJson(password, json));
    }
}
