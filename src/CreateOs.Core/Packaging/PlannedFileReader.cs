using System;
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
            FileStream stream;
            try
            {
                // bufferSize 1 disables FileStream's own buffer: callers read in large chunks into a reused buffer.
                stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            }
            catch (IOException e)
            {
                throw new PackagingException("cannot read '" + file.RelativePath + "': " + e.Message, file.RelativePath, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new PackagingException("cannot read '" + file.RelativePath + "': " + e.Message + " Fix its permissions or exclude it.", file.RelativePath, e);
            }

            try
            {
                EnsureSameFile(file, stream);
                return stream;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The file opened must be the file the scan checked: a folder or file swapped for a link between planning and packing
        /// (a path under the root that now leads to ~/.ssh) is caught on the open handle, so what is read is what was judged.
        /// </summary>
        private static void EnsureSameFile(PlannedFile file, FileStream stream)
        {
            var opened = RealPath.TryResolveOpenFile(stream, out var handlePath) ? handlePath : RealPath.TryResolve(file.FullPath);
            if (opened != null && string.Equals(opened, file.FullPath, RealPath.Comparison)) return;
            throw new PackagingException(
                "'" + file.RelativePath + "' changed while packing: it was planned as '" + file.FullPath + "' but "
                + (opened == null ? "that file is gone" : "opening it now reaches '" + opened + "' (a file or folder on its path was replaced, e.g. by a symbolic link)")
                + "; nothing was sent. Stop whatever is changing the folder and deploy again.",
                file.RelativePath);
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
            if (bytesRead == file.Size && file.LastWriteTimeUtc is DateTime planned && file.Size > 0)
            {
                var now = File.GetLastWriteTimeUtc(file.FullPath);
                if (now != planned)
                {
                    // Same size, new content: the secret checks judged the old bytes, so the new ones must not go out unjudged.
                    throw new PackagingException(
                        "'" + file.RelativePath + "' changed while packing (written at " + now.ToString("o", System.Globalization.CultureInfo.InvariantCulture)
                        + ", after it was checked); nothing was sent. Stop whatever is writing to the folder and deploy again.",
                        file.RelativePath);
                }
            }

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
