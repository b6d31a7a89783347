using System;
using System.IO;
using System.Linq;

namespace CreateOs.Loader
{
    /// <summary>
    /// A module imported by path (Import-Module ./out/CreateOs/CreateOs.psd1, or a script beside a clone) is not found by
    /// name in the runspaces PowerShell creates later — ForEach-Object -Parallel, Start-ThreadJob — so their cmdlets fail
    /// with "not recognized". When the module's folder is not under any $env:PSModulePath entry, its parent folder is put
    /// first in this process's PSModulePath (never persisted), so those runspaces autoload this same copy by name.
    /// </summary>
    internal static class AutoloadPath
    {
        private const string ModuleName = "CreateOs";

        public static void Ensure()
        {
            try
            {
                var moduleFolder = Path.GetDirectoryName(typeof(AutoloadPath).Assembly.Location);
                if (string.IsNullOrEmpty(moduleFolder)) return;
                var parent = Parent(moduleFolder!);
                if (parent is null) return;
                var current = Environment.GetEnvironmentVariable("PSModulePath") ?? "";
                var entries = current.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim()).ToList();
                if (entries.Any(e => IsUnder(moduleFolder!, e))) return;
                Environment.SetEnvironmentVariable("PSModulePath", current.Length == 0 ? parent : parent + Path.PathSeparator + current);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is System.Security.SecurityException)
            {
                // Autoloading in new runspaces is a convenience; importing never fails for it.
            }
        }

        /// <summary>The folder that holds CreateOs (…/CreateOs or …/CreateOs/&lt;version&gt;), or null when the layout cannot autoload.</summary>
        private static string? Parent(string moduleFolder)
        {
            var folder = new DirectoryInfo(moduleFolder);
            if (string.Equals(folder.Name, ModuleName, StringComparison.OrdinalIgnoreCase)) return folder.Parent?.FullName;
            if (Version.TryParse(folder.Name, out _) && folder.Parent is { } named && string.Equals(named.Name, ModuleName, StringComparison.OrdinalIgnoreCase))
                return named.Parent?.FullName;
            return null;
        }

        private static bool IsUnder(string folder, string root)
        {
            var full = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return (Path.GetFullPath(folder) + Path.DirectorySeparatorChar).StartsWith(full, comparison);
        }
    }
}
