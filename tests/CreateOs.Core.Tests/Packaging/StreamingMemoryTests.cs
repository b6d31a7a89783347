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
