using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public class AllocationMeasurements;

/// <summary>Measures process-wide allocation, so it runs alone.</summary>
[Collection(nameof(AllocationMeasurements))]
public class StreamingMemoryTests
{
    private const int BigFileBytes = 30 * 1024 * 1024;
    private const long AllowedAllocation = 2 * 1024 * 1024;

    private static TempFolder BigFolder()
    {
        var content = new byte[BigFileBytes];
        new Random(3).NextBytes(content.AsSpan(0, BigFileBytes / 2));
        return new TempFolder().Bytes("big.bin", content).File("index.js", "x");
    }

    private static async Task<long> MeasureAsync(Func<Task> action)
    {
        await action();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    [Fact]
    public async Task Zip_of_a_30_MB_file_allocates_far_less_than_the_file()
    {
        using var folder = BigFolder();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Target = UploadTarget.RestApi });
        var allocated = await MeasureAsync(() => UploadPacker.WriteZipAsync(plan, Stream.Null));
        Assert.True(allocated < AllowedAllocation, $"allocated {allocated:N0} bytes for a {BigFileBytes:N0}-byte file");
    }

    [Fact]
    public async Task Gateway_zip_json_of_a_30_MB_file_allocates_far_less_than_the_file()
    {
        using var folder = BigFolder();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Zip });
        var allocated = await MeasureAsync(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, Stream.Null));
        Assert.True(allocated < AllowedAllocation, $"allocated {allocated:N0} bytes for a {BigFileBytes:N0}-byte file");
    }

    [Fact]
    public async Task Gateway_files_json_of_a_30_MB_file_allocates_far_less_than_the_file()
    {
        using var folder = BigFolder();
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Form = UploadForm.Files });
        var allocated = await MeasureAsync(() => UploadPacker.WriteGatewayUploadJsonAsync(plan, Stream.Null));
        Assert.True(allocated < AllowedAllocation, $"allocated {allocated:N0} bytes for a {BigFileBytes:N0}-byte file");
    }
}

/// <summary>Keystore detection streams: finding one at the end of a big JSON text, or under deep nesting, allocates almost nothing.</summary>
[Collection(nameof(AllocationMeasurements))]
public class KeystoreScanMemoryTests
{
    private const long AllowedAllocation = 2 * 1024 * 1024;

    private static long MeasurePlan(string root)
    {
        UploadPlanner.Plan(root);
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var plan = UploadPlanner.Plan(root);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        plan.AssertExcluded("data.json", ExclusionKind.Secret, "Ethereum keystore");
        return allocated;
    }

    [Fact]
    public void A_keystore_at_the_end_of_a_20_MB_JSON_file_is_found_allocating_far_less_than_the_file()
    {
        using var folder = new TempFolder().File("index.js");
        using (var writer = new StreamWriter(folder.PathOf("data.json")))
        {
            writer.Write("{\"rows\":[");
            var rows = string.Concat(Enumerable.Repeat("123456789,", 100_000));
            for (var i = 0; i < 20; i++) writer.Write(rows);
            writer.Write("0],\"wallet\":" + KeystoreDetectionTests.GethKeystore + "}");
        }
        var allocated = MeasurePlan(folder.Root);
        Assert.True(allocated < AllowedAllocation, $"allocated {allocated:N0} bytes scanning a 20 MB file");
    }

    [Fact]
    public void A_keystore_under_10_million_levels_of_nesting_is_found_allocating_far_less_than_the_file()
    {
        const int Depth = 10_000_000;
        using var folder = new TempFolder().File("index.js");
        using (var writer = new StreamWriter(folder.PathOf("data.json")))
        {
            writer.Write(new string('[', Depth));
            writer.Write(KeystoreDetectionTests.GethKeystore);
            writer.Write(new string(']', Depth));
        }
        var allocated = MeasurePlan(folder.Root);
        Assert.True(allocated < AllowedAllocation, $"allocated {allocated:N0} bytes scanning {Depth:N0} levels");
    }
}
