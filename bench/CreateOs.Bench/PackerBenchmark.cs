using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CreateOs.Core.Packaging;

namespace CreateOs.Bench;

/// <summary>
/// Our zip packer against Info-ZIP's <c>zip -r -q</c> on a generated 10k-file / ~200 MB folder, in alternating rounds.
/// Goals: median time ratio ours/zip ≤ 1.0 and working-set growth during our runs ≤ 64 MiB.
/// Args: <c>--rounds N</c> (3), <c>--files N</c> (10000), <c>--mb N</c> (200), <c>--fastest</c> (deflate level 1 instead of the default).
/// Needs the <c>zip</c> command (Debian/Ubuntu: <c>apt-get install -y zip</c>).
/// </summary>
public sealed class PackerBenchmark : IBenchmark
{
    private const long MemoryGoalBytes = 64L * 1024 * 1024;

    public string Name => "packer";

    public string Description => "zip packer vs `zip -r -q` on a 10k-file / 200 MB folder (time ratio ≤ 1.0, memory growth ≤ 64 MiB)";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = IntArg(args, "--rounds", 3);
        var fileCount = IntArg(args, "--files", 10_000);
        var targetMegabytes = IntArg(args, "--mb", 200);
        var level = Array.IndexOf(args, "--fastest") >= 0 ? CompressionLevel.Fastest : new PackOptions().ZipCompressionLevel;
        Console.WriteLine($"packer: our deflate level {level}");
        if (!ZipCommandAvailable())
        {
            Console.Error.WriteLine("packer: the `zip` command is missing; install it (Debian/Ubuntu: apt-get install -y zip) and run again.");
            return 2;
        }

        var dataset = PackerDataset.Ensure(fileCount, targetMegabytes * 1_000_000L);
        Console.WriteLine($"packer: dataset {dataset.Root}: {dataset.FileCount:N0} files, {dataset.TotalBytes / 1e6:F1} MB");
        var workDir = Path.Combine(Path.GetTempPath(), "createos-bench-packer-out");
        Directory.CreateDirectory(workDir);
        var ourZip = Path.Combine(workDir, "ours.zip");
        var theirZip = Path.Combine(workDir, "theirs.zip");

        // Warm-up: JIT and page cache, for both sides alike.
        await PackOursAsync(dataset.Root, ourZip, level);
        RunZip(dataset.Root, theirZip);

        var ourTimes = new List<double>();
        var zipTimes = new List<double>();
        long ourPeakGrowth = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Alternate who goes first so neither side always gets the warmer cache.
            if (round % 2 == 0)
            {
                var (ours, growth) = await MeasureOursAsync(dataset.Root, ourZip, level);
                ourTimes.Add(ours);
                ourPeakGrowth = Math.Max(ourPeakGrowth, growth);
                zipTimes.Add(RunZip(dataset.Root, theirZip));
            }
            else
            {
                zipTimes.Add(RunZip(dataset.Root, theirZip));
                var (ours, growth) = await MeasureOursAsync(dataset.Root, ourZip, level);
                ourTimes.Add(ours);
                ourPeakGrowth = Math.Max(ourPeakGrowth, growth);
            }

            Console.WriteLine($"packer: round {round + 1}: ours {ourTimes[^1]:F2} s, zip {zipTimes[^1]:F2} s");
        }

        var ourMedian = Median(ourTimes);
        var zipMedian = Median(zipTimes);
        var ratio = ourMedian / zipMedian;
        Console.WriteLine($"packer: median ours {ourMedian:F2} s, zip -r -q {zipMedian:F2} s, ratio ours/zip {ratio:F2} (goal <= 1.00)");
        Console.WriteLine($"packer: archive size ours {new FileInfo(ourZip).Length / 1e6:F1} MB, zip {new FileInfo(theirZip).Length / 1e6:F1} MB");
        Console.WriteLine($"packer: peak working-set growth during our runs {ourPeakGrowth / 1048576.0:F1} MiB (goal <= {MemoryGoalBytes / 1048576} MiB)");
        File.Delete(ourZip);
        File.Delete(theirZip);
        var met = ratio <= 1.0 && ourPeakGrowth <= MemoryGoalBytes;
        Console.WriteLine(met ? "packer: goals met" : "packer: goals NOT met");
        return met ? 0 : 1;
    }

    private static async Task<(double Seconds, long PeakGrowth)> MeasureOursAsync(string root, string output, CompressionLevel level)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                try
                {
                    await Task.Delay(5, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var seconds = await PackOursAsync(root, output, level);
        stop.Cancel();
        await sampler;
        return (seconds, peak - baseline);
    }

    private static async Task<double> PackOursAsync(string root, string output, CompressionLevel level)
    {
        File.Delete(output);
        var watch = Stopwatch.StartNew();
        var plan = UploadPlanner.Plan(root, new PackOptions { Target = UploadTarget.RestApi, Form = UploadForm.Zip, UseGitIgnore = false, ZipCompressionLevel = level });
        await using (var file = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            await UploadPacker.WriteZipAsync(plan, file);
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static double RunZip(string root, string output)
    {
        // zip -r updates an existing archive, so start from nothing every time.
        File.Delete(output);
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("zip") { WorkingDirectory = root, UseShellExecute = false };
        foreach (var arg in new[] { "-r", "-q", output, "." }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("zip exited with " + process.ExitCode);
        return watch.Elapsed.TotalSeconds;
    }

    private static bool ZipCommandAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("zip", "-v") { RedirectStandardOutput = true, UseShellExecute = false })!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }
}
