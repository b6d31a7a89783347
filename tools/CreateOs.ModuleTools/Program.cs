using CreateOs.ModuleTools.Help;
using CreateOs.ModuleTools.Packaging;
using CreateOs.ModuleTools.Probes;

// dotnet run --project tools/CreateOs.ModuleTools -- <command> [options]; see docs/BUILD.md.
var command = args.Length > 0 ? args[0] : "help";
var options = Options.Parse(args.Skip(1).ToArray());
try
{
    switch (command)
    {
        case "markdown":
            return MarkdownUpdater.Run(options.Get("module", RepoPaths.BuiltManifest), options.Get("docs", RepoPaths.Docs), options.Has("check"));
        case "maml":
            return MamlCommand.Run(options.Get("docs", RepoPaths.Docs), options.Get("out", Path.Combine(RepoPaths.ModuleFolder, "en-US")));
        case "package":
            return GalleryPackage.Run(options.Get("module", RepoPaths.ModuleFolder), options.Get("out", Path.Combine(RepoPaths.Root, "out", "packages")));
        case "probe-import":
            return ImportProbe.Run(options.Get("module", RepoPaths.BuiltManifest), options.GetAll("preload"), options.Has("decoy-bouncycastle"), options.Has("desktop-resolver"));
        default:
            Console.WriteLine("""
                usage: CreateOs.ModuleTools <command> [options]
                  markdown [--module <psd1>] [--docs <folder>] [--check]
                        create or update docs/en-US/<Cmdlet>.md from the built module (syntax and parameter blocks are
                        regenerated; synopsis, description, examples and parameter descriptions are kept). --check only
                        reports files that would change (exit code 1).
                  maml [--docs <folder>] [--out <folder>]
                        turn docs/en-US/*.md into CreateOs.dll-Help.xml (MAML) and about_*.help.txt in the module folder.
                  package [--module <folder>] [--out <folder>]
                        write CreateOs.<version>.nupkg laid out as the PowerShell Gallery expects.
                  probe-import [--module <psd1>] [--preload <dll>]... [--decoy-bouncycastle] [--desktop-resolver]
                        load other assemblies first, import the module, create a wallet; prints what was loaded where.
                """);
            return command == "help" ? 0 : 2;
    }
}
catch (ToolException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 1;
}

internal sealed class ToolException(string message) : Exception(message);

internal sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) throw new ToolException($"unexpected argument '{args[i]}'");
            var name = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "";
            if (!options._values.TryGetValue(name, out var list)) options._values[name] = list = new();
            list.Add(value);
        }
        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);
    public string Get(string name, Func<string> fallback) => _values.TryGetValue(name, out var v) && v[^1].Length > 0 ? Path.GetFullPath(v[^1]) : fallback();
    public string Get(string name, string fallback) => _values.TryGetValue(name, out var v) && v[^1].Length > 0 ? Path.GetFullPath(v[^1]) : fallback;
    public IReadOnlyList<string> GetAll(string name) => _values.TryGetValue(name, out var v) ? v.Where(x => x.Length > 0).Select(Path.GetFullPath).ToList() : new List<string>();
}

internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "CreateOs.sln"))) return dir.FullName;
            throw new ToolException("cannot find the repository root (the folder with CreateOs.sln)");
        }
    }

    public static string Docs => Path.Combine(Root, "docs", "en-US");
    public static string ModuleFolder => Path.Combine(Root, "out", "CreateOs");
    public static string BuiltManifest()
    {
        var manifest = Path.Combine(ModuleFolder, "CreateOs.psd1");
        if (!File.Exists(manifest)) throw new ToolException($"{manifest} is missing: build first (dotnet build CreateOs.sln -c Release)");
        return manifest;
    }
}
