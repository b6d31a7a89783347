using System.IO.Compression;
using System.Text;
using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

/// <summary>
/// Whatever happens to the folder between the scan (which judged every file) and the read that builds the body, the body
/// holds only what was judged: a path that now leads out of the folder, or a file with new content, stops the pack.
/// </summary>
public class ChangedWhilePackingTests
{
    [Fact]
    public async Task A_file_swapped_for_a_link_out_of_the_folder_after_planning_is_refused_and_none_of_the_target_is_written()
    {
        if (OperatingSystem.IsWindows()) return;
        using var outside = new TempFolder().File("id_key", "OUTSIDE-SECRET-0001");
        using var folder = new TempFolder().File("index.js", "x").File("notes.txt", "planned-content-001");
        var plan = UploadPlanner.Plan(folder.Root);
        File.Delete(folder.PathOf("notes.txt"));
        File.CreateSymbolicLink(folder.PathOf("notes.txt"), outside.PathOf("id_key"));

        using var body = new MemoryStream();
        var error = await Assert.ThrowsAsync<PackagingException>(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, body));

        Assert.Equal("notes.txt", error.Path);
        Assert.Contains("changed while packing", error.Message);
        Assert.Contains(outside.PathOf("id_key"), error.Message);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("OUTSIDE-SECRET-0001")), Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task A_folder_swapped_for_a_link_out_of_the_folder_after_planning_is_refused_in_the_zip_form_too()
    {
        if (OperatingSystem.IsWindows()) return;
        using var outside = new TempFolder().File("config.js", "module.exports = 'OUTSIDE';");
        using var folder = new TempFolder().File("index.js", "x").File("lib/config.js", "module.exports = 'inside!';");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        Directory.Move(folder.PathOf("lib"), folder.PathOf("lib-old"));
        Directory.CreateSymbolicLink(folder.PathOf("lib"), outside.Root);

        var error = await Assert.ThrowsAsync<PackagingException>(() => UploadPacker.PackZipToTempFileAsync(plan));

        Assert.Equal("lib/config.js", error.Path);
        Assert.Contains("changed while packing", error.Message);
    }

    [Fact]
    public async Task A_link_retargeted_after_planning_still_uploads_the_file_that_was_checked()
    {
        if (OperatingSystem.IsWindows()) return;
        using var outside = new TempFolder().File("other.txt", "OUTSIDE");
        using var folder = new TempFolder().File("inside.txt", "checked").File("index.js", "x");
        File.CreateSymbolicLink(folder.PathOf("alias.txt"), "inside.txt");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        File.Delete(folder.PathOf("alias.txt"));
        File.CreateSymbolicLink(folder.PathOf("alias.txt"), outside.PathOf("other.txt"));

        using var zip = new MemoryStream();
        await UploadPacker.WriteZipAsync(plan, zip);

        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry("alias.txt")!.Open());
        Assert.Equal("checked", reader.ReadToEnd());
    }

    [Fact]
    public async Task A_file_rewritten_with_the_same_size_after_planning_is_refused()
    {
        using var folder = new TempFolder().File("index.js", "x").File("config.txt", "harmless-value-0000000000000000000000000000000000000000000000000");
        var plan = UploadPlanner.Plan(folder.Root);
        var path = folder.PathOf("config.txt");
        var planned = File.GetLastWriteTimeUtc(path);
        folder.File("config.txt", "0x" + new string('a', 64));
        // The kernel stamps writes with a coarse clock: a rewrite within the same tick keeps the time, a later one moves it.
        File.SetLastWriteTimeUtc(path, planned.AddSeconds(1));

        var error = await Assert.ThrowsAsync<PackagingException>(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, new MemoryStream()));

        Assert.Equal("config.txt", error.Path);
        Assert.Contains("changed while packing", error.Message);
    }

    [Fact]
    public async Task A_file_deleted_after_planning_is_reported_naming_it()
    {
        using var folder = new TempFolder().File("index.js", "x").File("gone.txt", "soon gone");
        var plan = UploadPlanner.Plan(folder.Root);
        File.Delete(folder.PathOf("gone.txt"));

        var error = await Assert.ThrowsAsync<PackagingException>(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, new MemoryStream()));

        Assert.Equal("gone.txt", error.Path);
    }
}
