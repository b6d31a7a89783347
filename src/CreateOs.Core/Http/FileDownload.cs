using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// Streams an answer's body to a file: written to "&lt;path&gt;.partial" and moved into place only when complete, with
    /// progress (bytes so far of Content-Length, or of -1 when the length is unknown), a size limit and, when given, a
    /// bound on how long the body may sit without a byte.
    /// </summary>
    public static class FileDownload
    {
        /// <summary>The most a download may write (deployment archives, scan reports, templates are far smaller).</summary>
        public const long MaxBytes = 2L * 1024 * 1024 * 1024;
        private const int ChunkBytes = 81920;
        private const long MinimumReportStepBytes = 256 * 1024;

        public static async Task<long> SaveAsync(HttpContent content, string path, IProgress<TransferProgress>? progress, CancellationToken cancellationToken,
            TimeSpan? stallTimeout = null, Uri? source = null)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var total = content.Headers.ContentLength ?? -1;
            if (total > MaxBytes)
                throw new ApiException(ApiFailureKind.InvalidResponse, $"The download is {total} bytes, more than the {MaxBytes} bytes this module accepts.");
            var partial = path + ".partial";
            long written = 0;
            try
            {
                using (var body = await content.ReadAsStreamAsync().ConfigureAwait(false))
                using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, ChunkBytes, useAsync: true))
                {
                    var step = Math.Max(MinimumReportStepBytes, total / 100);
                    long lastReported = 0;
                    progress?.Report(new TransferProgress(0, total));
                    var buffer = new byte[ChunkBytes];
                    int read;
                    while (true)
                    {
                        if (stallTimeout.HasValue) stall.CancelAfter(stallTimeout.Value);
                        read = await body.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                        if (read == 0) break;
                        written += read;
                        if (written > MaxBytes)
                            throw new ApiException(ApiFailureKind.InvalidResponse, $"The download exceeded {MaxBytes} bytes; it was stopped and nothing was saved.");
                        await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                        if (written - lastReported < step) continue;
                        lastReported = written;
                        progress?.Report(new TransferProgress(written, total));
                    }
                }
                progress?.Report(new TransferProgress(written, total < 0 ? written : total));
                if (File.Exists(path)) File.Delete(path);
                File.Move(partial, path);
                return written;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stallTimeout.HasValue)
            {
                throw Stalled(source, stallTimeout.Value);
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
        }

        /// <summary>The timeout error of a download that sat too long without an answer or a byte.</summary>
        public static ApiException Stalled(Uri? source, TimeSpan timeout) =>
            new ApiException(ApiFailureKind.Timeout, $"The download{(source is null ? "" : " from " + source.GetLeftPart(UriPartial.Path))} stalled: no data within {timeout.TotalSeconds:0.#} s.") { Method = "GET", RequestUri = source };
    }
}
