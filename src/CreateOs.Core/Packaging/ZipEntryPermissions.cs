using System;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Keeps the executable bit of files (start.sh, bin/*) in zip entries on Unix, normalised to 0755 or 0644 so the zip stays
    /// deterministic. Found by reflection: ExternalAttributes and File.GetUnixFileMode exist on modern .NET but not in netstandard2.0.
    /// </summary>
    internal static class ZipEntryPermissions
    {
        private const int RegularFileType = 0x8000;
        private const int ExecutableMode = 0x1ED;
        private const int ReadWriteMode = 0x1A4;
        private const int AnyExecuteBit = 0x49;

        private static readonly PropertyInfo? ExternalAttributes = typeof(ZipArchiveEntry).GetProperty("ExternalAttributes");
        private static readonly MethodInfo? GetUnixFileMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly bool Enabled =
            ExternalAttributes != null && GetUnixFileMode != null && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static void Apply(ZipArchiveEntry entry, string fullPath)
        {
            if (!Enabled) return;
            var mode = Convert.ToInt32(GetUnixFileMode!.Invoke(null, new object[] { fullPath }));
            var normalized = RegularFileType | ((mode & AnyExecuteBit) != 0 ? ExecutableMode : ReadWriteMode);
            ExternalAttributes!.SetValue(entry, normalized << 16);
        }
    }
}
