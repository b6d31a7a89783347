using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Decides by content whether a file is a secret, whatever its name: a wallet keystore or embedded private key in a
    /// JSON text (any size, streamed, see <see cref="KeystoreJsonScanner"/>), a PEM/OpenSSH/PGP/PuTTY private key, a file
    /// that is one raw 32-byte hex key, or a package-manager config holding a token. Reads UTF-8 and UTF-16/32 (with or
    /// without a byte order mark), never more than the size the folder scan saw, in 16 KB steps; a file that does not
    /// start like one of these is read only up to its first non-blank character (after leading comments).
    /// </summary>
    internal static class SecretContentScanner
    {
        /// <summary>Package-manager config files are small; beyond this they are read no further (and judged on what was read).</summary>
        private const int MaxConfigChars = 1024 * 1024;

        private const int MaxRawKeyBytes = 256;
        private static readonly Regex RawHexKey = new Regex("^(0x)?[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant);

        public static SecretMatch? Scan(string fullPath, string name, long size)
        {
            if (size <= 0) return null; // FIFOs and devices report 0 and are never opened
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            return Scan(stream, name, size);
        }

        /// <summary>Scans the first <paramref name="size"/> bytes of a seekable stream positioned at its start.</summary>
        public static SecretMatch? Scan(Stream stream, string name, long size)
        {
            using var reader = new StreamReader(new BoundedStream(stream, size), DetectEncoding(stream), detectEncodingFromByteOrderMarks: true, 16 * 1024, leaveOpen: true);

            var configRule = SecretFileRules.ContentRuleFor(name);
            if (configRule != null) return ScanConfig(reader, configRule);

            var buffer = new char[16 * 1024];
            var comment = 0; // leading comments, as relaxed JSON may have: 1 after '/', 2 in //, 3 in /*, 4 in /* after '*'
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var c = buffer[i];
                    switch (comment)
                    {
                        case 1:
                            if (c != '/' && c != '*') return null;
                            comment = c == '/' ? 2 : 3;
                            continue;
                        case 2:
                            if (c == '\n' || c == '\r') comment = 0;
                            continue;
                        case 3:
                            if (c == '*') comment = 4;
                            continue;
                        case 4:
                            comment = c == '/' ? 0 : c == '*' ? 4 : 3;
                            continue;
                    }

                    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF') continue;
                    switch (c)
                    {
                        case '{':
                        case '[':
                            return ScanJson(reader, buffer, i, read);
                        case '/':
                            comment = 1;
                            continue;
                        case '-':
                            return ScanPem(reader, buffer, i, read);
                        case 'P':
                            return StartsWith(reader, buffer, i, read, "PuTTY-User-Key-File-") ? new SecretMatch(SecretFileRules.PrivateKeyContent, detail: "PuTTY key file") : null;
                        default:
                            return size <= MaxRawKeyBytes && IsHexDigitOrX(c) ? ScanRawKey(reader, buffer, i, read) : null;
                    }
                }
            }

            return null;
        }

        private static SecretMatch? ScanJson(StreamReader reader, char[] buffer, int start, int read)
        {
            var scanner = new KeystoreJsonScanner();
            do
            {
                for (var i = start; i < read; i++)
                {
                    scanner.Feed(buffer[i]);
                    if (scanner.Found != JsonSecret.None)
                        return new SecretMatch(scanner.Found == JsonSecret.Keystore ? SecretFileRules.EthereumKeystore : SecretFileRules.PrivateKeyInJson);
                }

                start = 0;
            }
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0);
            return null;
        }

        /// <summary>A PEM file (<c>-----BEGIN …</c>, or the SSH2 <c>---- BEGIN …</c>) is a secret when any of its blocks is a private key.</summary>
        private static SecretMatch? ScanPem(StreamReader reader, char[] buffer, int start, int read)
        {
            const string Marker = "PRIVATE KEY";
            var prefix = new StringBuilder();
            var matched = 0;
            do
            {
                for (var i = start; i < read; i++)
                {
                    var c = buffer[i];
                    if (prefix.Length < 10)
                    {
                        prefix.Append(c);
                        if (prefix.Length == 10 && prefix.ToString() != "-----BEGIN" && !prefix.ToString().StartsWith("---- BEGIN", StringComparison.Ordinal)) return null;
                    }

                    matched = c == Marker[matched] ? matched + 1 : (c == Marker[0] ? 1 : 0);
                    if (matched == Marker.Length) return new SecretMatch(SecretFileRules.PrivateKeyContent);
                }

                start = 0;
            }
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0);
            return null;
        }

        private static SecretMatch? ScanRawKey(StreamReader reader, char[] buffer, int start, int read)
        {
            var text = new StringBuilder().Append(buffer, start, read - start).Append(reader.ReadToEnd()).ToString().Trim();
            return RawHexKey.IsMatch(text) ? new SecretMatch(SecretFileRules.RawHexKey) : null;
        }

        private static SecretMatch? ScanConfig(StreamReader reader, SecretFileRules.ContentRule rule)
        {
            var buffer = new char[MaxConfigChars];
            var length = 0;
            int n;
            while (length < buffer.Length && (n = reader.Read(buffer, length, buffer.Length - length)) > 0) length += n;
            return rule.Pattern.IsMatch(new string(buffer, 0, length)) ? new SecretMatch(rule.Rule, detail: "it holds a credential setting") : null;
        }

        private static bool StartsWith(StreamReader reader, char[] buffer, int start, int read, string expected)
        {
            var text = new StringBuilder().Append(buffer, start, Math.Min(read - start, expected.Length));
            while (text.Length < expected.Length)
            {
                var next = reader.Read();
                if (next < 0) break;
                text.Append((char)next);
            }

            return text.ToString() == expected;
        }

        private static bool IsHexDigitOrX(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>UTF-16/32 without a byte order mark is recognised by its zero bytes around the first character; otherwise UTF-8.</summary>
        private static Encoding DetectEncoding(Stream stream)
        {
            var head = new byte[4];
            var length = 0;
            int n;
            while (length < head.Length && (n = stream.Read(head, length, head.Length - length)) > 0) length += n;
            stream.Position = 0;
            if (length == 4 && head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0) return new UTF32Encoding(false, false);
            if (length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0) return new UTF32Encoding(true, false);
            if (length >= 2 && head[0] != 0 && head[1] == 0) return new UnicodeEncoding(false, false);
            if (length >= 2 && head[0] == 0 && head[1] != 0) return new UnicodeEncoding(true, false);
            return new UTF8Encoding(false);
        }

        /// <summary>Reads at most the length the folder scan saw, so a file that keeps growing (a log being written) is not followed.</summary>
        private sealed class BoundedStream : Stream
        {
            private readonly Stream _inner;
            private long _remaining;

            public BoundedStream(Stream inner, long length)
            {
                _inner = inner;
                _remaining = length;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_remaining <= 0) return 0;
                var n = _inner.Read(buffer, offset, (int)Math.Min(count, _remaining));
                _remaining -= n;
                return n;
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
