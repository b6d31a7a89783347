using System.IO;
using System.Management.Automation;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>Resolves -Path of the Save- cmdlets against PowerShell's current location.</summary>
    internal static class SaveTarget
    {
        public static string Resolve(PSCmdlet cmdlet, string path, string defaultFileName)
        {
            var full = FileSystemPath.Resolve(cmdlet, path);
            return Directory.Exists(full) ? System.IO.Path.Combine(full, defaultFileName) : full;
        }

        public static void RequireWritable(string path, bool force)
        {
            var folder = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                throw new DirectoryNotFoundException($"The folder '{folder}' does not exist; create it or choose another -Path.");
            if (File.Exists(path) && !force)
                throw new IOException($"The file '{path}' exists; use -Force to overwrite it or choose another -Path.");
        }
    }
}
