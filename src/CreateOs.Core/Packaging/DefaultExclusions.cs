using System;
using System.Collections.Generic;

namespace CreateOs.Core.Packaging
{
    /// <summary>Name rules applied at any depth: the platform's documented exclusions and editor/agent state.</summary>
    public static class DefaultExclusions
    {
        /// <summary>Directories the gateway docs say to leave out (CreateOS installs and builds itself), plus .venv, the other common virtualenv name.</summary>
        public static readonly IReadOnlyList<string> PlatformDirectories = new[]
        {
            "node_modules", "dist", "build", ".next", ".git", "__pycache__", "venv", ".venv",
        };

        public static readonly IReadOnlyList<string> ToolingDirectories = new[]
        {
            ".vscode", ".idea", ".vs", ".fleet", ".cursor", ".claude", ".history",
        };

        public static readonly IReadOnlyList<string> ToolingFiles = new[] { ".DS_Store", "Thumbs.db" };

        private static readonly HashSet<string> PlatformDirectorySet = new HashSet<string>(PlatformDirectories, StringComparer.OrdinalIgnoreCase);
        private static readonly HashSet<string> ToolingDirectorySet = new HashSet<string>(ToolingDirectories, StringComparer.OrdinalIgnoreCase);
        private static readonly HashSet<string> ToolingFileSet = new HashSet<string>(ToolingFiles, StringComparer.OrdinalIgnoreCase);

        /// <summary>The reason when <paramref name="name"/> is one of the platform's documented exclusions, else null.</summary>
        public static string? MatchPlatform(string name, bool isDirectory)
        {
            // .git is also a plain file in worktrees and submodules ("gitdir: ..."), so it goes either way.
            if (string.Equals(name, ".git", StringComparison.OrdinalIgnoreCase))
                return "default exclusion .git/ (version-control data)";
            if (isDirectory && PlatformDirectorySet.Contains(name))
                return "default exclusion " + name + "/ (CreateOS installs dependencies and builds on its side)";
            return null;
        }

        /// <summary>The reason when <paramref name="name"/> is editor or coding-agent state, else null.</summary>
        public static string? MatchTooling(string name, bool isDirectory)
        {
            if (name.StartsWith(".aider", StringComparison.OrdinalIgnoreCase))
                return "editor/agent tooling (.aider*)";
            if (isDirectory && ToolingDirectorySet.Contains(name))
                return "editor/agent tooling (" + name + "/)";
            if (!isDirectory && ToolingFileSet.Contains(name))
                return "editor/agent tooling (" + name + ")";
            return null;
        }
    }
}
