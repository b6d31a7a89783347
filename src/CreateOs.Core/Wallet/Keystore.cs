using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// Web3 Secret Storage v3 keystore files (geth, cast, ethers, web3.py, MyCrypto): scrypt or pbkdf2-hmac-sha256,
    /// aes-128-ctr, Keccak-256 MAC. Passwords are UTF-8 bytes; the caller owns and zeroes them. Decrypt tries them raw (as geth,
    /// cast and web3.py encrypt), then their NFKC form (as ethers v6 encrypts); Encrypt uses them raw.
    /// </summary>
    public static class Keystore
    {
        private const int MaxPbkdf2Iterations = 10_000_000;

        /// <summary>Decrypts a keystore JSON document.</summary>
        /// <exception cref="KeystoreAuthenticationException">Wrong password (MAC mismatch).</exception>
        /// <exception cref="KeystoreFormatException">Malformed, unsupported, or unsafe parameters (checked before any KDF work).</exception>
        public static EthereumKey Decrypt(string keystoreJson, byte[] password)
        {
            if (keystoreJson is null) throw new ArgumentNullException(nameof(keystoreJson));
            if (password is null) throw new ArgumentNullException(nameof(password));

            JObject root = ParseObject(keystoreJson, out string? problem) ?? throw new KeystoreFormatException("$", problem!);
            var parsed = KeystoreDocument.Read(root);

            byte[] derivedKey = Array.Empty<byte>();
            byte[] plaintext = Array.Empty<byte>();
            byte[] privateKey = Array.Empty<byte>();
            try
            {
                derivedKey = DeriveKey(parsed, password);
                if (!MacMatches(derivedKey, parsed))
                {
                    // ethers encrypts with NFKC(password), geth/cast/web3.py with the raw bytes: the raw bytes first, then,
                    // only when they fail and normalising changes them, the NFKC bytes. The MAC decides either way.
                    Array.Clear(derivedKey, 0, derivedKey.Length);
                    byte[]? normalized = PasswordBytes.NfkcVariant(password);
                    if (normalized is null) throw new KeystoreAuthenticationException();
                    try { derivedKey = DeriveKey(parsed, normalized); }
                    finally { Array.Clear(normalized, 0, normalized.Length); }
                    if (!MacMatches(derivedKey, parsed)) throw new KeystoreAuthenticationException();
                }

                plaintext = AesCtr(derivedKey, parsed.Iv, parsed.Ciphertext);
                privateKey = BigEndian.LeftPad(plaintext, 32); // geth/cast read short keys as big-endian integers
                if (!EthereumKey.IsValidPrivateKey(privateKey))
                    throw new KeystoreFormatException("crypto.ciphertext", "decrypts to a value that is not a valid private key");

                var key = EthereumKey.FromPrivateKey(privateKey);
                if (parsed.Address.HasValue && parsed.Address.Value != key.Address)
                {
                    var decrypted = key.Address;
                    key.Dispose();
                    throw new KeystoreFormatException("address",
                        $"the file says {parsed.Address.Value} but its key is the wallet {decrypted}; it was altered or pieced together from two wallets, so it was refused rather than pay from an account you did not expect");
                }
                return key;
            }
            finally
            {
                Array.Clear(derivedKey, 0, derivedKey.Length);
                Array.Clear(plaintext, 0, plaintext.Length);
                Array.Clear(privateKey, 0, privateKey.Length);
            }
        }

        public static EthereumKey DecryptFile(string path, byte[] password)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            return Decrypt(KeystoreFile.ReadText(path), password);
        }

        /// <summary>Encrypts a key as a version-3 keystore (lowercase hex, lowercase "crypto", address without 0x).</summary>
        public static string Encrypt(EthereumKey key, byte[] password, KeystoreEncryptionOptions? options = null)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (password is null) throw new ArgumentNullException(nameof(password));
            options ??= KeystoreEncryptionOptions.Standard;

            var random = new SecureRandom();
            byte[] salt = options.Salt ?? RandomBytes(random, 32);
            byte[] iv = options.Iv ?? RandomBytes(random, 16);
            if (iv.Length != 16) throw new ArgumentException("The IV must be 16 bytes.", nameof(options));
            if (salt.Length < 16 || salt.Length > 1024) throw new ArgumentException("The salt must be 16 to 1024 bytes.", nameof(options));
            string id = options.Id ?? NewUuidV4(random);

            JObject kdfParams;
            string kdfName;
            byte[] derivedKey = Array.Empty<byte>();
            byte[] privateKey = Array.Empty<byte>();
            try
            {
                if (options.Kdf == KeystoreKdf.Scrypt)
                {
                    string? problem = Scrypt.ValidateParameters(options.ScryptN, options.ScryptR, options.ScryptP, 32);
                    if (problem != null) throw new ArgumentException("Invalid scrypt parameters: " + problem, nameof(options));
                    derivedKey = Scrypt.DeriveKey(password, salt, options.ScryptN, options.ScryptR, options.ScryptP, 32);
                    kdfName = "scrypt";
                    kdfParams = new JObject
                    {
                        ["dklen"] = 32, ["n"] = options.ScryptN, ["p"] = options.ScryptP, ["r"] = options.ScryptR,
                        ["salt"] = Hex.Encode(salt, false),
                    };
                }
                else
                {
                    if (options.Pbkdf2Iterations < 1 || options.Pbkdf2Iterations > MaxPbkdf2Iterations)
                        throw new ArgumentException("Invalid pbkdf2 iteration count.", nameof(options));
                    derivedKey = Scrypt.Pbkdf2Sha256(password, salt, options.Pbkdf2Iterations, 32);
                    kdfName = "pbkdf2";
                    kdfParams = new JObject
                    {
                        ["c"] = options.Pbkdf2Iterations, ["dklen"] = 32, ["prf"] = "hmac-sha256",
                        ["salt"] = Hex.Encode(salt, false),
                    };
                }

                privateKey = key.ExportPrivateKeyBytes();
                byte[] ciphertext = AesCtr(derivedKey, iv, privateKey);
                byte[] mac = ComputeMac(derivedKey, ciphertext);

                var document = new JObject
                {
                    ["address"] = key.Address.ToLowerHexString(withPrefix: false),
                    ["crypto"] = new JObject
                    {
                        ["cipher"] = "aes-128-ctr",
                        ["cipherparams"] = new JObject { ["iv"] = Hex.Encode(iv, false) },
                        ["ciphertext"] = Hex.Encode(ciphertext, false),
                        ["kdf"] = kdfName,
                        ["kdfparams"] = kdfParams,
                        ["mac"] = Hex.Encode(mac, false),
                    },
                    ["id"] = id,
                    ["version"] = 3,
                };
                return document.ToString(Formatting.Indented);
            }
            finally
            {
                Array.Clear(derivedKey, 0, derivedKey.Length);
                Array.Clear(privateKey, 0, privateKey.Length);
            }
        }

        /// <summary>
        /// True when the text (or the file it names) is a JSON object with a "crypto"/"Crypto" object holding
        /// "ciphertext" and "kdf" (any keystore version: better to over-detect a wallet than to upload one). Never throws.
        /// </summary>
        public static bool LooksLikeKeystore(string jsonOrPath)
        {
            try
            {
                if (string.IsNullOrWhiteSpace(jsonOrPath)) return false;
                string text = jsonOrPath;
                if (!jsonOrPath.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith("{", StringComparison.Ordinal))
                {
                    text = KeystoreFile.ReadText(jsonOrPath);
                }
                JObject? root = ParseObject(text);
                if (root is null) return false;
                if (!(GetProperty(root, "crypto") is JObject crypto)) return false;
                return GetProperty(crypto, "ciphertext") != null && GetProperty(crypto, "kdf") != null;
            }
            catch (Exception)
            {
                return false;
            }
        }

        internal static JObject? ParseObject(string json) => ParseObject(json, out _);

        private static JObject? ParseObject(string json, out string? problem)
        {
            problem = null;
            try
            {
                using var reader = new JsonTextReader(new StringReader(json.TrimStart('\uFEFF')))
                {
                    DateParseHandling = DateParseHandling.None,
                    FloatParseHandling = FloatParseHandling.Decimal,
                    MaxDepth = 32,
                };
                var token = JToken.ReadFrom(reader);
                if (reader.Read() && reader.TokenType != JsonToken.Comment)
                {
                    problem = "has content after the JSON object";
                    return null;
                }
                if (!(token is JObject)) problem = "is not a JSON object";
                return token as JObject;
            }
            catch (JsonReaderException e)
            {
                // Position only: Newtonsoft's own message may quote a value from the file.
                problem = $"is not valid JSON (line {e.LineNumber}, position {e.LinePosition}, at '{e.Path}')";
                return null;
            }
            catch (JsonException)
            {
                problem = "is not valid JSON";
                return null;
            }
        }

        internal static JToken? GetProperty(JObject obj, string name) =>
            obj.GetValue(name, StringComparison.OrdinalIgnoreCase);

        private static byte[] DeriveKey(KeystoreDocument parsed, byte[] password) =>
            parsed.Kdf == KeystoreKdf.Scrypt
                ? Scrypt.DeriveKey(password, parsed.Salt, parsed.ScryptN, parsed.ScryptR, parsed.ScryptP, parsed.DkLen)
                : Scrypt.Pbkdf2Sha256(password, parsed.Salt, parsed.Pbkdf2Iterations, parsed.DkLen);

        private static bool MacMatches(byte[] derivedKey, KeystoreDocument parsed) =>
            FixedTimeEquals(ComputeMac(derivedKey, parsed.Ciphertext), parsed.Mac);

        // MAC = keccak256(DK[16..32] ‖ ciphertext)
        private static byte[] ComputeMac(byte[] derivedKey, byte[] ciphertext)
        {
            var macKey = new byte[16];
            Buffer.BlockCopy(derivedKey, 16, macKey, 0, 16);
            try { return Keccak256.Hash(macKey, ciphertext); }
            finally { Array.Clear(macKey, 0, macKey.Length); }
        }

        // AES-128-CTR with key DK[0..16]; the IV is the full 128-bit big-endian counter (SIC mode, wraps at 2^128).
        // The engine is built directly: CipherUtilities' name registry costs tens of ms of start-up in a fresh process.
        private static byte[] AesCtr(byte[] derivedKey, byte[] iv, byte[] input)
        {
            var aesKey = new byte[16];
            Buffer.BlockCopy(derivedKey, 0, aesKey, 0, 16);
            try
            {
                var cipher = new BufferedBlockCipher(new SicBlockCipher(AesUtilities.CreateEngine()));
                cipher.Init(false, new ParametersWithIV(new KeyParameter(aesKey), iv));
                return cipher.DoFinal(input);
            }
            finally { Array.Clear(aesKey, 0, aesKey.Length); }
        }

        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            int difference = 0;
            for (int i = 0; i < a.Length; i++) difference |= a[i] ^ b[i];
            return difference == 0;
        }

        private static byte[] RandomBytes(SecureRandom random, int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        private static string NewUuidV4(SecureRandom random)
        {
            byte[] b = RandomBytes(random, 16);
            b[6] = (byte)((b[6] & 0x0F) | 0x40);
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            string h = Hex.Encode(b, false);
            return string.Concat(h.Substring(0, 8), "-", h.Substring(8, 4), "-", h.Substring(12, 4), "-",
                h.Substring(16, 4), "-", h.Substring(20, 12));
        }

        /// <summary>The validated fields of a keystore; all checks happen here, before any expensive work.</summary>
        private sealed class KeystoreDocument
        {
            public KeystoreKdf Kdf;
            public int ScryptN, ScryptR, ScryptP, Pbkdf2Iterations, DkLen;
            public byte[] Salt = Array.Empty<byte>();
            public byte[] Iv = Array.Empty<byte>();
            public byte[] Ciphertext = Array.Empty<byte>();
            public byte[] Mac = Array.Empty<byte>();
            public EthereumAddress? Address;

            public static KeystoreDocument Read(JObject root)
            {
                var doc = new KeystoreDocument();

                long version = ReadInteger(root, "version", "version", required: true);
                if (version != 3) throw new KeystoreFormatException("version", "only version 3 is supported");

                if (!(Property(root, "crypto", "crypto") is JObject crypto))
                    throw new KeystoreFormatException("crypto", "missing or not an object");

                string cipher = ReadString(crypto, "cipher", "crypto.cipher");
                if (!string.Equals(cipher, "aes-128-ctr", StringComparison.OrdinalIgnoreCase))
                    throw new KeystoreFormatException("crypto.cipher", "only aes-128-ctr is supported");

                if (!(Property(crypto, "cipherparams", "crypto.cipherparams") is JObject cipherParams))
                    throw new KeystoreFormatException("crypto.cipherparams", "missing or not an object");
                doc.Iv = ReadHex(cipherParams, "iv", "crypto.cipherparams.iv");
                if (doc.Iv.Length != 16) throw new KeystoreFormatException("crypto.cipherparams.iv", "must be 16 bytes");

                doc.Ciphertext = ReadHex(crypto, "ciphertext", "crypto.ciphertext");
                if (doc.Ciphertext.Length < 1 || doc.Ciphertext.Length > 32)
                    throw new KeystoreFormatException("crypto.ciphertext", "must be 1 to 32 bytes");

                doc.Mac = ReadHex(crypto, "mac", "crypto.mac");
                if (doc.Mac.Length != 32) throw new KeystoreFormatException("crypto.mac", "must be 32 bytes");

                string kdf = ReadString(crypto, "kdf", "crypto.kdf");
                if (!(Property(crypto, "kdfparams", "crypto.kdfparams") is JObject kdfParams))
                    throw new KeystoreFormatException("crypto.kdfparams", "missing or not an object");

                doc.DkLen = (int)ReadInteger(kdfParams, "dklen", "crypto.kdfparams.dklen", required: true, min: 32, max: 64);
                doc.Salt = ReadHex(kdfParams, "salt", "crypto.kdfparams.salt");
                if (doc.Salt.Length > 1024) throw new KeystoreFormatException("crypto.kdfparams.salt", "is too long");
                if (doc.Salt.Length == 0) throw new KeystoreFormatException("crypto.kdfparams.salt", "is empty; every wallet writes a random salt, so the file is damaged or was not written by a wallet");

                if (string.Equals(kdf, "scrypt", StringComparison.OrdinalIgnoreCase))
                {
                    doc.Kdf = KeystoreKdf.Scrypt;
                    long n = ReadInteger(kdfParams, "n", "crypto.kdfparams.n", required: true, min: 2, max: Scrypt.MaxN);
                    if ((n & (n - 1)) != 0) throw new KeystoreFormatException("crypto.kdfparams.n", "must be a power of two");
                    long r = ReadInteger(kdfParams, "r", "crypto.kdfparams.r", required: true, min: 1, max: Scrypt.MaxR);
                    long p = ReadInteger(kdfParams, "p", "crypto.kdfparams.p", required: true, min: 1, max: Scrypt.MaxP);
                    string? problem = Scrypt.ValidateParameters(n, r, p, doc.DkLen);
                    if (problem != null) throw new KeystoreFormatException("crypto.kdfparams", problem);
                    doc.ScryptN = (int)n; doc.ScryptR = (int)r; doc.ScryptP = (int)p;
                }
                else if (string.Equals(kdf, "pbkdf2", StringComparison.OrdinalIgnoreCase))
                {
                    doc.Kdf = KeystoreKdf.Pbkdf2Sha256;
                    string prf = ReadString(kdfParams, "prf", "crypto.kdfparams.prf");
                    if (!string.Equals(prf, "hmac-sha256", StringComparison.OrdinalIgnoreCase))
                        throw new KeystoreFormatException("crypto.kdfparams.prf", "only hmac-sha256 is supported");
                    doc.Pbkdf2Iterations = (int)ReadInteger(kdfParams, "c", "crypto.kdfparams.c", required: true, min: 1, max: MaxPbkdf2Iterations);
                }
                else
                {
                    throw new KeystoreFormatException("crypto.kdf", "only scrypt and pbkdf2 are supported");
                }

                JToken? address = Property(root, "address", "address");
                if (address != null && address.Type != JTokenType.Null)
                {
                    if (address.Type != JTokenType.String) throw new KeystoreFormatException("address", "is not a string");
                    try { doc.Address = EthereumAddress.Parse((string)address!); }
                    catch (FormatException e) { throw new KeystoreFormatException("address", e.Message); }
                }
                return doc;
            }

            // Real tools spell "crypto" either way; two spellings at once are ambiguous (ethers reads the first, geth the last).
            private static JToken? Property(JObject obj, string name, string field)
            {
                JToken? found = null;
                foreach (var property in obj.Properties())
                {
                    if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
                    if (found != null)
                        throw new KeystoreFormatException(field, "appears twice in different letter case; tools disagree on which one counts, so the file was refused");
                    found = property.Value;
                }
                return found;
            }

            private static string ReadString(JObject obj, string name, string field)
            {
                JToken? token = Property(obj, name, field);
                if (token is null || token.Type != JTokenType.String) throw new KeystoreFormatException(field, "missing or not a string");
                return (string)token!;
            }

            private static byte[] ReadHex(JObject obj, string name, string field)
            {
                string text = ReadString(obj, name, field);
                if (!Hex.TryDecode(text, out var bytes)) throw new KeystoreFormatException(field, "is not even-length hex");
                return bytes;
            }

            private static long ReadInteger(JObject obj, string name, string field, bool required, long min = long.MinValue, long max = long.MaxValue)
            {
                JToken? token = Property(obj, name, field);
                if (token is null || token.Type == JTokenType.Null)
                {
                    if (required) throw new KeystoreFormatException(field, "missing");
                    return 0;
                }
                long value;
                switch (token.Type)
                {
                    case JTokenType.Integer:
                        if (token is JValue jv && jv.Value is System.Numerics.BigInteger)
                            throw new KeystoreFormatException(field, "out of range");
                        value = token.Value<long>();
                        break;
                    case JTokenType.Float:
                        decimal d = token.Value<decimal>();
                        if (d != decimal.Truncate(d) || d < long.MinValue || d > long.MaxValue)
                            throw new KeystoreFormatException(field, "must be an integer");
                        value = (long)d;
                        break;
                    case JTokenType.String:
                        if (!long.TryParse((string?)token, NumberStyles.None, CultureInfo.InvariantCulture, out value))
                            throw new KeystoreFormatException(field, "must be an integer");
                        break;
                    default:
                        throw new KeystoreFormatException(field, "must be an integer");
                }
                if (value < min || value > max) throw new KeystoreFormatException(field, $"must be between {min} and {max}");
                return value;
            }
        }
    }
}
