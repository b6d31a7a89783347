using System;
using System.IO;
using System.IO.Compression;
using System.Threading;

namespace CreateOs.Core.Packaging
{
    /// <summary>Writes the planned files into a deterministic zip, one file at a time through a fixed-size buffer.</summary>
    internal static class ZipPackWriter
    {
        /// <summary>Fixed entry timestamp: the same folder contents always give the same zip bytes.</summary>
        private static readonly DateTimeOffset EntryTimestamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private const int BufferSize = 128 * 1024;

        public static PackResult Write(UploadPlan plan, Stream destination, IProgress<PackProgress>? progress, CancellationToken cancellationToken)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            var buffer = new byte[BufferSize];
            var tracker = new ProgressTracker(progress, PackStage.ReadingFiles, plan.TotalBytes);
            using (var output = new Sha256CountingStream(destination, leaveOpen: true))
            {
                using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var file in plan.Files)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        RelativePathValidator.Validate(file.RelativePath);
                        tracker.StartFile(file.RelativePath);
                        using (var source = PlannedFileReader.Open(file))
                        {
                            var n = PlannedFileReader.ReadFull(source, buffer);
                            // Already-compressed or random content is stored: deflate would only spend time (and fast deflate grows it).
                            var level = CompressedFileTypes.IsCompressed(file.RelativePath) || ContentEntropy.LooksIncompressible(buffer, n)
                                ? CompressionLevel.NoCompression
                                : plan.ZipCompressionLevel;
                            var entry = archive.CreateEntry(file.RelativePath, level);
                            entry.LastWriteTime = EntryTimestamp;
                            ZipEntryPermissions.Apply(entry, file.FullPath);
                            long read = 0;
                            using (var entryStream = entry.Open())
                            {
                                while (n > 0)
                                {
                                    cancellationToken.ThrowIfCancellationRequested();
                                    entryStream.Write(buffer, 0, n);
                                    read += n;
                                    tracker.Add(n, file.RelativePath);
                                    n = PlannedFileReader.ReadFull(source, buffer);
                                }
                            }

                            PlannedFileReader.EnsureUnchanged(file, read);
                        }
                    }
                }

                output.Flush();
                tracker.Complete();
                return new PackResult(UploadForm.Zip, output.BytesWritten, output.FinishHash());
            }
        }
    }
}
