using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CreateOs.Core
{
    /// <summary>
    /// Creates files only their owner can read, with no moment in which anyone else could open them: mode 0600 given to
    /// open(2) itself on Unix (not a chmod after creation, which leaves a window for another user to open the file and
    /// keep reading it), and a protected DACL granting the owner alone on Windows, set by CreateFile itself.
    /// </summary>
    public static class PrivateFile
    {
        private const int UserReadWrite = 0x100 | 0x80; // UnixFileMode.UserRead | UserWrite
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static readonly Type? FileStreamOptionsType = typeof(FileStream).Assembly.GetType("System.IO.FileStreamOptions", throwOnError: false);
        private static readonly PropertyInfo? UnixCreateModeProperty = FileStreamOptionsType?.GetProperty("UnixCreateMode");
        private static readonly ConstructorInfo? OptionsConstructor =
            FileStreamOptionsType == null ? null : typeof(FileStream).GetConstructor(new[] { typeof(string), FileStreamOptionsType });

        /// <summary>
        /// Whether files are created owner-only atomically here: always on Windows, and on Unix wherever the runtime can pass
        /// a creation mode to open(2) (.NET 7 and later, which every supported PowerShell 7 runs on).
        /// </summary>
        public static bool IsAtomic => IsWindows || (UnixCreateModeProperty != null && OptionsConstructor != null);

        /// <summary>
        /// Creates <paramref name="path"/> (it must not exist) for writing, readable and writable by the current user only.
        /// Where the runtime cannot create it owner-only atomically (.NET 6), it is restricted right after creation; keep such
        /// files in an owner-only folder (the payment journal is one), which closes that window too.
        /// </summary>
        public static FileStream CreateNew(string path, FileShare share = FileShare.None, int bufferSize = 4096, bool useAsync = false)
        {
            if (IsWindows) return CreateNewWindows(path, share, bufferSize);
            if (UnixCreateModeProperty != null && OptionsConstructor != null)
            {
                var options = Activator.CreateInstance(FileStreamOptionsType!);
                FileStreamOptionsType!.GetProperty("Mode")!.SetValue(options, FileMode.CreateNew);
                FileStreamOptionsType.GetProperty("Access")!.SetValue(options, FileAccess.Write);
                FileStreamOptionsType.GetProperty("Share")!.SetValue(options, share);
                FileStreamOptionsType.GetProperty("BufferSize")!.SetValue(options, bufferSize);
                FileStreamOptionsType.GetProperty("Options")!.SetValue(options, useAsync ? FileOptions.Asynchronous : FileOptions.None);
                var unixFileMode = Nullable.GetUnderlyingType(UnixCreateModeProperty.PropertyType) ?? UnixCreateModeProperty.PropertyType;
                UnixCreateModeProperty.SetValue(options, Enum.ToObject(unixFileMode, UserReadWrite));
                try
                {
                    return (FileStream)OptionsConstructor.Invoke(new[] { path, options });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                    throw;
                }
            }

            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, share, bufferSize, useAsync);
            Wallet.KeystoreFile.RestrictToOwner(path);
            return stream;
        }

        /// <summary>Copies <paramref name="source"/> to a new owner-only file and flushes it to disk.</summary>
        public static void Copy(string source, string destination)
        {
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            using var output = CreateNew(destination, FileShare.None, 81920);
            input.CopyTo(output, 81920);
            output.Flush(flushToDisk: true);
        }

        private static FileStream CreateNewWindows(string path, FileShare share, int bufferSize)
        {
            // Protected DACL (no inherited entries) with one entry: full access for the file's owner.
            const string OwnerOnly = "D:P(A;;FA;;;OW)";
            const uint GenericWrite = 0x40000000, CreateNewDisposition = 1, FileAttributeNormal = 0x80;
            if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(OwnerOnly, 1, out var descriptor, IntPtr.Zero))
                throw new Win32Exception(Marshal.GetLastWin32Error());
            try
            {
                var attributes = new SecurityAttributes { Length = Marshal.SizeOf<SecurityAttributes>(), SecurityDescriptor = descriptor, InheritHandle = 0 };
                var handle = CreateFileW(Path.GetFullPath(path), GenericWrite, (uint)share, ref attributes, CreateNewDisposition, FileAttributeNormal, IntPtr.Zero);
                if (handle.IsInvalid)
                {
                    var error = Marshal.GetLastWin32Error();
                    handle.Dispose();
                    const int FileExists = 80, AlreadyExists = 183;
                    if (error == FileExists || error == AlreadyExists) throw new IOException($"The file '{path}' already exists.");
                    throw new IOException($"Cannot create '{path}': " + new Win32Exception(error).Message);
                }
                return new FileStream(handle, FileAccess.Write, bufferSize, isAsync: false);
            }
            finally
            {
                LocalFree(descriptor);
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct SecurityAttributes
        {
            public int Length;
            public IntPtr SecurityDescriptor;
            public int InheritHandle;
        }

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string stringSecurityDescriptor, uint revision, out IntPtr securityDescriptor, IntPtr securityDescriptorSize);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern SafeFileHandle CreateFileW(string name, uint access, uint share, ref SecurityAttributes security, uint creation, uint flags, IntPtr template);

        [DllImport("kernel32.dll")]
        private static extern IntPtr LocalFree(IntPtr memory);
    }
}
