using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// Reads and writes keystore files safely: reads only a small regular file (checked before a byte is read, so a FIFO,
    /// a device such as /dev/zero or a huge file is refused at once); writes never over an existing file by accident,
    /// atomically, owner-only from the first moment.
    /// </summary>
    public static class KeystoreFile
    {
        /// <summary>A v3 keystore is well under 1 KB; anything above 64 KB is refused unread.</summary>
        public const int MaxBytes = 64 * 1024;

        /// <summary>
        /// The bytes of a keystore file: refuses, before reading a byte, a missing path, a folder, anything that is not a
        /// non-empty regular file (FIFO, socket, device) and anything over <see cref="MaxBytes"/>; then reads at most
        /// <see cref="MaxBytes"/> + 1 bytes, so a file that grows meanwhile is refused too.
        /// </summary>
        /// <exception cref="FileNotFoundException">No file at the path.</exception>
        /// <exception cref="KeystoreFileException">Not a regular file, empty, or too large.</exception>
        public static byte[] ReadBytes(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new KeystoreFileException($"'{full}' is a folder, not a keystore file.");
            var info = new FileInfo(full);
            if (!info.Exists) throw new FileNotFoundException($"No keystore file at {full}.", full);
            CheckLength(full, info.Length);
            using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None))
            {
                if (!stream.CanSeek) throw NotRegular(full);
                CheckLength(full, stream.Length);
                var buffer = new byte[MaxBytes + 1];
                var read = 0;
                int n;
                while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
                CheckLength(full, read);
                Array.Resize(ref buffer, read);
                return buffer;
            }
        }

        /// <summary>The text of a keystore file (UTF-8, or UTF-16/32 with a byte order mark), read as <see cref="ReadBytes"/> does.</summary>
        public static string ReadText(string path) => DecodeText(ReadBytes(path));

        /// <summary>Keystore bytes as text: UTF-8 unless a byte order mark says UTF-16 or UTF-32.</summary>
        public static string DecodeText(byte[] bytes)
        {
            using var reader = new StreamReader(new MemoryStream(bytes, writable: false), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        private static void CheckLength(string path, long length)
        {
            if (length <= 0) throw NotRegular(path);
            if (length > MaxBytes)
                throw new KeystoreFileException($"'{path}' is {(length > MaxBytes + 1 ? length + " bytes" : "more than 64 KB")}; a v3 keystore is at most 64 KB (usually under 1 KB), so it was not read. Check the path.");
        }

        private static KeystoreFileException NotRegular(string path) =>
            new KeystoreFileException($"'{path}' is empty or not a regular file (a FIFO, socket or device such as /dev/zero); a keystore is a small JSON file, so it was not read. Check the path.");

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
                using (var stream = PrivateFile.CreateNew(temporary))
                {
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
