using CreateOs.Core.Http;

namespace CreateOs.Core.Tests.Http;

public class ProgressStreamContentTests
{
    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class Recorder : IProgress<TransferProgress>
    {
        public List<TransferProgress> Reports { get; } = new();
        public void Report(TransferProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Reports_the_bytes_sent_from_zero_to_the_length_and_sends_them_unchanged()
    {
        var body = new byte[3 * 1024 * 1024 + 123];
        new Random(3).NextBytes(body);
        var recorder = new Recorder();
        using var content = new ProgressStreamContent(new MemoryStream(body), recorder);

        Assert.Equal(body.Length, content.Headers.ContentLength);
        var sent = new MemoryStream();
        await content.CopyToAsync(sent);

        Assert.Equal(body, sent.ToArray());
        Assert.Equal(0, recorder.Reports.First().BytesSent);
        Assert.Equal(body.Length, recorder.Reports.Last().BytesSent);
        Assert.All(recorder.Reports, r => Assert.Equal(body.Length, r.BytesTotal));
        Assert.True(recorder.Reports.Zip(recorder.Reports.Skip(1)).All(p => p.Second.BytesSent > p.First.BytesSent));
        // About every percent, not every 64 KiB chunk.
        Assert.InRange(recorder.Reports.Count, 10, 102);
    }

    [Fact]
    public async Task An_empty_body_reports_its_start()
    {
        var recorder = new Recorder();
        using var content = new ProgressStreamContent(new MemoryStream(), recorder);
        await content.CopyToAsync(new MemoryStream());
        var only = Assert.Single(recorder.Reports);
        Assert.Equal(0, only.BytesTotal);
    }
}
