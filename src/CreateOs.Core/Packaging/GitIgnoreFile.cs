using System;
using System.Collections.Generic;
using System.IO;

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
            return Parse(File.ReadAllText(fullPath), baseDirectory, origin);
        }

        public static GitIgnoreFile Parse(string content, string baseDirectory, string origin)
        {
            var patterns = new List<GitIgnorePattern>();
            var lines = content.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = i == 0 ? lines[i].TrimStart('\uFEFF') : lines[i];
                var pattern = GitIgnorePattern.Parse(line, origin, i + 1);
                if (pattern != null) patterns.Add(pattern);
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

            for (var i = Patterns.Count - 1; i >= 0; i--)
            {
                if (Patterns[i].IsMatch(local, name, isDirectory)) return Patterns[i];
            }

            return null;
        }
    }
}
