using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Write-only, forward-only pass-through that counts and SHA-256-hashes every byte on its way to the inner stream.
    /// Deliberately not seekable, so a zip written through it is laid out the same whatever the destination.
    /// </summary>
    public sealed class Sha256CountingStream : Stream
    {
        private readonly Stream _inner;
        private readonly bool _leaveOpen;
        private readonly SHA256 _sha256 = SHA256.Create();
        private string? _hashHex;

        public Sha256CountingStream(Stream inner, bool leaveOpen = true)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _leaveOpen = leaveOpen;
        }

        /// <summary>Bytes written so far.</summary>
        public long BytesWritten { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesWritten;
            set => throw new NotSupportedException();
        }

        /// <summary>Lower-case hex SHA-256 of everything written; writing after this is read is an error.</summary>
        public string FinishHash()
        {
            if (_hashHex != null) return _hashHex;
            _sha256.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            _hashHex = ToHex(_sha256.Hash);
            return _hashHex;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Hash(buffer, offset, count);
            _inner.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Hash(buffer, offset, count);
            return _inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        internal static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
                chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _sha256.Dispose();
                if (!_leaveOpen) _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Hash(byte[] buffer, int offset, int count)
        {
            if (_hashHex != null) throw new InvalidOperationException("the hash was already finished; nothing more can be written");
            _sha256.TransformBlock(buffer, offset, count, null, 0);
            BytesWritten += count;
        }
    }
}
