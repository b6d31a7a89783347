namespace CreateOs.Core.Packaging
{
    /// <summary>What a packing step wrote: its length and SHA-256, the fingerprint of the upload bytes.</summary>
    public sealed class PackResult
    {
        public PackResult(UploadForm form, long length, string sha256Hex)
        {
            Form = form;
            Length = length;
            Sha256Hex = sha256Hex;
        }

        public UploadForm Form { get; }

        /// <summary>Bytes written to the destination.</summary>
        public long Length { get; }

        /// <summary>Lower-case hex SHA-256 of exactly the bytes written; identical for identical folder contents.</summary>
        public string Sha256Hex { get; }
    }
}
