namespace CreateOs.Core.Packaging
{
    /// <summary>Progress of a packing step, in bytes.</summary>
    public sealed class PackProgress
    {
        public PackProgress(PackStage stage, long bytesDone, long bytesTotal, string? currentPath)
        {
            Stage = stage;
            BytesDone = bytesDone;
            BytesTotal = bytesTotal;
            CurrentPath = currentPath;
        }

        public PackStage Stage { get; }

        public long BytesDone { get; }

        public long BytesTotal { get; }

        /// <summary>The file being read, or null while the zip archive is being base64-encoded.</summary>
        public string? CurrentPath { get; }

        public double Fraction => BytesTotal <= 0 ? 1 : (double)BytesDone / BytesTotal;
    }
}
