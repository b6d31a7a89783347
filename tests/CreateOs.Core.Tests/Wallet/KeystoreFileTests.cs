using System.Runtime.InteropServices;
using System.Text;
using CreateOs.Core.Wallet;
using Xunit;

namespace CreateOs.Core.Tests.Wallet;

/// <summary>Keystore paths that are not small regular files are refused before a byte is read (no OOM, no hang).</summary>
[Collection(nameof(CreateOs.Core.Tests.Packaging.AllocationMeasurements))]
public class KeystoreFileTests
{
    private static readonly byte[] Password = Encoding.UTF8.GetBytes("pw");

    /// <summary>Allocation of the second run (the first pays for JIT and exception machinery); a read of the file would cost at least its 64 KB buffer.</summary>
    private static long AllocatedBy(Action action)
    {
        action();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    [Fact]
    public void Dev_zero_as_a_keystore_is_refused_before_reading_a_byte()
    {
        if (OperatingSystem.IsWindows()) return;
        KeystoreFileException? refused = null;
        var allocated = AllocatedBy(() => refused = Assert.Throws<KeystoreFileException>(() => KeystoreFile.ReadBytes("/dev/zero")));
        Assert.Contains("not a regular file", refused!.Message);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated:N0} bytes");
        Assert.Throws<KeystoreFileException>(() => Keystore.DecryptFile("/dev/zero", Password));
        Assert.False(Keystore.LooksLikeKeystore("/dev/zero"));
    }

    [Fact]
    public async Task A_FIFO_as_a_keystore_is_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows()) return;
        var fifo = Path.Combine(Path.GetTempPath(), "createos-fifo-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(0, MakeFifo(Encoding.UTF8.GetBytes(fifo + "\0"), Convert.ToUInt32("600", 8)));
        try
        {
            // Opening a FIFO for reading blocks until a writer appears: the check must come before any open.
            var read = Task.Run(() => KeystoreFile.ReadBytes(fifo));
            Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(60))));
            var refused = await Assert.ThrowsAsync<KeystoreFileException>(() => read);
            Assert.Contains("FIFO", refused.Message);
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Fact]
    public void A_100_MB_keystore_file_is_refused_unread()
    {
        var path = Path.Combine(Path.GetTempPath(), "createos-big-" + Guid.NewGuid().ToString("N") + ".json");
        using (var file = File.Create(path)) file.SetLength(100L * 1024 * 1024);
        try
        {
            KeystoreFileException? refused = null;
            var allocated = AllocatedBy(() => refused = Assert.Throws<KeystoreFileException>(() => KeystoreFile.ReadBytes(path)));
            Assert.Contains("104857600 bytes", refused!.Message);
            Assert.Contains("at most 64 KB", refused.Message);
            Assert.True(allocated < 64 * 1024, $"allocated {allocated:N0} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_folder_or_an_empty_file_is_refused_and_a_small_keystore_is_read_with_its_byte_order_mark_handled()
    {
        var folder = Directory.CreateTempSubdirectory("createos-ks-").FullName;
        try
        {
            Assert.Throws<KeystoreFileException>(() => KeystoreFile.ReadBytes(folder));
            var empty = Path.Combine(folder, "empty.json");
            File.WriteAllBytes(empty, Array.Empty<byte>());
            Assert.Throws<KeystoreFileException>(() => KeystoreFile.ReadBytes(empty));
            Assert.Throws<FileNotFoundException>(() => KeystoreFile.ReadBytes(Path.Combine(folder, "missing.json")));
            var utf16 = Path.Combine(folder, "utf16.json");
            File.WriteAllText(utf16, "{\"a\":1}", Encoding.Unicode);
            Assert.Equal("{\"a\":1}", KeystoreFile.ReadText(utf16));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(byte[] path, uint mode);
}
