using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// The canonical path with every symbolic link (in any component) resolved: realpath(3) on Unix,
    /// GetFinalPathNameByHandle on Windows. Works on .NET Framework too, which lacks ResolveLinkTarget.
    /// </summary>
    internal static class RealPath
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Paths compare case-insensitively where the usual file system does.</summary>
        public static readonly StringComparison Comparison =
            IsWindows || RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>The resolved path, or null when the path (or a link's target) does not exist.</summary>
        public static string? TryResolve(string path) => IsWindows ? ResolveWindows(path) : ResolveUnix(path);

        public static bool IsSameOrUnder(string path, string root)
        {
            if (string.Equals(path, root, Comparison)) return true;
            var prefix = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
            return path.StartsWith(prefix, Comparison);
        }

        private static readonly bool IsMacOs = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        /// <summary>
        /// The real path of the file an open handle refers to (what was actually opened, whatever links or folders were
        /// swapped on the way): /proc/self/fd on Linux, F_GETPATH on macOS, GetFinalPathNameByHandle on Windows.
        /// Returns false when the platform cannot tell; true with a null path when the file no longer has a name (deleted).
        /// </summary>
        public static bool TryResolveOpenFile(FileStream stream, out string? path)
        {
            path = null;
            var handle = stream.SafeFileHandle;
            if (IsWindows)
            {
                path = FinalPathOf(handle);
                return true;
            }

            if (IsMacOs)
            {
                const int FGetPath = 50;
                var buffer = new byte[1024];
                if (fcntl((int)handle.DangerousGetHandle(), FGetPath, buffer) == -1) return false;
                var length = Array.IndexOf(buffer, (byte)0);
                path = Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
                return true;
            }

            const string fdFolder = "/proc/self/fd/";
            if (!Directory.Exists(fdFolder)) return false;
            path = ResolveUnix(fdFolder + handle.DangerousGetHandle().ToInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }

        private static string? ResolveUnix(string path)
        {
            var result = realpath(Encoding.UTF8.GetBytes(path + "\0"), IntPtr.Zero);
            if (result == IntPtr.Zero) return null;
            try
            {
                var length = 0;
                while (Marshal.ReadByte(result, length) != 0) length++;
                var bytes = new byte[length];
                Marshal.Copy(result, bytes, 0, length);
                return Encoding.UTF8.GetString(bytes);
            }
            finally
            {
                free(result);
            }
        }

        private static string? ResolveWindows(string path)
        {
            const uint FileReadAttributes = 0x80;
            const uint ShareAll = 0x7;
            const uint OpenExisting = 3;
            const uint BackupSemantics = 0x02000000;
            using (var handle = CreateFileW(path, FileReadAttributes, ShareAll, IntPtr.Zero, OpenExisting, BackupSemantics, IntPtr.Zero))
            {
                return handle.IsInvalid ? null : FinalPathOf(handle);
            }
        }

        private static string? FinalPathOf(SafeFileHandle handle)
        {
            var buffer = new StringBuilder(1024);
            var length = GetFinalPathNameByHandleW(handle, buffer, (uint)buffer.Capacity, 0);
            if (length > buffer.Capacity)
            {
                buffer = new StringBuilder((int)length);
                length = GetFinalPathNameByHandleW(handle, buffer, (uint)buffer.Capacity, 0);
            }

            if (length == 0) throw new Win32Exception(Marshal.GetLastWin32Error());
            var result = buffer.ToString();
            if (result.StartsWith(@"\\?\UNC\", StringComparison.Ordinal)) return @"\\" + result.Substring(8);
            if (result.StartsWith(@"\\?\", StringComparison.Ordinal)) return result.Substring(4);
            return result;
        }

#pragma warning disable IDE1006, SA1300 // native names
        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr realpath(byte[] nulTerminatedUtf8Path, IntPtr resolved);

        [DllImport("libc")]
        private static extern void free(IntPtr pointer);

        [DllImport("libc", SetLastError = true)]
        private static extern int fcntl(int fd, int command, byte[] pathBuffer);
#pragma warning restore IDE1006, SA1300

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern SafeFileHandle CreateFileW(string name, uint access, uint share, IntPtr security, uint creation, uint flags, IntPtr template);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern uint GetFinalPathNameByHandleW(SafeFileHandle handle, StringBuilder buffer, uint bufferLength, uint flags);
    }
}
