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

/// <summary>
/// about_*.md (platyPS about schema) → the plain text Get-Help about_* prints, in the layout of PowerShell's own about
/// files: "TOPIC", the name, a blank line, "SHORT DESCRIPTION", then the short description on the 5th line — Get-Help
/// reads the topic's Synopsis from exactly that line (HelpFileHelpInfo). Prose is wrapped to fit 80 columns; code is not.
/// </summary>
internal static class AboutTopic
{
    public const int Width = 80;
    private const string Indent = "    ";

    public static string ToHelpText(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?.Substring(2).Trim();
        if (string.IsNullOrEmpty(title) || !title.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            throw new ToolException("an about topic must start with '# about_<Name>'");
        var output = new StringBuilder();
        output.Append("TOPIC\n").Append(Indent).Append(title).Append("\n\n");
        output.Append("SHORT DESCRIPTION\n").Append(Indent).Append(ShortDescription(lines)).Append("\n\n");

        var inCode = false;
        var skipping = true; // the title and the short description are already written
        foreach (var raw in lines)
        {
            if (skipping)
            {
                if (raw.StartsWith("## ", StringComparison.Ordinal) && !IsShortDescriptionHeading(raw)) skipping = false;
                else continue;
            }
            if (raw.StartsWith("```", StringComparison.Ordinal)) { inCode = !inCode; continue; }
            if (inCode) { output.Append(raw.Length == 0 ? "" : Indent + Indent + raw).Append('\n'); continue; }
            if (raw.StartsWith("#", StringComparison.Ordinal))
            {
                var heading = raw.TrimStart('#').Trim();
                var level = raw.Length - raw.TrimStart('#').Length;
                // Section headings are upper case like PowerShell's own; sub-headings keep their case.
                output.Append(level <= 2 ? heading.ToUpperInvariant() : heading).Append('\n');
                continue;
            }
            if (raw.Trim().Length == 0) { output.Append('\n'); continue; }
            Wrap(output, raw.Replace("`", "").TrimEnd());
        }
        return output.ToString();
    }

    private static bool IsShortDescriptionHeading(string line) =>
        line.TrimStart('#').Trim().Equals("SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase);

    /// <summary>The paragraph under "## SHORT DESCRIPTION", as one line.</summary>
    private static string ShortDescription(string[] lines)
    {
        var start = Array.FindIndex(lines, IsShortDescriptionHeading);
        if (start < 0) throw new ToolException("an about topic needs a '## SHORT DESCRIPTION' section (Get-Help shows it as the Synopsis)");
        var text = string.Join(" ", lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("#", StringComparison.Ordinal)).Select(l => l.Trim()).Where(l => l.Length > 0));
        if (text.Length == 0) throw new ToolException("the SHORT DESCRIPTION of an about topic is empty");
        if (Indent.Length + text.Length > Width)
            throw new ToolException($"the SHORT DESCRIPTION of an about topic must fit one line of {Width} columns (it is the Synopsis); it has {text.Length} characters");
        return text.Replace("`", "");
    }

    /// <summary>Wraps one markdown line at word boundaries; list items get a hanging indent under their text.</summary>
    private static void Wrap(StringBuilder output, string line)
    {
        var bullet = System.Text.RegularExpressions.Regex.Match(line, @"^(\s*)([-*]|\d+\.)\s+");
        var first = Indent + line.Substring(0, bullet.Success ? bullet.Length : 0);
        var hanging = Indent + new string(' ', bullet.Success ? bullet.Length : 0);
        var current = new StringBuilder(first);
        var atLineStart = true;
        foreach (var word in line.Substring(bullet.Success ? bullet.Length : 0).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!atLineStart && current.Length + 1 + word.Length > Width - 1)
            {
                output.Append(current).Append('\n');
                current.Clear().Append(hanging);
                atLineStart = true;
            }
            if (!atLineStart) current.Append(' ');
            current.Append(word);
            atLineStart = false;
        }
        output.Append(current).Append('\n');
    }
}
