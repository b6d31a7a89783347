using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CreateOs.Bench;

/// <summary>
/// Import-Module of the built CreateOs manifest vs. a trivial binary module's manifest in real pwsh 7.6.10 (the dotnet
/// tool of .config/dotnet-tools.json; run <c>dotnet tool restore</c> once), each in a fresh process, alternating over rounds:
/// (1) in process: Import-Module alone, timed inside pwsh after a warm-up import of a tiny script module (so the engine's
/// own module code is already compiled for both); (2) whole process: pwsh started → module imported → its first command's
/// output formatted → exit (CreateOs: Get-CreateOsContext through its view), timed from outside.
/// <para>Two trivial baselines for the whole process. Issue 15 measured against Get-Trivial, which writes a bare string:
/// PowerShell writes strings without its formatter, so that run never pays for the formatter's first use (loading the
/// format tables, building a view), which any module's first object pays, ~80 ms here. The like-for-like baseline is the
/// trivial module with a one-view format file whose Get-TrivialItem writes a typed object through that view; the goal is
/// judged against it, and the string baseline's ratio is printed beside it.</para>
/// Goals: in process ≤ 3× the trivial module, whole process ≤ 1.05×. With <c>--breakdown</c> it also measures, in the
/// same rounds, CreateOs without its format file, with its format file minified, and the trivial module with a one-alias
/// types file: what each costs, and how much of that is the fixed price of having such a file at all.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    private const double InProcessGoal = 3.0;
    private const double WholeProcessGoal = 1.05;

    public string Name => "import";
    public string Description => "[rounds=15] [--breakdown]: Import-Module of CreateOs vs a trivial binary module in real pwsh 7.6.10 (fresh process each); goals in-process <= 3x, whole process <= 1.05x";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } given ? int.Parse(given) : 15;
        var breakdown = args.Contains("--breakdown");
        var repo = RepoRoot();
        var createOs = Path.Combine(repo, "out", "CreateOs", "CreateOs.psd1");
        var trivial = Path.Combine(repo, "bench", "TrivialModule", "bin", "Release", "netstandard2.0", "TrivialModule.psd1");
        foreach (var manifest in new[] { createOs, trivial })
            if (!File.Exists(manifest)) { Console.Error.WriteLine($"missing {manifest}: run dotnet build CreateOs.sln -c Release"); return 2; }
        var pwsh = PwshDll();
        if (pwsh is null) { Console.Error.WriteLine("pwsh 7.6.10 not found: run 'dotnet tool restore' in the repository"); return 2; }

        var scratch = Directory.CreateTempSubdirectory("createos-import-bench-").FullName;
        try
        {
            var warm = Path.Combine(scratch, "Warm", "Warm.psm1");
            Directory.CreateDirectory(Path.GetDirectoryName(warm)!);
            File.WriteAllText(warm, "function Get-Warm { 'warm' }\n");
            var modules = new List<(string Label, string Manifest, string FirstCommand)>
            {
                ("trivial binary module", trivial, "Get-Trivial"),
                ("CreateOs", createOs, "Get-CreateOsContext"),
                ("trivial + 1 view, an object", TrivialWithView(scratch, trivial), "Get-TrivialItem"),
            };
            if (breakdown)
                modules.AddRange(BreakdownVariants(scratch, createOs, trivial).Select(v => (v.Label, v.Manifest, v.Manifest.Contains("trivial") ? "Get-Trivial" : "Get-CreateOsContext")));
            var inProcess = modules.Select(_ => new List<double>()).ToList();
            var whole = modules.Select(_ => new List<double>()).ToList();
            foreach (var module in modules) await InProcessImport(pwsh, warm, module.Manifest); // warm the OS file cache, once
            for (var i = 0; i < rounds; i++)
            {
                for (var m = 0; m < modules.Count; m++)
                {
                    inProcess[m].Add(await InProcessImport(pwsh, warm, modules[m].Manifest));
                    whole[m].Add(await WholeProcess(pwsh, modules[m].Manifest, modules[m].FirstCommand));
                }
            }
            double Ratio(List<double> ours, List<double> baseline) => Median(ours.Zip(baseline, (o, b) => o / b).ToList());
            Console.WriteLine($"pwsh 7.6.10, {rounds} alternating rounds in fresh processes (load: {File.ReadAllText("/proc/loadavg").Trim()}):");
            Console.WriteLine($"  {"",-30} {"Import-Module in process",26} {"whole process to first output",32}");
            for (var m = 0; m < modules.Count; m++)
                Console.WriteLine(FormattableString.Invariant($"  {modules[m].Label,-30} median {Median(inProcess[m]),7:0.0} ms (x{Ratio(inProcess[m], inProcess[0]),5:0.00})   median {Median(whole[m]),7:0.0} ms (x{Ratio(whole[m], whole[0]),5:0.00})"));
            var inRatio = Ratio(inProcess[1], inProcess[0]);
            var wholeRatio = Ratio(whole[1], whole[2]);
            var (low, high) = Quartiles(whole[1].Zip(whole[2], (o, b) => o / b).ToList());
            Console.WriteLine(FormattableString.Invariant($"  CreateOs/trivial: in process {inRatio:0.00} (goal <= {InProcessGoal}); whole process to first formatted object {wholeRatio:0.000} vs trivial + 1 view (goal <= {WholeProcessGoal}; middle half of the rounds {low:0.000}-{high:0.000}), {Ratio(whole[1], whole[0]):0.000} vs trivial writing a string (issue 15's baseline, no formatter)"));
            return inRatio <= InProcessGoal && wholeRatio <= WholeProcessGoal ? 0 : 1;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Copies of both modules that differ only in their FormatsToProcess/TypesToProcess.</summary>
    private static List<(string Label, string Manifest)> BreakdownVariants(string scratch, string createOs, string trivial)
    {
        const string OneAlias = "<Types><Type><Name>Bench.One</Name><Members><AliasProperty><Name>B</Name><ReferencedMemberName>A</ReferencedMemberName></AliasProperty></Members></Type></Types>";
        return new List<(string, string)>
        {
            ("CreateOs w/o formats", Variant(scratch, "no-formats", createOs, m => Without(m, "FormatsToProcess"))),
            ("CreateOs, formats minified", Variant(scratch, "minified-formats", createOs, m => m,
                ("CreateOs.format.ps1xml", System.Xml.Linq.XDocument.Load(Path.Combine(Path.GetDirectoryName(createOs)!, "CreateOs.format.ps1xml")).ToString(System.Xml.Linq.SaveOptions.DisableFormatting)))),
            ("trivial + 1-alias types", Variant(scratch, "trivial-types", trivial, m => With(m, "TypesToProcess", "One.types.ps1xml"), ("One.types.ps1xml", OneAlias))),
        };
    }

    /// <summary>The trivial module with a one-view format file for the object Get-TrivialItem writes.</summary>
    private static string TrivialWithView(string scratch, string trivial)
    {
        const string OneView = "<Configuration><ViewDefinitions><View><Name>TrivialItem</Name><ViewSelectedBy><TypeName>TrivialModule.TrivialItem</TypeName></ViewSelectedBy><TableControl><TableHeaders><TableColumnHeader><Label>Name</Label></TableColumnHeader><TableColumnHeader><Label>Count</Label></TableColumnHeader></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem><TableColumnItem><PropertyName>Count</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>";
        return Variant(scratch, "trivial-view", trivial, m => With(m, "FormatsToProcess", "One.format.ps1xml"), ("One.format.ps1xml", OneView));
    }

    /// <summary>A copy of a module's folder under <paramref name="scratch"/>, its manifest edited and extra files written; returns the copied manifest.</summary>
    private static string Variant(string scratch, string name, string manifest, Func<string, string> editManifest, params (string File, string Text)[] files)
    {
        var folder = Path.Combine(scratch, name);
        CopyFolder(Path.GetDirectoryName(manifest)!, folder);
        var copy = Path.Combine(folder, Path.GetFileName(manifest));
        File.WriteAllText(copy, editManifest(File.ReadAllText(copy)));
        foreach (var (file, text) in files) File.WriteAllText(Path.Combine(folder, file), text);
        return copy;
    }

    private static string Without(string manifest, string key) => string.Join("\n", manifest.Split('\n').Where(l => !l.TrimStart().StartsWith(key, StringComparison.Ordinal)));

    private static string With(string manifest, string key, string file) => manifest.TrimEnd().TrimEnd('}') + $"    {key} = @('{file}')\n}}\n";

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>pwsh.dll of the PowerShell 7.6.10 dotnet tool in the NuGet package folder.</summary>
    private static string? PwshDll()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "powershell", "7.6.10", "tools", "net10.0", "any", OperatingSystem.IsWindows() ? "win" : "unix", "pwsh.dll");
        return File.Exists(path) ? path : null;
    }

    private static async Task<(string Output, TimeSpan Elapsed)> Pwsh(string pwsh, string script)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { pwsh, "-NoProfile", "-NonInteractive", "-NoLogo", "-Command", script }) start.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = watch.Elapsed;
        if (process.ExitCode != 0 || (await error).Length > 0) throw new InvalidOperationException($"pwsh failed: {await error}{await output}");
        return (await output, elapsed);
    }

    private static async Task<double> InProcessImport(string pwsh, string warm, string manifest)
    {
        var (output, _) = await Pwsh(pwsh, $"Import-Module '{warm}'; $w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '{manifest}' -ErrorAction Stop; $w.Stop(); [Console]::Out.WriteLine($w.Elapsed.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture))");
        return double.Parse(output.Trim().Split('\n').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<double> WholeProcess(string pwsh, string manifest, string firstCommand) =>
        (await Pwsh(pwsh, $"Import-Module '{manifest}' -ErrorAction Stop; {firstCommand} | Out-Default")).Elapsed.TotalMilliseconds;

    /// <summary>The first and third quartile: how far a single round's ratio wanders around the median.</summary>
    private static (double Low, double High) Quartiles(IReadOnlyCollection<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return (sorted[(sorted.Length - 1) / 4], sorted[(3 * (sorted.Length - 1) + 3) / 4]);
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
