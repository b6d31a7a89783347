using System.Linq;
using System.Management.Automation;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// A -Path as a file-system path against PowerShell's current location. A name holding a colon — keystores as some
    /// wallets name them ("UTC--2017-12-01T10:15:30.123Z--…"), "report:2026.json" — is read by PowerShell as a drive
    /// ("UTC--2017-12-01T10:"); when no such drive exists, it is a name in the current folder.
    /// </summary>
    internal static class FileSystemPath
    {
        public static string Resolve(PSCmdlet cmdlet, string path)
        {
            try
            {
                return cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (DriveNotFoundException)
            {
                return System.IO.Path.Combine(cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath, path);
            }
        }

        /// <summary>An existing file: wildcards resolved by PowerShell (one match), a colon name as in <see cref="Resolve"/>.</summary>
        public static string ResolveExisting(PSCmdlet cmdlet, string path)
        {
            try
            {
                return cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _).Single();
            }
            catch (DriveNotFoundException)
            {
                return Resolve(cmdlet, path);
            }
        }
    }
}
