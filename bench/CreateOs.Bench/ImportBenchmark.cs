using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CreateOs.Bench;

/// <summary>
/// Cold Import-Module of the built CreateOs manifest vs. a trivial binary module's manifest, each in a fresh process
/// (an assembly loaded once stays loaded, so in-process repeats would measure nothing), alternating over rounds.
/// Goal: median ratio ≤ 1.3.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    private const double Goal = 1.3;

    public string Name => "import";
    public string Description => "cold Import-Module of CreateOs vs a trivial binary module (fresh process each), goal ratio <= 1.3";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 9;
        var repo = RepoRoot();
        var createOs = Path.Combine(repo, "out", "CreateOs", "CreateOs.psd1");
        var trivial = Path.Combine(repo, "bench", "TrivialModule", "bin", "Release", "netstandard2.0", "TrivialModule.psd1");
        foreach (var manifest in new[] { createOs, trivial })
            if (!File.Exists(manifest)) { Console.Error.WriteLine($"missing {manifest}: run dotnet build CreateOs.sln -c Release"); return 2; }

        var ours = new List<double>();
        var baseline = new List<double>();
        await ChildImport(createOs); // warm the OS file cache for both, once
        await ChildImport(trivial);
        for (var i = 0; i < rounds; i++)
        {
            baseline.Add(await ChildImport(trivial));
            ours.Add(await ChildImport(createOs));
        }
        var ratios = ours.Zip(baseline, (o, b) => o / b).ToList();
        var ratio = Median(ratios);
        Console.WriteLine($"Import-Module, {rounds} alternating rounds in fresh processes:");
        Console.WriteLine($"  trivial binary module  median {Median(baseline),8:0.0} ms");
        Console.WriteLine($"  CreateOs               median {Median(ours),8:0.0} ms");
        Console.WriteLine($"  ratio CreateOs/trivial median {ratio:0.00} (goal <= {Goal})");
        return ratio <= Goal ? 0 : 1;
    }

    private static async Task<double> ChildImport(string manifest)
    {
        // The runner references only the engine, so the child starts like pwsh: none of the module's assemblies loaded.
        var runner = Path.Combine(RepoRoot(), "tools", "CreateOs.Runner", "bin", "Release", "net10.0", "CreateOs.Runner.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { runner, "--measure-import", manifest }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"import of {manifest} failed: {error}{output}");
        return double.Parse(output.Trim().Split('\n').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CreateOs.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root");
    }
}
