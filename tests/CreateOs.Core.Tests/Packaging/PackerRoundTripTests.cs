using System.IO.Compression;
using System.Text;
using CreateOs.Core.Packaging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class PackerRoundTripTests
{
    private static TempFolder SampleApp()
    {
        var binary = new byte[200_000];
        new Random(7).NextBytes(binary);
        return new TempFolder()
            .File("package.json", "{\"name\":\"app\",\"scripts\":{\"start\":\"node server.js\"}}")
            .File("server.js", "require('http').createServer((q, s) => s.end('hi')).listen(process.env.PORT || 3000);\n")
            .File("public/index.html", "<h1>héllo \"world\"</h1>\r\n\t\u2028")
            .File("public/empty.txt", "")
            .Bytes("public/logo.png", binary)
            .Bytes("data/blob.bin", binary.Take(100_001).ToArray())
            .File("node_modules/x/index.js", "ignored")
            .File(".env", "SECRET=1");
    }

    private static Dictionary<string, byte[]> ExpectedContents(UploadPlan plan) =>
        plan.Files.ToDictionary(f => f.RelativePath, f => File.ReadAllBytes(f.FullPath));

    [Fact]
    public async Task Zip_round_trips_exact_contents_with_forward_slashes()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        using var zipBytes = new MemoryStream();
        var result = await UploadPacker.WriteZipAsync(plan, zipBytes);
        Assert.Equal(zipBytes.Length, result.Length);
        Assert.True(result.Length <= plan.ZipLengthUpperBound, $"zip {result.Length} > bound {plan.ZipLengthUpperBound}, raw {plan.TotalBytes}");

        zipBytes.Position = 0;
        using var archive = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        Assert.Equal(plan.Paths(), archive.Entries.Select(e => e.FullName).ToArray());
        foreach (var (path, expected) in ExpectedContents(plan))
        {
            using var entryStream = archive.GetEntry(path)!.Open();
            using var copy = new MemoryStream();
            entryStream.CopyTo(copy);
            Assert.Equal(expected, copy.ToArray());
        }

        Assert.DoesNotContain(archive.Entries, e => e.FullName.Contains('\\') || e.FullName.Contains("node_modules") || e.FullName == ".env");
    }

    [Fact]
    public async Task High_entropy_content_is_stored_not_deflated()
    {
        var noise = new byte[1_000_000];
        new Random(5).NextBytes(noise);
        using var folder = new TempFolder().Bytes("noise.dat", noise).Bytes("zeros.dat", new byte[1_000_000]);
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        using var zipBytes = new MemoryStream();
        await UploadPacker.WriteZipAsync(plan, zipBytes);
        zipBytes.Position = 0;
        using var archive = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        Assert.Equal(noise.Length, archive.GetEntry("noise.dat")!.CompressedLength);
        Assert.True(archive.GetEntry("zeros.dat")!.CompressedLength < 10_000);
    }

    [Theory]
    [InlineData(CompressionLevel.Fastest)]
    [InlineData(CompressionLevel.Optimal)]
    public async Task Both_deflate_levels_round_trip(CompressionLevel level)
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip, ZipCompressionLevel = level });
        using var zipBytes = new MemoryStream();
        await UploadPacker.WriteZipAsync(plan, zipBytes);
        zipBytes.Position = 0;
        using var archive = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        foreach (var (path, expected) in ExpectedContents(plan))
        {
            using var copy = new MemoryStream();
            using (var entryStream = archive.GetEntry(path)!.Open()) entryStream.CopyTo(copy);
            Assert.Equal(expected, copy.ToArray());
        }
    }

    [Fact]
    public async Task Executable_bit_is_kept_on_unix()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder().File("start.sh", "#!/bin/sh\nnode server.js\n").File("server.js", "x");
        File.SetUnixFileMode(folder.PathOf("start.sh"), (UnixFileMode)0x1C0 /* 0700 */);
        File.SetUnixFileMode(folder.PathOf("server.js"), (UnixFileMode)0x180 /* 0600 */);
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        using var zipBytes = new MemoryStream();
        await UploadPacker.WriteZipAsync(plan, zipBytes);
        zipBytes.Position = 0;
        using var archive = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        Assert.Equal(0x81EDu, (uint)archive.GetEntry("start.sh")!.ExternalAttributes >> 16);
        Assert.Equal(0x81A4u, (uint)archive.GetEntry("server.js")!.ExternalAttributes >> 16);
    }

    [Fact]
    public async Task Fifo_is_reported_as_not_a_regular_file_and_does_not_block_packing()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder().File("index.js", "x");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", folder.PathOf("pipe"))) mkfifo.WaitForExit();
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded("pipe", ExclusionKind.NotARegularFile, "a named pipe (FIFO)");
        var packing = UploadPacker.WriteGatewayUploadJsonAsync(plan, new MemoryStream());
        Assert.Same(packing, await Task.WhenAny(packing, Task.Delay(TimeSpan.FromSeconds(20))));
        await packing;
        var zipping = UploadPacker.WriteZipAsync(plan, new MemoryStream());
        Assert.Same(zipping, await Task.WhenAny(zipping, Task.Delay(TimeSpan.FromSeconds(20))));
    }

    [Fact]
    public void Socket_in_the_folder_is_reported_as_not_a_regular_file_and_not_uploaded()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder().File("index.js", "x");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(folder.PathOf("app.sock")));
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded("app.sock", ExclusionKind.NotARegularFile, "a socket: not a regular file");
    }

    [Fact]
    public void An_empty_regular_file_is_uploaded()
    {
        using var folder = new TempFolder().File("index.js", "x").File("empty.txt", "");
        Assert.Contains(UploadPlanner.Plan(folder.Root).Files, f => f.RelativePath == "empty.txt" && f.Size == 0);
    }

    [Fact]
    public async Task Digest_is_deterministic_and_matches_the_bytes()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        var a = await UploadPacker.WriteZipAsync(plan, first);
        File.SetLastWriteTimeUtc(folder.PathOf("server.js"), DateTime.UtcNow.AddDays(-3));
        var b = await UploadPacker.WriteZipAsync(UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip }), second);
        Assert.Equal(a.Sha256Hex, b.Sha256Hex);
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(first.ToArray())).ToLowerInvariant(), a.Sha256Hex);

        folder.File("server.js", "changed");
        var c = await UploadPacker.WriteZipAsync(UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip }), new MemoryStream());
        Assert.NotEqual(a.Sha256Hex, c.Sha256Hex);
    }

    [Fact]
    public async Task Gateway_files_form_round_trips_and_has_the_planned_length()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(UploadForm.Files, plan.Form);
        using var body = new MemoryStream();
        var result = await UploadPacker.WriteGatewayUploadJsonAsync(plan, body);
        Assert.Equal(plan.GatewayFilesUploadJsonBytes, body.Length);
        Assert.Equal(body.Length, result.Length);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body.ToArray())).ToLowerInvariant(), result.Sha256Hex);

        var upload = JObject.Parse(Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal("files", (string?)upload["type"]);
        var files = (JArray)upload["files"]!;
        var expected = ExpectedContents(plan);
        Assert.Equal(expected.Keys.ToArray(), files.Select(f => (string)f["path"]!).ToArray());
        foreach (var file in files)
            Assert.Equal(expected[(string)file["path"]!], Convert.FromBase64String((string)file["content"]!));

        using var again = new MemoryStream();
        Assert.Equal(result.Sha256Hex, (await UploadPacker.WriteGatewayUploadJsonAsync(plan, again)).Sha256Hex);
    }

    [Fact]
    public async Task Gateway_zip_form_round_trips()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        using var body = new MemoryStream();
        var result = await UploadPacker.WriteGatewayUploadJsonAsync(plan, body);
        Assert.Equal(UploadForm.Zip, result.Form);
        var upload = JObject.Parse(Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal("zip", (string?)upload["type"]);
        Assert.Equal("code.zip", (string?)upload["filename"]);
        var zip = Convert.FromBase64String((string)upload["data"]!);
        Assert.Equal(UploadSizes.GatewayZipUploadJsonBytes(zip.Length), body.Length);
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(plan.Paths(), archive.Entries.Select(e => e.FullName).ToArray());
    }

    [Theory]
    [InlineData(UploadForm.Files)]
    [InlineData(UploadForm.Zip)]
    public async Task Upload_value_streams_into_a_callers_JsonTextWriter(UploadForm form)
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = form });
        using var direct = new MemoryStream();
        var directResult = await UploadPacker.WriteGatewayUploadJsonAsync(plan, direct);

        var text = new StringWriter();
        PackResult embedded;
        using (var writer = new JsonTextWriter(text))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("uniqueName");
            writer.WriteValue("my-app");
            writer.WritePropertyName("upload");
            embedded = await UploadPacker.WriteGatewayUploadJsonAsync(plan, writer);
            writer.WritePropertyName("months");
            writer.WriteValue(1);
            writer.WriteEndObject();
        }

        var body = JObject.Parse(text.ToString());
        Assert.Equal("my-app", (string?)body["uniqueName"]);
        Assert.Equal(1, (int)body["months"]!);
        Assert.Equal(Encoding.UTF8.GetString(direct.ToArray()), body["upload"]!.ToString(Formatting.None));
        Assert.Equal(directResult.Sha256Hex, embedded.Sha256Hex);
    }

    [Fact]
    public async Task Json_writer_overload_needs_a_text_writer()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root);
        await Assert.ThrowsAsync<ArgumentException>(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, new JTokenWriter()));
    }

    [Fact]
    public void Gateway_envelope_counts_against_the_cap()
    {
        using var folder = new TempFolder().Bytes("a.bin", new byte[3_000_000]);
        var options = new PackOptions { Form = UploadForm.Files, GatewayEnvelopeBytes = 46_000_000 };
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root, options));
        Assert.Contains("50.0 MB after base64 encoding", error.Message);
    }

    [Fact]
    public async Task Rest_plain_text_files_round_trip()
    {
        using var folder = new TempFolder().File("index.js", "console.log(\"hi\\n\");\r\n").File("README.md", "ünïcödé \u0001 tab\t");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Target = UploadTarget.RestApi });
        Assert.Equal(RestFilesContent.PlainText, await UploadPacker.ChooseRestFilesContentAsync(plan));
        using var body = new MemoryStream();
        await UploadPacker.WriteRestFilesJsonAsync(plan, body, RestFilesContent.PlainText);
        var files = (JArray)JObject.Parse(Encoding.UTF8.GetString(body.ToArray()))["files"]!;
        Assert.Equal("README.md", (string)files[0]["path"]!);
        Assert.Equal("ünïcödé \u0001 tab\t", (string)files[0]["content"]!);
        Assert.Equal("console.log(\"hi\\n\");\r\n", (string)files[1]["content"]!);
    }

    [Fact]
    public async Task Rest_binary_files_choose_base64()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Target = UploadTarget.RestApi });
        Assert.Equal(RestFilesContent.Base64, await UploadPacker.ChooseRestFilesContentAsync(plan));
        using var body = new MemoryStream();
        await UploadPacker.WriteRestFilesJsonAsync(plan, body, RestFilesContent.Base64);
        var files = (JArray)JObject.Parse(Encoding.UTF8.GetString(body.ToArray()))["files"]!;
        var expected = ExpectedContents(plan);
        foreach (var file in files)
            Assert.Equal(expected[(string)file["path"]!], Convert.FromBase64String((string)file["content"]!));
    }

    [Fact]
    public async Task Rest_plain_text_refuses_binary_content()
    {
        using var folder = new TempFolder().Bytes("a.bin", new byte[] { 0xFF, 0xFE, 0x00 });
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Target = UploadTarget.RestApi });
        await Assert.ThrowsAsync<PackagingException>(() => UploadPacker.WriteRestFilesJsonAsync(plan, new MemoryStream(), RestFilesContent.PlainText));
    }

    [Fact]
    public async Task Temp_zip_is_checked_and_deleted_on_dispose()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        string path;
        using (var zip = await UploadPacker.PackZipToTempFileAsync(plan))
        {
            path = zip.Path;
            Assert.Equal(new FileInfo(path).Length, zip.Length);
            using var read = zip.OpenRead();
            using var archive = new ZipArchive(read, ZipArchiveMode.Read);
            Assert.Equal(plan.FileCount, archive.Entries.Count);
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task File_changed_after_planning_is_reported()
    {
        using var folder = new TempFolder().File("a.txt", "short");
        var plan = UploadPlanner.Plan(folder.Root);
        folder.File("a.txt", "much longer now");
        var error = await Assert.ThrowsAsync<PackagingException>(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, new MemoryStream()));
        Assert.Contains("changed while packing", error.Message);
    }

    [Fact]
    public async Task Progress_reports_bytes_and_paths()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        var reports = new List<PackProgress>();
        var progress = new SynchronousProgress(reports.Add);
        await UploadPacker.WriteGatewayUploadJsonAsync(plan, new MemoryStream(), progress);
        var reading = reports.Where(r => r.Stage == PackStage.ReadingFiles).ToList();
        Assert.Equal(plan.TotalBytes, reading.Last().BytesDone);
        Assert.All(reading, r => Assert.Equal(plan.TotalBytes, r.BytesTotal));
        Assert.Contains(reading, r => r.CurrentPath == "server.js");
        var encoding = reports.Where(r => r.Stage == PackStage.EncodingZip).ToList();
        Assert.Equal(encoding.Last().BytesTotal, encoding.Last().BytesDone);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var folder = SampleApp();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.BytesDone > 0) cancellation.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UploadPacker.WriteZipAsync(plan, new MemoryStream(), progress, cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, new MemoryStream(), null, new CancellationToken(true)));
    }

    internal sealed class SynchronousProgress(Action<PackProgress> onReport) : IProgress<PackProgress>
    {
        public void Report(PackProgress value) => onReport(value);
    }
}
