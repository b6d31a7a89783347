using System.Collections.Generic;
using System.IO.Compression;

namespace CreateOs.Core.Packaging
{
    /// <summary>What to pack and how. The defaults suit a paid gateway deploy.</summary>
    public sealed class PackOptions
    {
        /// <summary>The files form is chosen automatically only up to this many files (the REST limit).</summary>
        public const int MaxFilesInFilesForm = 100;

        /// <summary>
        /// Above this much base64 content the zip form is chosen automatically: a few MB of per-file base64 is easy to inspect
        /// and needs no archive, beyond that deflate saves upload time and room under the gateway's 50 MB cap.
        /// </summary>
        public const long DefaultFilesFormMaxBase64Bytes = 4L * 1024 * 1024;

        /// <summary>Room kept for the rest of the gateway request (names, description, settings, env vars) when checking the 50 MB cap.</summary>
        public const long DefaultGatewayEnvelopeBytes = 64 * 1024;

        public UploadTarget Target { get; set; } = UploadTarget.Gateway;

        /// <summary>Forces the files or zip form; null picks one (see <see cref="DefaultFilesFormMaxBase64Bytes"/>).</summary>
        public UploadForm? Form { get; set; }

        public long FilesFormMaxBase64Bytes { get; set; } = DefaultFilesFormMaxBase64Bytes;

        /// <summary>Bytes of the gateway request outside the <c>upload</c> value, counted against the 50 MB cap.</summary>
        public long GatewayEnvelopeBytes { get; set; } = DefaultGatewayEnvelopeBytes;

        /// <summary>Extra exclusions, in .gitignore syntax relative to the root (e.g. "*.mp4", "/docs/", "assets/**/raw").</summary>
        public IList<string> Exclude { get; set; } = new List<string>();

        /// <summary>
        /// Re-includes paths that a default, tooling or .gitignore rule left out, in .gitignore syntax (e.g. "dist/").
        /// Never overrides <see cref="Exclude"/>. A secret is re-included only by an entry naming its exact path relative
        /// to the root (no wildcards, e.g. "config/ca.pem"); wallet keystores and <see cref="NeverUpload"/> files never are.
        /// </summary>
        public IList<string> Include { get; set; } = new List<string>();

        /// <summary>Files never uploaded whatever their name, path or copy: matched by content (the connected wallet's keystore).</summary>
        public IList<FileFingerprint> NeverUpload { get; set; } = new List<FileFingerprint>();

        /// <summary>
        /// Deflate level for compressible entries (high-entropy content is always stored). Optimal (zlib-ng level 6) is the default:
        /// on the benchmark folder it matches Info-ZIP's size at half its time, while Fastest is 4x quicker but 20% larger, and
        /// upload bytes (time on the wire, room under the gateway's 50 MB cap) cost more than CPU here.
        /// </summary>
        public CompressionLevel ZipCompressionLevel { get; set; } = CompressionLevel.Optimal;

        /// <summary>Reads .gitignore files in the folder (root and nested). On by default.</summary>
        public bool UseGitIgnore { get; set; } = true;
    }
}
