using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class FormAndLimitTests
{
    private static TempFolder FolderWithFiles(int count)
    {
        var folder = new TempFolder();
        for (var i = 0; i < count; i++) folder.File("f" + i.ToString("D3") + ".txt", "content " + i);
        return folder;
    }

    [Fact]
    public void Hundred_files_use_the_files_form()
    {
        using var folder = FolderWithFiles(100);
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(100, plan.FileCount);
        Assert.Equal(UploadForm.Files, plan.Form);
    }

    [Fact]
    public void Hundred_and_one_files_use_the_zip_form()
    {
        using var folder = FolderWithFiles(101);
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(UploadForm.Zip, plan.Form);
        Assert.Contains("101", plan.FormReason);
    }

    [Fact]
    public void Forcing_the_files_form_with_101_files_is_refused()
    {
        using var folder = FolderWithFiles(101);
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Files }));
        Assert.Contains("at most 100 files", error.Message);
    }

    [Fact]
    public void Forcing_the_zip_form_for_a_small_folder_works()
    {
        using var folder = FolderWithFiles(3);
        Assert.Equal(UploadForm.Zip, UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip }).Form);
    }

    [Fact]
    public void Content_above_the_threshold_uses_zip()
    {
        using var folder = new TempFolder().Bytes("a.bin", new byte[3 * 1024 * 1024 + 3]);
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(UploadForm.Zip, plan.Form);
        Assert.Equal(UploadSizes.Base64Length(3 * 1024 * 1024 + 3), plan.FilesFormBase64Bytes);
    }

    [Fact]
    public void Files_form_over_the_gateway_cap_fails_before_writing_with_sizes()
    {
        using var folder = new TempFolder().Bytes("video.bin", new byte[38_000_000]);
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Files }));
        Assert.Contains("50.7 MB after base64 encoding", error.Message);
        Assert.Contains("at most 50.0 MB", error.Message);
        Assert.Contains("video.bin (38.0 MB)", error.Message);
    }

    [Fact]
    public void Incompressible_media_over_the_cap_fails_at_plan_time_for_zip()
    {
        using var folder = new TempFolder().Bytes("movie.mp4", new byte[40_000_000]).File("index.html");
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
        Assert.Contains("after base64 encoding", error.Message);
        Assert.Contains("movie.mp4", error.Message);
    }

    [Fact]
    public async Task Zip_over_the_cap_fails_after_building_the_temp_zip_and_before_writing_the_body()
    {
        var random = new Random(1);
        var noise = new byte[38_000_000];
        random.NextBytes(noise);
        using var folder = new TempFolder().Bytes("data.bin", noise);
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(UploadForm.Zip, plan.Form);
        using var body = new MemoryStream();
        var error = await Assert.ThrowsAsync<PackagingException>(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, body));
        Assert.Contains("the gateway accepts at most 50.0 MB", error.Message);
        Assert.Equal(0, body.Length);
    }

    [Fact]
    public void Rest_target_accepts_what_fits_the_zip_limit()
    {
        using var folder = new TempFolder().Bytes("movie.mp4", new byte[40_000_000]).File("index.html");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Target = UploadTarget.RestApi });
        Assert.Equal(UploadForm.Zip, plan.Form);
    }

    [Fact]
    public void Rest_zip_over_50_MB_is_refused()
    {
        using var folder = new TempFolder().Bytes("movie.mp4", new byte[54_000_000]);
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root, new PackOptions { Target = UploadTarget.RestApi }));
        Assert.Contains("zip uploads up to 50.0 MB", error.Message);
    }

    [Fact]
    public void Files_form_json_size_is_exact()
    {
        using var folder = new TempFolder().File("a.txt", "abc").File("dir/\"quoted\".txt", "").File("ü.txt", "12345");
        var plan = UploadPlanner.Plan(folder.Root);
        var expected = "{\"type\":\"files\",\"files\":[{\"path\":\"a.txt\",\"content\":\"YWJj\"},{\"path\":\"dir/\\\"quoted\\\".txt\",\"content\":\"\"},{\"path\":\"ü.txt\",\"content\":\"MTIzNDU=\"}]}";
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(expected), plan.GatewayFilesUploadJsonBytes);
    }
}
