using System.IO;

namespace CreateOs.Core.Packaging
{
    /// <summary>Opens a planned file for sequential reading and checks that it still has the planned size.</summary>
    internal static class PlannedFileReader
    {
        /// <summary>
        /// Opens the file; files planned as empty are never opened (an empty stream stands in), which also keeps FIFOs and
        /// device files, which report length 0 and cannot be told apart from netstandard2.0, from blocking the packer.
        /// </summary>
        public static Stream Open(PlannedFile file)
        {
            if (file.Size == 0) return new MemoryStream(new byte[0], writable: false);
            try
            {
                // bufferSize 1 disables FileStream's own buffer: callers read in large chunks into a reused buffer.
                return new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            }
            catch (IOException e)
            {
                throw new PackagingException("cannot read '" + file.RelativePath + "': " + e.Message, file.RelativePath, e);
            }
            catch (System.UnauthorizedAccessException e)
            {
                throw new PackagingException("cannot read '" + file.RelativePath + "': " + e.Message + " Fix its permissions or exclude it.", file.RelativePath, e);
            }
        }

        /// <summary>Reads until <paramref name="buffer"/> is full or the file ends.</summary>
        public static int ReadFull(Stream stream, byte[] buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0) break;
                total += n;
            }

            return total;
        }

        public static void EnsureUnchanged(PlannedFile file, long bytesRead)
        {
            if (bytesRead != file.Size)
            {
                throw new PackagingException(
                    "'" + file.RelativePath + "' changed while packing (planned " + file.Size + " bytes, read " + bytesRead
                    + "); stop whatever is writing to the folder and deploy again.",
                    file.RelativePath);
            }
        }
    }
}
