using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Recognises Ethereum keystore files by content: a JSON object whose <c>crypto</c> (any case, e.g. geth's <c>Crypto</c>)
    /// object has both <c>ciphertext</c> and <c>kdf</c>. Version 3 is the standard, but any version is treated as a keystore:
    /// a false positive costs one excluded file, a false negative leaks a wallet.
    /// </summary>
    public static class EthereumKeystoreSniffer
    {
        /// <summary>Keystores are well under 1 KB; larger JSON files are not read.</summary>
        public const int MaxSniffBytes = 64 * 1024;

        /// <summary>Whether a file of this name and size should be sniffed: *.json and extensionless files up to <see cref="MaxSniffBytes"/>.</summary>
        public static bool ShouldSniff(string name, long size)
        {
            if (size <= 0 || size > MaxSniffBytes) return false;
            var extension = Path.GetExtension(name);
            return extension.Length == 0 || string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase);
        }

        public static bool IsKeystoreFile(string fullPath)
        {
            byte[] bytes;
            using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096))
            {
                var length = (int)Math.Min(stream.Length, MaxSniffBytes);
                bytes = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = stream.Read(bytes, read, length - read);
                    if (n == 0) break;
                    read += n;
                }

                if (read < length) Array.Resize(ref bytes, read);
            }

            return IsKeystoreContent(bytes);
        }

        public static bool IsKeystoreContent(byte[] content)
        {
            if (!StartsLikeJson(content)) return false;
            try
            {
                using (var reader = new JsonTextReader(new StreamReader(new MemoryStream(content), Encoding.UTF8, true)))
                {
                    reader.DateParseHandling = DateParseHandling.None;
                    reader.MaxDepth = 16;
                    var root = JToken.ReadFrom(reader);
                    if (root is JArray wallets)
                    {
                        foreach (var wallet in wallets)
                        {
                            if (IsKeystoreObject(wallet)) return true;
                        }

                        return false;
                    }

                    return IsKeystoreObject(root);
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static bool IsKeystoreObject(JToken token)
        {
            if (!(token is JObject root)) return false;
            if (!(root.GetValue("crypto", StringComparison.OrdinalIgnoreCase) is JObject crypto)) return false;
            return crypto.GetValue("ciphertext", StringComparison.OrdinalIgnoreCase) != null
                && crypto.GetValue("kdf", StringComparison.OrdinalIgnoreCase) != null;
        }

        private static bool StartsLikeJson(byte[] content)
        {
            var i = 0;
            if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF) i = 3;
            for (; i < content.Length; i++)
            {
                var b = content[i];
                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n') continue;
                return b == (byte)'{' || b == (byte)'[';
            }

            return false;
        }
    }
}
