using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace CreateOs.Core.Http
{
    /// <summary>Bytes of a request body handed to the transport so far, of the body's length.</summary>
    public sealed class TransferProgress
    {
        public TransferProgress(long bytesSent, long bytesTotal)
        {
            BytesSent = bytesSent;
            BytesTotal = bytesTotal;
        }

        public long BytesSent { get; }

        public long BytesTotal { get; }
    }

    /// <summary>
    /// A seekable stream as a request body that reports the bytes written to the transport: at the start, then about every
    /// percent (at least every 256 KiB, so small bodies still move) and at the end. Owns and disposes the stream.
    /// </summary>
    public sealed class ProgressStreamContent : HttpContent
    {
        private const int ChunkBytes = 64 * 1024;
        private const long MinimumReportStepBytes = 256 * 1024;
        private readonly Stream _source;
        private readonly IProgress<TransferProgress> _progress;

        public ProgressStreamContent(Stream source, IProgress<TransferProgress> progress)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _progress = progress ?? throw new ArgumentNullException(nameof(progress));
            if (!source.CanSeek) throw new ArgumentException("The body must be seekable: its length is the progress total.", nameof(source));
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var total = _source.Length - _source.Position;
            var step = Math.Max(MinimumReportStepBytes, total / 100);
            var buffer = new byte[ChunkBytes];
            long sent = 0;
            long lastReported = 0;
            _progress.Report(new TransferProgress(0, total));
            int read;
            while ((read = await _source.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                sent += read;
                if (sent - lastReported < step && sent < total) continue;
                lastReported = sent;
                _progress.Report(new TransferProgress(sent, total));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _source.Length - _source.Position;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _source.Dispose();
            base.Dispose(disposing);
        }
    }
}
