using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Packaging
{
    /// <summary>Emits the upload JSON through a sink, streaming file and zip contents in fixed-size chunks.</summary>
    internal sealed class UploadJsonEmitter
    {
        /// <summary>A multiple of 3, so every chunk but the last encodes to base64 without padding.</summary>
        private const int Base64InputChunk = 48 * 1024;

        private const int TextInputChunk = 32 * 1024;

        private readonly UploadTextSink _sink;
        private readonly CancellationToken _cancellationToken;
        private readonly byte[] _bytes = new byte[Base64InputChunk];
        private char[] _chars = new char[UploadSizes.Base64Length(Base64InputChunk)];

        public UploadJsonEmitter(UploadTextSink sink, CancellationToken cancellationToken)
        {
            _sink = sink;
            _cancellationToken = cancellationToken;
        }

        /// <summary><c>{"type":"files","files":[{"path":..,"content":"base64"},..]}</c></summary>
        public async Task WriteGatewayFilesAsync(UploadPlan plan, ProgressTracker tracker)
        {
            await _sink.WriteAsync(UploadSizes.FilesFormPrefix, _cancellationToken).ConfigureAwait(false);
            await WriteFileArrayItemsAsync(plan, tracker, base64: true).ConfigureAwait(false);
            await _sink.WriteAsync(UploadSizes.FilesFormSuffix, _cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>{"type":"zip","data":"base64","filename":"code.zip"}</c></summary>
        public async Task WriteGatewayZipAsync(Stream zip, long zipLength, ProgressTracker tracker)
        {
            await _sink.WriteAsync(UploadSizes.ZipFormPrefix, _cancellationToken).ConfigureAwait(false);
            var written = await WriteBase64Async(zip, tracker, null).ConfigureAwait(false);
            if (written != zipLength) throw new PackagingException("the temporary zip changed while it was being encoded; deploy again.");
            await _sink.WriteAsync(UploadSizes.ZipFormSuffix, _cancellationToken).ConfigureAwait(false);
        }

        /// <summary>REST body: <c>{"files":[{"path":..,"content":..},..]}</c> with plain-text or base64 content.</summary>
        public async Task WriteRestFilesAsync(UploadPlan plan, RestFilesContent content, ProgressTracker tracker)
        {
            await _sink.WriteAsync("{\"files\":[", _cancellationToken).ConfigureAwait(false);
            await WriteFileArrayItemsAsync(plan, tracker, content == RestFilesContent.Base64).ConfigureAwait(false);
            await _sink.WriteAsync("]}", _cancellationToken).ConfigureAwait(false);
        }

        private async Task WriteFileArrayItemsAsync(UploadPlan plan, ProgressTracker tracker, bool base64)
        {
            for (var i = 0; i < plan.Files.Count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var file = plan.Files[i];
                RelativePathValidator.Validate(file.RelativePath);
                tracker.StartFile(file.RelativePath);
                var head = (i > 0 ? "," : "") + UploadSizes.FileEntryPathPrefix + UploadSizes.JsonPathLiteral(file.RelativePath) + UploadSizes.FileEntryContentPrefix;
                await _sink.WriteAsync(head, _cancellationToken).ConfigureAwait(false);
                using (var source = PlannedFileReader.Open(file))
                {
                    var read = base64
                        ? await WriteBase64Async(source, tracker, file.RelativePath).ConfigureAwait(false)
                        : await WriteEscapedTextAsync(source, tracker, file).ConfigureAwait(false);
                    PlannedFileReader.EnsureUnchanged(file, read);
                }

                await _sink.WriteAsync(UploadSizes.FileEntrySuffix, _cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<long> WriteBase64Async(Stream source, ProgressTracker tracker, string? path)
        {
            long total = 0;
            int n;
            while ((n = PlannedFileReader.ReadFull(source, _bytes)) > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var charCount = Convert.ToBase64CharArray(_bytes, 0, n, _chars, 0);
                await _sink.WriteAsync(_chars, charCount, _cancellationToken).ConfigureAwait(false);
                total += n;
                tracker.Add(n, path);
            }

            return total;
        }

        private async Task<long> WriteEscapedTextAsync(Stream source, ProgressTracker tracker, PlannedFile file)
        {
            var decoder = new UTF8Encoding(false, true).GetDecoder();
            var input = new byte[TextInputChunk];
            var decoded = new char[TextInputChunk + 4];
            var escaped = new StringBuilder(TextInputChunk * 2);
            long total = 0;
            while (true)
            {
                var n = PlannedFileReader.ReadFull(source, input);
                _cancellationToken.ThrowIfCancellationRequested();
                int charCount;
                try
                {
                    charCount = decoder.GetChars(input, 0, n, decoded, 0, flush: n == 0);
                }
                catch (DecoderFallbackException e)
                {
                    throw new PackagingException("'" + file.RelativePath + "' is not UTF-8 text; use the base64 files endpoint or the zip form.", file.RelativePath, e);
                }

                escaped.Clear();
                JsonTextEscaper.Append(escaped, decoded, charCount);
                if (escaped.Length > 0) await _sink.WriteAsync(escaped.ToString(), _cancellationToken).ConfigureAwait(false);
                if (n == 0) return total;
                total += n;
                tracker.Add(n, file.RelativePath);
            }
        }
    }
}
