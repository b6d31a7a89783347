using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Packaging
{
    /// <summary>Where the packer's JSON text goes, chunk by chunk, so no payload is ever held whole.</summary>
    internal abstract class UploadTextSink
    {
        public abstract long BytesWritten { get; }

        public abstract Task WriteAsync(string text, CancellationToken cancellationToken);

        public abstract Task WriteAsync(char[] buffer, int count, CancellationToken cancellationToken);

        /// <summary>Flushes and returns the SHA-256 of the UTF-8 bytes written.</summary>
        public abstract Task<string> FinishAsync(CancellationToken cancellationToken);
    }
}
