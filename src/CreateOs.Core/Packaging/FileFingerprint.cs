using System;
using System.IO;
using System.Security.Cryptography;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// A file known by its content (length and SHA-256) and, optionally, its path — such as the keystore of the connected
    /// wallet, which is never uploaded under any name or in any copy.
    /// </summary>
    public sealed class FileFingerprint
    {
        public FileFingerprint(string? path, long length, string sha256Hex, string description)
        {
            Path = path is null ? null : System.IO.Path.GetFullPath(path);
            Length = length;
            Sha256Hex = sha256Hex.ToLowerInvariant();
            Description = description;
        }

        /// <summary>Where the file was read from, if it came from a file.</summary>
        public string? Path { get; }

        public long Length { get; }

        public string Sha256Hex { get; }

        /// <summary>What the file is, for the exclusion reason ("the connected wallet's keystore").</summary>
        public string Description { get; }

        public override string ToString() => $"{Description}: {Length} bytes, SHA-256 {Sha256Hex.Substring(0, Math.Min(12, Sha256Hex.Length))}…";

        public static FileFingerprint Of(string? path, byte[] content, string description) =>
            new FileFingerprint(path, content.LongLength, HashOf(content), description);

        /// <summary>Whether the file at <paramref name="fullPath"/> (of <paramref name="length"/> bytes) has this content; reads it only when the length matches.</summary>
        public bool MatchesContent(string fullPath, long length)
        {
            if (length != Length) return false;
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920, FileOptions.SequentialScan);
            using var sha = SHA256.Create();
            return string.Equals(Hex(sha.ComputeHash(stream)), Sha256Hex, StringComparison.Ordinal);
        }

        private static string HashOf(byte[] content)
        {
            using var sha = SHA256.Create();
            return Hex(sha.ComputeHash(content));
        }

        private static string Hex(byte[] bytes) => BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
    }
}
