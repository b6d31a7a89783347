using System;

namespace CreateOs.Core.Wallet
{
    public enum KeystoreKdf
    {
        Scrypt,
        Pbkdf2Sha256,
    }

    /// <summary>
    /// How <see cref="Keystore.Encrypt"/> protects a key. Defaults are geth's standard scrypt (n=2^18, r=8, p=1).
    /// Salt, IV and id are random unless set (set them only in tests).
    /// </summary>
    public sealed class KeystoreEncryptionOptions
    {
        /// <summary>geth standard: scrypt n=262144, r=8, p=1 (about 256 MiB, under a second).</summary>
        public static KeystoreEncryptionOptions Standard => new KeystoreEncryptionOptions();

        /// <summary>geth light: scrypt n=4096, r=8, p=6 (fast, weaker against brute force).</summary>
        public static KeystoreEncryptionOptions Light => new KeystoreEncryptionOptions { ScryptN = 4096, ScryptR = 8, ScryptP = 6 };

        public KeystoreKdf Kdf { get; set; } = KeystoreKdf.Scrypt;
        public int ScryptN { get; set; } = 262144;
        public int ScryptR { get; set; } = 8;
        public int ScryptP { get; set; } = 1;
        public int Pbkdf2Iterations { get; set; } = 262144;

        /// <summary>KDF salt; 32 random bytes when null.</summary>
        public byte[]? Salt { get; set; }

        /// <summary>AES-128-CTR initial counter, 16 bytes; random when null.</summary>
        public byte[]? Iv { get; set; }

        /// <summary>The file's "id"; a random UUID v4 when null.</summary>
        public string? Id { get; set; }
    }
}
