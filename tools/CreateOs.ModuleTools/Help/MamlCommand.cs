using System.Text;

namespace CreateOs.ModuleTools.Help;

/// <summary>The build step: docs/en-US/*.md → CreateOs.dll-Help.xml and about_*.help.txt in the module's en-US folder.</summary>
internal static class MamlCommand
{
    public const string HelpFileName = "CreateOs.dll-Help.xml";

    public static int Run(string docs, string outFolder)
    {
        if (!Directory.Exists(docs)) throw new ToolException($"no help folder at {docs}");
        Directory.CreateDirectory(outFolder);
        var commands = new List<CommandHelp>();
        var aboutTopics = 0;
        foreach (var file in Directory.GetFiles(docs, "*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var text = File.ReadAllText(file);
            if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                File.WriteAllText(Path.Combine(outFolder, name + ".help.txt"), AboutTopic.ToHelpText(text), new UTF8Encoding(false));
                aboutTopics++;
                continue;
            }
            var help = HelpMarkdown.Parse(text);
            if (help.Name.Length == 0) throw new ToolException($"{file} has no '# <Cmdlet-Name>' heading");
            commands.Add(help);
        }
        var target = Path.Combine(outFolder, HelpFileName);
        MamlWriter.Write(commands).Save(target);
        Console.WriteLine($"Help: {commands.Count} cmdlets -> {target}; {aboutTopics} about topics");
        return 0;
    }
}

/// <summary>about_*.md (platyPS about schema) → the plain text Get-Help about_* prints.</summary>
internal static class AboutTopic
{
    public static string ToHelpText(string markdown)
    {
        var output = new StringBuilder();
        var inCode = false;
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.StartsWith("```")) { inCode = !inCode; continue; }
            if (inCode) { output.Append("        ").Append(raw).Append('\n'); continue; }
            if (raw.StartsWith('#'))
            {
                var heading = raw.TrimStart('#').Trim();
                var level = raw.Length - raw.TrimStart('#').Length;
                // Topic names keep their case (Get-Help matches them); section headings are upper case like PowerShell's own.
                output.Append(level <= 2 && !heading.StartsWith("about_", StringComparison.OrdinalIgnoreCase) ? heading.ToUpperInvariant() : heading).Append('\n');
                continue;
            }
            output.Append(raw.Length == 0 ? "" : "    " + raw.Replace("`", "")).Append('\n');
        }
        return output.ToString();
    }
}
