using System;

namespace CreateOs.Core.Packaging
{
    /// <summary>One file that will be uploaded.</summary>
    public sealed class PlannedFile
    {
        public PlannedFile(string relativePath, string fullPath, long size, DateTime? lastWriteTimeUtc = null)
        {
            RelativePath = relativePath;
            FullPath = fullPath;
            Size = size;
            LastWriteTimeUtc = lastWriteTimeUtc;
        }

        /// <summary>Forward-slash path relative to the root, as the server will see it.</summary>
        public string RelativePath { get; }

        /// <summary>Absolute path to read from (the resolved target for a symlinked file).</summary>
        public string FullPath { get; }

        /// <summary>Size in bytes when the plan was made; packing fails if the file changed since.</summary>
        public long Size { get; }

        /// <summary>Last write time when the plan was made (null: not recorded); packing fails if it moved since.</summary>
        public DateTime? LastWriteTimeUtc { get; }

        public override string ToString() => RelativePath + " (" + Size + " bytes)";
    }
}
