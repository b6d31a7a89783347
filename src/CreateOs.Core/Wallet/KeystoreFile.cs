using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace CreateOs.Core.Wallet
{
    /// <summary>Writes keystore files safely: never over an existing file by accident, atomically, owner-only where the OS allows.</summary>
    public static class KeystoreFile
    {
        public static void Write(string path, string keystoreJson, bool overwrite)
        {
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(directory);
            if (File.Exists(full) && !overwrite)
                throw new IOException($"{full} already exists; a keystore is never overwritten without -Force (it may hold the only copy of a key).");

            var temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    RestrictToOwner(temporary);
                    var bytes = new UTF8Encoding(false).GetBytes(keystoreJson);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }
                if (File.Exists(full)) File.Replace(temporary, full, null);
                else File.Move(temporary, full);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        /// <summary>
        /// chmod 600 on Unix (through File.SetUnixFileMode, which exists on the .NET that PowerShell 7 runs on). On Windows
        /// the file inherits the user profile's ACL, which already denies other users.
        /// </summary>
        public static void RestrictToOwner(string path, bool directory = false)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            var modeType = Type.GetType("System.IO.UnixFileMode, System.Runtime", throwOnError: false)
                ?? typeof(File).Assembly.GetType("System.IO.UnixFileMode", throwOnError: false);
            var setMode = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), modeType }, null);
            if (setMode == null) return;
            const int userReadWrite = 0x100 | 0x80; // UserRead | UserWrite
            const int userExecute = 0x40; // a folder needs it to be entered
            setMode.Invoke(null, new[] { path, Enum.ToObject(modeType!, directory ? userReadWrite | userExecute : userReadWrite) });
        }
    }
}
