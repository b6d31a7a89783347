using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CreateOs.Bench;

/// <summary>
/// Cold Import-Module of the built CreateOs manifest vs. a trivial binary module's manifest, each in a fresh process
/// (an assembly loaded once stays loaded, so in-process repeats would measure nothing), alternating over rounds.
/// Goal: median ratio ≤ 1.3. With <c>--breakdown</c> it also measures, in the same rounds, CreateOs without its format
/// file, without format and types files, and the trivial module with a one-view format file and with a one-alias types
/// file: what each costs, and how much of that is a fixed price of having such a file at all.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    private const double Goal = 1.3;

    public string Name => "import";
    public string Description => "[rounds] [--breakdown]: cold Import-Module of CreateOs vs a trivial binary module (fresh process each), goal ratio <= 1.3";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } given ? int.Parse(given) : 9;
        var breakdown = args.Contains("--breakdown");
        var repo = RepoRoot();
        var createOs = Path.Combine(repo, "out", "CreateOs", "CreateOs.psd1");
        var trivial = Path.Combine(repo, "bench", "TrivialModule", "bin", "Release", "netstandard2.0", "TrivialModule.psd1");
        foreach (var manifest in new[] { createOs, trivial })
            if (!File.Exists(manifest)) { Console.Error.WriteLine($"missing {manifest}: run dotnet build CreateOs.sln -c Release"); return 2; }

        var scratch = Directory.CreateTempSubdirectory("createos-import-bench-").FullName;
        try
        {
            var others = breakdown ? BreakdownVariants(scratch, createOs, trivial) : new List<(string Label, string Manifest)>();
            var ours = new List<double>();
            var baseline = new List<double>();
            var extra = others.Select(_ => new List<double>()).ToList();
            await ChildImport(createOs); // warm the OS file cache for all, once
            await ChildImport(trivial);
            foreach (var (_, manifest) in others) await ChildImport(manifest);
            for (var i = 0; i < rounds; i++)
            {
                baseline.Add(await ChildImport(trivial));
                ours.Add(await ChildImport(createOs));
                for (var v = 0; v < others.Count; v++) extra[v].Add(await ChildImport(others[v].Manifest));
            }
            var ratio = Median(ours.Zip(baseline, (o, b) => o / b).ToList());
            Console.WriteLine($"Import-Module, {rounds} alternating rounds in fresh processes:");
            Console.WriteLine($"  trivial binary module      median {Median(baseline),8:0.0} ms");
            Console.WriteLine($"  CreateOs                   median {Median(ours),8:0.0} ms");
            for (var v = 0; v < others.Count; v++)
                Console.WriteLine($"  {others[v].Label,-26} median {Median(extra[v]),8:0.0} ms  (ratio {Median(extra[v].Zip(baseline, (o, b) => o / b).ToList()):0.00})");
            Console.WriteLine($"  ratio CreateOs/trivial median {ratio:0.00} (goal <= {Goal})");
            return ratio <= Goal ? 0 : 1;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Copies of both modules that differ only in their FormatsToProcess/TypesToProcess.</summary>
    private static List<(string Label, string Manifest)> BreakdownVariants(string scratch, string createOs, string trivial)
    {
        string Variant(string name, string manifest, Func<string, string> editManifest, params (string File, string Text)[] files)
        {
            var folder = Path.Combine(scratch, name);
            CopyFolder(Path.GetDirectoryName(manifest)!, folder);
            var copy = Path.Combine(folder, Path.GetFileName(manifest));
            File.WriteAllText(copy, editManifest(File.ReadAllText(copy)));
            foreach (var (file, text) in files) File.WriteAllText(Path.Combine(folder, file), text);
            return copy;
        }
        string Without(string manifest, string key) => string.Join("\n", manifest.Split('\n').Where(l => !l.TrimStart().StartsWith(key, StringComparison.Ordinal)));
        string With(string manifest, string key, string file) => manifest.TrimEnd().TrimEnd('}') + $"    {key} = @('{file}')\n}}\n";
        const string OneView = "<Configuration><ViewDefinitions><View><Name>One</Name><ViewSelectedBy><TypeName>Bench.One</TypeName></ViewSelectedBy><TableControl><TableHeaders><TableColumnHeader><Label>A</Label></TableColumnHeader></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>A</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>";
        const string OneAlias = "<Types><Type><Name>Bench.One</Name><Members><AliasProperty><Name>B</Name><ReferencedMemberName>A</ReferencedMemberName></AliasProperty></Members></Type></Types>";
        return new List<(string, string)>
        {
            ("CreateOs w/o formats", Variant("no-formats", createOs, m => Without(m, "FormatsToProcess"))),
            ("CreateOs w/o formats+types", Variant("no-formats-types", createOs, m => Without(Without(m, "FormatsToProcess"), "TypesToProcess"))),
            ("trivial + 1-view format", Variant("trivial-format", trivial, m => With(m, "FormatsToProcess", "One.format.ps1xml"), ("One.format.ps1xml", OneView))),
            ("trivial + 1-alias types", Variant("trivial-types", trivial, m => With(m, "TypesToProcess", "One.types.ps1xml"), ("One.types.ps1xml", OneAlias))),
        };
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
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
