using System.IO;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Recognises Ethereum keystores by content: any JSON text with a <c>crypto</c> object (any case, e.g. geth's
    /// <c>Crypto</c>) holding both <c>ciphertext</c> and <c>kdf</c>, at any nesting depth, in any file of any size and
    /// name. Version 3 is the standard, but any version counts: a false positive costs one excluded file, a false
    /// negative leaks a wallet.
    /// </summary>
    public static class EthereumKeystoreSniffer
    {
        public static bool IsKeystoreFile(string fullPath) =>
            SecretContentScanner.Scan(fullPath, "", new FileInfo(fullPath).Length)?.Rule == SecretFileRules.EthereumKeystore;

        public static bool IsKeystoreContent(byte[] content)
        {
            using var stream = new MemoryStream(content, writable: false);
            return SecretContentScanner.Scan(stream, "", content.Length)?.Rule == SecretFileRules.EthereumKeystore;
        }
    }
}
