using System;
using System.IO;

namespace CreateOs.Core.Packaging
{
    /// <summary>A finished zip in a temporary file, already checked against the target's limits. Dispose deletes the file.</summary>
    public sealed class PackedZip : IDisposable
    {
        internal PackedZip(string path, PackResult result)
        {
            Path = path;
            Result = result;
        }

        public string Path { get; }

        public PackResult Result { get; }

        public long Length => Result.Length;

        public string Sha256Hex => Result.Sha256Hex;

        public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

        public void Dispose()
        {
            try
            {
                File.Delete(Path);
            }
            catch (IOException)
            {
                // Still open elsewhere (virus scanner, indexer): the temp folder cleanup gets it later.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
