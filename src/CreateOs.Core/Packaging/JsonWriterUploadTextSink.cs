using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Writes the upload value into a caller's <see cref="JsonTextWriter"/> (after its <c>"upload"</c> property name):
    /// the first chunk as a raw value so the writer's state advances past the property, the rest as raw text.
    /// </summary>
    internal sealed class JsonWriterUploadTextSink : UploadTextSink
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private readonly JsonWriter _writer;
        private readonly SHA256 _sha256 = SHA256.Create();
        private readonly Encoder _encoder = Utf8.GetEncoder();
        private byte[] _bytes = new byte[0];
        private bool _started;
        private long _bytesWritten;

        public JsonWriterUploadTextSink(JsonWriter writer)
        {
            if (!(writer is JsonTextWriter))
                throw new ArgumentException("the upload value is streamed as raw JSON text, so the writer must be a JsonTextWriter", nameof(writer));
            _writer = writer;
        }

        public override long BytesWritten => _bytesWritten;

        public override Task WriteAsync(string text, CancellationToken cancellationToken)
        {
            Hash(text.ToCharArray(), text.Length);
            return WriteRawAsync(text, cancellationToken);
        }

        public override Task WriteAsync(char[] buffer, int count, CancellationToken cancellationToken)
        {
            Hash(buffer, count);
            return WriteRawAsync(new string(buffer, 0, count), cancellationToken);
        }

        private async Task WriteRawAsync(string text, CancellationToken cancellationToken)
        {
            if (_started)
            {
                await _writer.WriteRawAsync(text, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _started = true;
                await _writer.WriteRawValueAsync(text, cancellationToken).ConfigureAwait(false);
            }
        }

        public override async Task<string> FinishAsync(CancellationToken cancellationToken)
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            _sha256.TransformFinalBlock(new byte[0], 0, 0);
            var hash = Sha256CountingStream.ToHex(_sha256.Hash);
            _sha256.Dispose();
            return hash;
        }

        private void Hash(char[] chars, int count)
        {
            var needed = Utf8.GetMaxByteCount(count);
            if (_bytes.Length < needed) _bytes = new byte[needed];
            var length = _encoder.GetBytes(chars, 0, count, _bytes, 0, false);
            _sha256.TransformBlock(_bytes, 0, length, null, 0);
            _bytesWritten += length;
        }
    }
}
