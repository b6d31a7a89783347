using System.Collections.Generic;
using System.IO.Compression;

namespace CreateOs.Core.Packaging
{
    /// <summary>What will be uploaded and what was left out (with reasons), with the form chosen and its exact sizes.</summary>
    public sealed class UploadPlan
    {
        internal UploadPlan(
            string root,
            UploadTarget target,
            IReadOnlyList<PlannedFile> files,
            IReadOnlyList<PackExclusion> exclusions,
            UploadForm form,
            string formReason,
            long gatewayEnvelopeBytes,
            CompressionLevel zipCompressionLevel)
        {
            ZipCompressionLevel = zipCompressionLevel;
            Root = root;
            Target = target;
            Files = files;
            Exclusions = exclusions;
            Form = form;
            FormReason = formReason;
            GatewayEnvelopeBytes = gatewayEnvelopeBytes;
            long total = 0;
            foreach (var file in files) total += file.Size;
            TotalBytes = total;
            FilesFormBase64Bytes = 0;
            foreach (var file in files) FilesFormBase64Bytes += UploadSizes.Base64Length(file.Size);
            GatewayFilesUploadJsonBytes = UploadSizes.GatewayFilesUploadJsonBytes(files);
            ZipLengthUpperBound = UploadSizes.ZipLengthUpperBound(files);
        }

        /// <summary>The folder, with symbolic links resolved.</summary>
        public string Root { get; }

        public UploadTarget Target { get; }

        /// <summary>Files to upload, in deterministic order (ordinal, depth-first).</summary>
        public IReadOnlyList<PlannedFile> Files { get; }

        public IReadOnlyList<PackExclusion> Exclusions { get; }

        public UploadForm Form { get; }

        /// <summary>Why <see cref="Form"/> was chosen, for verbose output.</summary>
        public string FormReason { get; }

        public long GatewayEnvelopeBytes { get; }

        /// <summary>Deflate level for compressible zip entries.</summary>
        public CompressionLevel ZipCompressionLevel { get; }

        public int FileCount => Files.Count;

        /// <summary>Sum of the raw file sizes.</summary>
        public long TotalBytes { get; }

        /// <summary>Sum of the base64 lengths of every file (the content of the files form).</summary>
        public long FilesFormBase64Bytes { get; }

        /// <summary>Exact UTF-8 length of the gateway's files-form <c>upload</c> value.</summary>
        public long GatewayFilesUploadJsonBytes { get; }

        /// <summary>The zip cannot be longer than this (the exact length is known once it is built).</summary>
        public long ZipLengthUpperBound { get; }

        /// <summary>The gateway request's upper bound for the zip form.</summary>
        public long GatewayZipUploadJsonBytesUpperBound => UploadSizes.GatewayZipUploadJsonBytes(ZipLengthUpperBound);
    }
}
