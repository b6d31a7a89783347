using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// A response body read while streaming, up to a limit: reading stops at the limit, so a server that sends
    /// hundreds of megabytes costs at most the limit in memory (and a declared Content-Length above it costs nothing).
    /// </summary>
    public sealed class BoundedBody
    {
        /// <summary>The default cap of one answer of the API, the gateway or a chain RPC (session-settable).</summary>
        public const long DefaultMaxResponseBytes = 16L * 1024 * 1024;

        /// <summary>How much of an error answer is read: enough for any error document or quote, small enough to keep.</summary>
        public const int MaxErrorBodyBytes = 64 * 1024;

        private readonly byte[] _buffer;

        private BoundedBody(byte[] buffer, int length, bool truncated, long? declaredLength, Encoding encoding)
        {
            _buffer = buffer;
            Length = length;
            Truncated = truncated;
            DeclaredLength = declaredLength;
            Encoding = encoding;
        }

        /// <summary>Bytes kept (at most the limit).</summary>
        public int Length { get; }
        /// <summary>The body was longer than the limit; only its start was read.</summary>
        public bool Truncated { get; }
        public long? DeclaredLength { get; }
        public Encoding Encoding { get; }
        public bool IsEmpty => Length == 0;

        public string Text() => Encoding.GetString(_buffer, 0, Length);

        /// <summary>The text of at most the first <paramref name="maxBytes"/> bytes.</summary>
        public string Text(int maxBytes) => Encoding.GetString(_buffer, 0, Math.Min(Length, maxBytes));

        public Stream Open() => new MemoryStream(_buffer, 0, Length, writable: false);

        /// <summary>
        /// Reads at most <paramref name="limit"/> bytes of <paramref name="content"/>. With <paramref name="skipIfDeclaredLarger"/>
        /// a Content-Length above the limit returns an empty truncated body without reading anything.
        /// </summary>
        public static async Task<BoundedBody> ReadAsync(HttpContent? content, long limit, bool skipIfDeclaredLarger, CancellationToken ct)
        {
            if (limit <= 0 || limit > int.MaxValue - 1) throw new ArgumentOutOfRangeException(nameof(limit));
            var encoding = EncodingOf(content);
            if (content is null) return new BoundedBody(Array.Empty<byte>(), 0, false, 0, encoding);
            var declared = content.Headers.ContentLength;
            if (skipIfDeclaredLarger && declared > limit) return new BoundedBody(Array.Empty<byte>(), 0, true, declared, encoding);

            var cap = (int)limit;
            var buffer = new byte[(int)Math.Min(cap, Math.Max(0, declared ?? 16 * 1024)) + 1];
            var length = 0;
            var truncated = false;
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            using (ct.Register(() => stream.Dispose()))
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    if (length == buffer.Length)
                    {
                        if (length > cap) { truncated = true; break; }
                        Array.Resize(ref buffer, (int)Math.Min((long)cap + 1, Math.Max(buffer.Length * 2L, 16 * 1024)));
                    }
                    int read;
                    try
                    {
                        read = await stream.ReadAsync(buffer, length, buffer.Length - length, ct).ConfigureAwait(false);
                    }
                    catch (ObjectDisposedException) when (ct.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(ct);
                    }
                    if (read == 0) break;
                    length += read;
                    if (length > cap) { truncated = true; break; }
                }
            }
            return new BoundedBody(buffer, Math.Min(length, cap), truncated, declared, encoding);
        }

        private static Encoding EncodingOf(HttpContent? content)
        {
            var charset = content?.Headers.ContentType?.CharSet?.Trim('"', ' ');
            if (string.IsNullOrEmpty(charset)) return new UTF8Encoding(false);
            try { return Encoding.GetEncoding(charset!); }
            catch (ArgumentException) { return new UTF8Encoding(false); }
        }

        /// <summary>"16 MiB", "64 KiB": a byte count for messages.</summary>
        public static string Describe(long bytes) =>
            bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
            : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
            : $"{bytes} bytes";
    }
}
