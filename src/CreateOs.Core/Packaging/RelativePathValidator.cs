using System;

namespace CreateOs.Core.Packaging
{
    /// <summary>Refuses any upload path that could escape the deployment folder on the server side.</summary>
    public static class RelativePathValidator
    {
        /// <summary>The longest upload path CreateOS accepts.</summary>
        public const int MaxLength = 1024;

        /// <summary>Throws <see cref="PackagingException"/> unless the path is relative, forward-slash, and free of '.', '..', drive letters and backslashes.</summary>
        public static void Validate(string path)
        {
            var problem = FindProblem(path);
            if (problem != null)
                throw new PackagingException("refusing to upload '" + path + "': " + problem + ". Rename or exclude it (-Exclude or .gitignore).", path);
        }

        public static string? FindProblem(string path)
        {
            if (string.IsNullOrEmpty(path)) return "the path is empty";
            if (path.Length > MaxLength) return "it is " + path.Length + " characters long; CreateOS accepts upload paths of at most " + MaxLength;
            if (path.IndexOf('\\') >= 0) return "it contains a backslash, which Windows-based tools treat as a folder separator";
            if (path[0] == '/') return "it is an absolute path";
            if (path.Length >= 2 && path[1] == ':' && IsAsciiLetter(path[0])) return "it starts with a drive letter";
            if (path.IndexOf('\0') >= 0) return "it contains a NUL character";
            foreach (var segment in path.Split('/'))
            {
                if (segment.Length == 0) return "it contains an empty segment ('//' or a trailing '/')";
                if (segment == "." || segment == "..") return "it contains a '" + segment + "' segment (path traversal)";
            }

            return null;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
