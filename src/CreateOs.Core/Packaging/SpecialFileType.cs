using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Tells named pipes, sockets and device files from regular files, which netstandard2.0 cannot: they report size 0
    /// (so they were never opened), and without this they went up as empty files. Uses the .NET runtime's own stat shim
    /// (libSystem.Native, whose FileStatus starts with Flags then the POSIX mode), present wherever .NET runs on Unix.
    /// </summary>
    internal static class SpecialFileType
    {
        private const int TypeMask = 0xF000;
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static bool _unavailable;

        /// <summary>"a named pipe (FIFO)", "a socket", "a character device", "a block device", or null for anything else or when unknown.</summary>
        public static string? Describe(string path)
        {
            if (IsWindows || _unavailable) return null;
            var status = new byte[512]; // FileStatus is about 130 bytes; room to spare if it grows
            int result;
            try
            {
                result = SystemNative_Stat(Encoding.UTF8.GetBytes(path + "\0"), status);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                _unavailable = true;
                return null;
            }

            if (result != 0) return null;
            switch (BitConverter.ToInt32(status, 4) & TypeMask)
            {
                case 0x1000: return "a named pipe (FIFO)";
                case 0x2000: return "a character device";
                case 0x6000: return "a block device";
                case 0xC000: return "a socket";
                default: return null;
            }
        }

#pragma warning disable IDE1006, SA1300 // native names
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int SystemNative_Stat(byte[] nulTerminatedUtf8Path, byte[] fileStatus);
#pragma warning restore IDE1006, SA1300
    }
}
