using System;
using System.Collections.Generic;
using System.IO;

namespace CreateOs.Core.Packaging
{
    /// <summary>Formats that are already compressed: stored, not deflated, in the zip, and counted as incompressible when estimating its size.</summary>
    public static class CompressedFileTypes
    {
        /// <summary>Deflate shrinks these by a percent or two at most; a safe floor for the zip's size.</summary>
        public const double MinimumStoredFraction = 0.95;

        private static readonly HashSet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".heic", ".ico",
            ".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac",
            ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".zst", ".br", ".lz4",
            ".woff", ".woff2", ".jar", ".war", ".whl", ".apk", ".nupkg", ".docx", ".xlsx", ".pptx", ".odt",
        };

        public static bool IsCompressed(string path) => Extensions.Contains(Path.GetExtension(path));
    }
}
