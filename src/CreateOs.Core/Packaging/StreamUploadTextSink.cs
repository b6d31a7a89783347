using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Packaging
{
    /// <summary>Encodes the JSON text as UTF-8 straight into a stream, hashing it on the way.</summary>
    internal sealed class StreamUploadTextSink : UploadTextSink
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private readonly Sha256CountingStream _output;
        private readonly Encoder _encoder = Utf8.GetEncoder();
        private byte[] _bytes = new byte[0];

        public StreamUploadTextSink(Stream destination)
        {
            _output = new Sha256CountingStream(destination, leaveOpen: true);
        }

        public override long BytesWritten => _output.BytesWritten;

        public override Task WriteAsync(string text, CancellationToken cancellationToken)
        {
            var chars = text.ToCharArray();
            return WriteAsync(chars, chars.Length, cancellationToken);
        }

        public override async Task WriteAsync(char[] buffer, int count, CancellationToken cancellationToken)
        {
            var needed = Utf8.GetMaxByteCount(count);
            if (_bytes.Length < needed) _bytes = new byte[needed];
            var length = _encoder.GetBytes(buffer, 0, count, _bytes, 0, false);
            await _output.WriteAsync(_bytes, 0, length, cancellationToken).ConfigureAwait(false);
        }

        public override async Task<string> FinishAsync(CancellationToken cancellationToken)
        {
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var hash = _output.FinishHash();
            _output.Dispose();
            return hash;
        }
    }
}
