using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using System.Xml.Linq;

namespace CreateOs.ModuleTools.Help;

/// <summary>
/// Update-MarkdownHelp for this module: imports the built module, reads every cmdlet's real metadata and (re)writes
/// docs/en-US/&lt;Cmdlet&gt;.md. Syntax, parameter yaml blocks, inputs and outputs are regenerated; the synopsis,
/// description, examples, notes, links and parameter descriptions already written are kept. New files are seeded from
/// the code's XML documentation (the cmdlet's synopsis para, each parameter's summary).
/// </summary>
internal static class MarkdownUpdater
{
    public const string OnlineBase = "https://github.com/createos-powershell/CreateOs/blob/main/docs/en-US/";

    private static readonly Dictionary<string, string> SharedDescriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Session"] = "The session to use instead of the current runspace's default one (see Connect-CreateOs -PassThru and Get-CreateOsContext).",
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run: nothing is sent to CreateOS and nothing is paid.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    public static int Run(string manifest, string docs, bool checkOnly)
    {
        Directory.CreateDirectory(docs);
        var seeds = XmlDocSeeds.Load(Path.Combine(RepoPaths.Root, "src", "CreateOs", "bin"));
        var changed = 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var fresh in CommandMetadata.Read(manifest))
        {
            names.Add(fresh.Name);
            var path = Path.Combine(docs, fresh.Name + ".md");
            var existing = File.Exists(path) ? HelpMarkdown.Parse(File.ReadAllText(path)) : null;
            var merged = Merge(fresh, existing, seeds);
            var text = HelpMarkdown.Write(merged);
            var before = existing is null ? null : File.ReadAllText(path);
            if (before == text) continue;
            changed++;
            Console.WriteLine($"{(existing is null ? "created" : "updated")}: {Path.GetRelativePath(RepoPaths.Root, path)}");
            if (!checkOnly) File.WriteAllText(path, text, new UTF8Encoding(false));
        }
        foreach (var orphan in Directory.GetFiles(docs, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => !n!.StartsWith("about_") && !names.Contains(n!)))
            Console.WriteLine($"warning: docs/en-US/{orphan}.md documents no exported cmdlet");
        Console.WriteLine($"{names.Count} cmdlets, {changed} help files {(checkOnly ? "out of date" : "written")}.");
        return checkOnly && changed > 0 ? 1 : 0;
    }

    private static CommandHelp Merge(CommandHelp fresh, CommandHelp? existing, XmlDocSeeds seeds)
    {
        fresh.Metadata["external help file"] = "CreateOs.dll-Help.xml";
        fresh.Metadata["Module Name"] = "CreateOs";
        fresh.Metadata["online version"] = existing?.Metadata.GetValueOrDefault("online version") is { Length: > 0 } online ? online : OnlineBase + fresh.Name + ".md";
        fresh.Metadata["schema"] = "2.0.0";
        fresh.Synopsis = Kept(existing?.Synopsis) ?? seeds.SynopsisOf(fresh.Name) ?? "";
        fresh.Description = Kept(existing?.Description) ?? "";
        fresh.Notes = existing?.Notes ?? "";
        if (existing != null)
        {
            fresh.Examples.AddRange(existing.Examples);
            fresh.RelatedLinks.AddRange(existing.RelatedLinks);
        }
        if (fresh.RelatedLinks.Count == 0) fresh.RelatedLinks.Add(("Online Version:", fresh.Metadata["online version"]));

        foreach (var parameter in fresh.Parameters)
        {
            var old = existing?.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            parameter.Description = Kept(old?.Description) ?? seeds.ParameterOf(fresh.Name, parameter.Name) ?? SharedDescriptions.GetValueOrDefault(parameter.Name) ?? "";
            if (old != null && old.DefaultValue != "None" && old.DefaultValue.Length > 0)
                foreach (var block in new[] { parameter }.Concat(parameter.ExtraSetBlocks)) block.DefaultValue = old.DefaultValue;
        }
        foreach (var type in fresh.Inputs.Concat(fresh.Outputs))
        {
            var old = existing?.Inputs.Concat(existing.Outputs).FirstOrDefault(t => t.TypeName == type.TypeName && t.Description.Length > 0);
            if (old != null) type.Description = old.Description;
        }
        return fresh;
    }

    private static string? Kept(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Contains("{{ Fill in", StringComparison.Ordinal) ? null : text;
}

/// <summary>Cmdlet metadata as platyPS reads it: syntax per parameter set, parameters with their yaml facts, inputs, outputs.</summary>
internal static class CommandMetadata
{
    private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    public static List<CommandHelp> Read(string manifest)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript("Import-Module $args[0] -ErrorAction Stop; Get-Command -Module CreateOs -CommandType Cmdlet").AddArgument(manifest);
        var commands = shell.Invoke().Select(o => (CmdletInfo)o.BaseObject).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        if (shell.HadErrors) throw new ToolException("importing the module failed: " + string.Join("; ", shell.Streams.Error));
        return commands.Select(Describe).ToList();
    }

    public static CommandHelp Describe(CmdletInfo command)
    {
        var help = new CommandHelp { Name = command.Name };
        var sets = command.ParameterSets.ToList();
        foreach (var set in sets.OrderByDescending(s => s.IsDefault).ThenBy(s => s.Name, StringComparer.Ordinal))
            help.Syntax.Add(new SyntaxBlock(set.Name, set.IsDefault, $"{command.Name} {set}".TrimEnd()));

        foreach (var (name, metadata) in command.Parameters.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (CommonParameters.Contains(name)) continue;
            if (metadata.Attributes.OfType<ParameterAttribute>().All(a => a.DontShow)) continue;
            var blocks = new List<ParameterHelp>();
            foreach (var group in metadata.ParameterSets.GroupBy(s => (s.Value.IsMandatory, s.Value.Position, s.Value.ValueFromPipeline, s.Value.ValueFromPipelineByPropertyName)))
            {
                var setNames = group.Select(g => g.Key).ToList();
                var allSets = setNames.Contains("__AllParameterSets") || setNames.Count == sets.Count;
                blocks.Add(new ParameterHelp
                {
                    Name = name,
                    Type = TypeName(metadata.ParameterType, shortName: true),
                    ParameterSets = allSets ? "(All)" : string.Join(", ", setNames.OrderBy(s => s, StringComparer.Ordinal)),
                    Aliases = string.Join(", ", metadata.Aliases),
                    AcceptedValues = string.Join(", ", metadata.Attributes.OfType<ValidateSetAttribute>().SelectMany(a => a.ValidValues)),
                    Required = group.Key.IsMandatory,
                    Position = group.Key.Position == int.MinValue ? "Named" : group.Key.Position.ToString(),
                    DefaultValue = metadata.SwitchParameter ? "False" : "None",
                    PipelineInput = PipelineText(group.Key.ValueFromPipeline, group.Key.ValueFromPipelineByPropertyName),
                    Wildcards = metadata.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
                });
            }
            var first = blocks[0];
            first.ExtraSetBlocks.AddRange(blocks.Skip(1));
            help.Parameters.Add(first);
        }

        var pipelineTypes = command.Parameters.Values
            .Where(p => p.ParameterSets.Values.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName))
            .Select(p => TypeName(p.ParameterType, shortName: false)).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        help.Inputs.AddRange(pipelineTypes.Count == 0 ? new[] { new TypeHelp { TypeName = "None" } } : pipelineTypes.Select(t => new TypeHelp { TypeName = t }));
        var outputs = command.OutputType.Select(t => t.Type is null ? t.Name : TypeName(t.Type, shortName: false)).Where(t => t != "System.Void").Distinct().ToList();
        help.Outputs.AddRange(outputs.Count == 0 ? new[] { new TypeHelp { TypeName = "None" } } : outputs.Select(t => new TypeHelp { TypeName = t }));
        return help;
    }

    public static string PipelineText(bool byValue, bool byPropertyName) => (byValue, byPropertyName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    public static string TypeName(Type type, bool shortName)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return shortName ? underlying.Name : underlying.FullName ?? underlying.Name;
    }
}

/// <summary>Seeds for new help files from the cmdlet assembly's XML documentation (GenerateDocumentationFile).</summary>
internal sealed class XmlDocSeeds
{
    private readonly Dictionary<string, string> _synopsisByCmdlet = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _summaryByProperty = new(StringComparer.Ordinal);

    public static XmlDocSeeds Load(string binFolder)
    {
        var seeds = new XmlDocSeeds();
        var file = Directory.Exists(binFolder) ? Directory.GetFiles(binFolder, "CreateOs.xml", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
        if (file is null) return seeds;
        foreach (var member in XDocument.Load(file).Descendants("member"))
        {
            var id = (string?)member.Attribute("name") ?? "";
            var summary = member.Element("summary");
            if (summary is null) continue;
            if (id.StartsWith("T:") && id.EndsWith("Command"))
            {
                var synopsis = summary.Elements("para").FirstOrDefault(p => (string?)p.Attribute("type") == "synopsis");
                if (synopsis != null) seeds._synopsisByCmdlet[id[2..]] = Clean(synopsis.Value);
            }
            else if (id.StartsWith("P:"))
            {
                seeds._summaryByProperty[id[2..]] = Clean(summary.Value);
            }
        }
        return seeds;
    }

    public string? SynopsisOf(string cmdlet)
    {
        var compact = cmdlet.Replace("-", "") + "Command";
        return _synopsisByCmdlet.FirstOrDefault(kv => kv.Key.EndsWith("." + compact, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>The summary of the property on the cmdlet class, or of the same-named property of one of its bases.</summary>
    public string? ParameterOf(string cmdlet, string parameter)
    {
        var compact = cmdlet.Replace("-", "") + "Command." + parameter;
        var own = _summaryByProperty.FirstOrDefault(kv => kv.Key.EndsWith("." + compact, StringComparison.OrdinalIgnoreCase)).Value;
        if (own != null) return own;
        var bases = _summaryByProperty.Where(kv => kv.Key.EndsWith("Cmdlet." + parameter, StringComparison.Ordinal)).Select(kv => kv.Value).Distinct().ToList();
        return bases.Count == 1 ? bases[0] : null;
    }

    private static string Clean(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
