using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace CreateOs.Core.Packaging
{
    /// <summary>The rules of one .gitignore file, applying to paths under the directory that holds it.</summary>
    public sealed class GitIgnoreFile
    {
        public GitIgnoreFile(string baseDirectory, IReadOnlyList<GitIgnorePattern> patterns)
        {
            BaseDirectory = baseDirectory;
            Patterns = patterns;
        }

        /// <summary>Forward-slash directory relative to the root ("" for the root itself).</summary>
        public string BaseDirectory { get; }

        public IReadOnlyList<GitIgnorePattern> Patterns { get; }

        public static GitIgnoreFile Load(string fullPath, string baseDirectory)
        {
            var origin = baseDirectory.Length == 0 ? ".gitignore" : baseDirectory + "/.gitignore";
            return Parse(File.ReadAllBytes(fullPath), baseDirectory, origin);
        }

        public static GitIgnoreFile Parse(string content, string baseDirectory, string origin) =>
            Parse(new UTF8Encoding(false).GetBytes(content ?? throw new ArgumentNullException(nameof(content))), baseDirectory, origin);

        /// <summary>The file's bytes as git reads them (add_patterns_from_buffer): a UTF-8 byte order mark skipped, lines split at '\n'.</summary>
        public static GitIgnoreFile Parse(byte[] content, string baseDirectory, string origin)
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            var patterns = new List<GitIgnorePattern>();
            var start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
            var lineNumber = 1;
            while (start <= content.Length)
            {
                var newline = Array.IndexOf(content, (byte)'\n', start);
                var end = newline < 0 ? content.Length : newline;
                if (end > start)
                {
                    var line = new byte[end - start];
                    Buffer.BlockCopy(content, start, line, 0, line.Length);
                    var pattern = GitIgnorePattern.Parse(line, origin, lineNumber);
                    if (pattern != null) patterns.Add(pattern);
                }
                if (newline < 0) break;
                start = newline + 1;
                lineNumber++;
            }

            return new GitIgnoreFile(baseDirectory, patterns);
        }

        /// <summary>The last rule matching the path (git's "last match wins"), or null when none does or the path is not under this file's directory.</summary>
        public GitIgnorePattern? LastMatch(string relativePath, string name, bool isDirectory)
        {
            string local;
            if (BaseDirectory.Length == 0)
            {
                local = relativePath;
            }
            else if (relativePath.StartsWith(BaseDirectory + "/", StringComparison.Ordinal))
            {
                local = relativePath.Substring(BaseDirectory.Length + 1);
            }
            else
            {
                return null;
            }

            var utf8 = new UTF8Encoding(false);
            var localBytes = utf8.GetBytes(local);
            var nameBytes = utf8.GetBytes(name);
            for (var i = Patterns.Count - 1; i >= 0; i--)
            {
                if (Patterns[i].IsMatch(localBytes, nameBytes, isDirectory)) return Patterns[i];
            }

            return null;
        }
    }
}
