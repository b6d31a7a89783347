using System.Text;
using System.Text.RegularExpressions;

namespace CreateOs.ModuleTools.Help;

/// <summary>Reads and writes cmdlet help markdown in platyPS's schema 2.0.0 (what New-/Update-MarkdownHelp produce).</summary>
internal static partial class HelpMarkdown
{
    public const string CommonParametersText =
        "This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).";

    public static CommandHelp Parse(string text)
    {
        var help = new CommandHelp();
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        var index = 0;
        if (lines.Count > 0 && lines[0].Trim() == "---")
        {
            index = 1;
            while (index < lines.Count && lines[index].Trim() != "---")
            {
                var colon = lines[index].IndexOf(':');
                if (colon > 0) help.Metadata[lines[index][..colon].Trim()] = lines[index][(colon + 1)..].Trim();
                index++;
            }
            index++;
        }

        var sections = new List<(string Title, List<string> Body)>();
        for (; index < lines.Count; index++)
        {
            var line = lines[index];
            if (line.StartsWith("# ")) { help.Name = line[2..].Trim(); continue; }
            if (line.StartsWith("## ")) { sections.Add((line[3..].Trim(), new List<string>())); continue; }
            if (sections.Count > 0) sections[^1].Body.Add(line);
        }

        foreach (var (title, body) in sections)
        {
            switch (title.ToUpperInvariant())
            {
                case "SYNOPSIS": help.Synopsis = Text(body); break;
                case "DESCRIPTION": help.Description = Text(body); break;
                case "NOTES": help.Notes = Text(body); break;
                case "SYNTAX": help.Syntax.AddRange(ParseSyntax(body)); break;
                case "EXAMPLES": help.Examples.AddRange(ParseExamples(body)); break;
                case "PARAMETERS": help.Parameters.AddRange(ParseParameters(body)); break;
                case "INPUTS": help.Inputs.AddRange(ParseTypes(body)); break;
                case "OUTPUTS": help.Outputs.AddRange(ParseTypes(body)); break;
                case "RELATED LINKS":
                    foreach (Match link in LinkPattern().Matches(string.Join("\n", body)))
                        help.RelatedLinks.Add((link.Groups[1].Value, link.Groups[2].Value));
                    break;
            }
        }
        return help;
    }

    public static string Write(CommandHelp help)
    {
        var md = new StringBuilder();
        md.Append("---\n");
        foreach (var key in new[] { "external help file", "Module Name", "online version", "schema" })
            md.Append(key).Append(": ").Append(help.Metadata.GetValueOrDefault(key, "")).Append('\n');
        md.Append("---\n\n");
        md.Append("# ").Append(help.Name).Append("\n\n");
        md.Append("## SYNOPSIS\n").Append(Or(help.Synopsis, CommandHelp.SynopsisPlaceholder)).Append("\n\n");
        md.Append("## SYNTAX\n\n");
        foreach (var block in help.Syntax)
        {
            if (help.Syntax.Count > 1 || block.ParameterSetName != "__AllParameterSets")
                md.Append("### ").Append(block.ParameterSetName == "__AllParameterSets" ? "__AllParameterSets" : block.ParameterSetName).Append(block.IsDefault && help.Syntax.Count > 1 ? " (Default)" : "").Append('\n');
            md.Append("```\n").Append(block.Text).Append("\n```\n\n");
        }
        md.Append("## DESCRIPTION\n").Append(Or(help.Description, CommandHelp.Placeholder)).Append("\n\n");
        md.Append("## EXAMPLES\n\n");
        var number = 1;
        foreach (var example in help.Examples)
        {
            md.Append("### ").Append(example.Title.Length > 0 ? example.Title : $"Example {number}").Append('\n');
            md.Append("```powershell\n").Append(example.Code.TrimEnd()).Append("\n```\n\n");
            if (example.Remarks.Length > 0) md.Append(example.Remarks.TrimEnd()).Append("\n\n");
            number++;
        }
        md.Append("## PARAMETERS\n\n");
        foreach (var parameter in help.Parameters)
        {
            md.Append("### -").Append(parameter.Name).Append('\n');
            md.Append(Or(parameter.Description, CommandHelp.Placeholder)).Append("\n\n");
            foreach (var block in new[] { parameter }.Concat(parameter.ExtraSetBlocks)) AppendYaml(md, block);
        }
        md.Append("### CommonParameters\n").Append(CommonParametersText).Append("\n\n");
        md.Append("## INPUTS\n\n");
        AppendTypes(md, help.Inputs);
        md.Append("## OUTPUTS\n\n");
        AppendTypes(md, help.Outputs);
        md.Append("## NOTES\n");
        if (help.Notes.Length > 0) md.Append(help.Notes).Append('\n');
        md.Append('\n');
        md.Append("## RELATED LINKS\n\n");
        foreach (var (text, uri) in help.RelatedLinks) md.Append('[').Append(text).Append("](").Append(uri).Append(")\n\n");
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void AppendYaml(StringBuilder md, ParameterHelp p)
    {
        md.Append("```yaml\n");
        md.Append("Type: ").Append(p.Type).Append('\n');
        md.Append("Parameter Sets: ").Append(p.ParameterSets).Append('\n');
        md.Append("Aliases:").Append(p.Aliases.Length > 0 ? " " + p.Aliases : "").Append('\n');
        if (p.AcceptedValues.Length > 0) md.Append("Accepted values: ").Append(p.AcceptedValues).Append('\n');
        md.Append('\n');
        md.Append("Required: ").Append(p.Required ? "True" : "False").Append('\n');
        md.Append("Position: ").Append(p.Position).Append('\n');
        md.Append("Default value: ").Append(p.DefaultValue).Append('\n');
        md.Append("Accept pipeline input: ").Append(p.PipelineInput).Append('\n');
        md.Append("Accept wildcard characters: ").Append(p.Wildcards ? "True" : "False").Append('\n');
        md.Append("```\n\n");
    }

    private static void AppendTypes(StringBuilder md, List<TypeHelp> types)
    {
        foreach (var type in types)
        {
            md.Append("### ").Append(type.TypeName).Append('\n');
            if (type.Description.Length > 0) md.Append(type.Description).Append('\n');
            md.Append('\n');
        }
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private static string Text(List<string> body) => string.Join("\n", body).Trim('\n', ' ', '\r');

    private static IEnumerable<SyntaxBlock> ParseSyntax(List<string> body)
    {
        string set = "__AllParameterSets";
        var isDefault = false;
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i].StartsWith("### "))
            {
                var heading = body[i][4..].Trim();
                isDefault = heading.EndsWith("(Default)");
                set = isDefault ? heading[..^"(Default)".Length].Trim() : heading;
            }
            else if (body[i].StartsWith("```"))
            {
                var code = new List<string>();
                for (i++; i < body.Count && !body[i].StartsWith("```"); i++) code.Add(body[i]);
                yield return new SyntaxBlock(set, isDefault, string.Join("\n", code));
            }
        }
    }

    private static IEnumerable<ExampleHelp> ParseExamples(List<string> body)
    {
        ExampleHelp? current = null;
        var remarks = new List<string>();
        var inCode = false;
        var code = new List<string>();
        foreach (var line in body)
        {
            if (!inCode && line.StartsWith("### "))
            {
                if (current != null) { current.Remarks = Text(remarks); yield return current; }
                current = new ExampleHelp { Title = line[4..].Trim() };
                remarks.Clear();
                continue;
            }
            if (current is null) continue;
            if (line.StartsWith("```"))
            {
                if (inCode)
                {
                    // The first fence is the example's code; later fences belong to the remarks (platyPS keeps them there).
                    if (current.Code.Length == 0 && remarks.All(string.IsNullOrWhiteSpace)) current.Code = string.Join("\n", code);
                    else { remarks.Add("```"); remarks.AddRange(code); remarks.Add("```"); }
                    code.Clear();
                }
                inCode = !inCode;
                continue;
            }
            if (inCode) code.Add(line); else remarks.Add(line);
        }
        if (current != null) { current.Remarks = Text(remarks); yield return current; }
    }

    private static IEnumerable<ParameterHelp> ParseParameters(List<string> body)
    {
        ParameterHelp? current = null;
        var description = new List<string>();
        for (var i = 0; i < body.Count; i++)
        {
            var line = body[i];
            if (line.StartsWith("### "))
            {
                if (current != null) yield return current;
                current = null;
                description.Clear();
                var name = line[4..].Trim();
                if (name.StartsWith('-')) current = new ParameterHelp { Name = name[1..] };
                continue;
            }
            if (current is null) continue;
            if (line.StartsWith("```yaml"))
            {
                var block = current.Type.Length == 0 ? current : new ParameterHelp { Name = current.Name };
                if (block != current) current.ExtraSetBlocks.Add(block);
                for (i++; i < body.Count && !body[i].StartsWith("```"); i++)
                {
                    var colon = body[i].IndexOf(':');
                    if (colon < 0) continue;
                    var key = body[i][..colon].Trim();
                    var value = body[i][(colon + 1)..].Trim();
                    switch (key)
                    {
                        case "Type": block.Type = value; break;
                        case "Parameter Sets": block.ParameterSets = value; break;
                        case "Aliases": block.Aliases = value; break;
                        case "Accepted values": block.AcceptedValues = value; break;
                        case "Required": block.Required = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
                        case "Position": block.Position = value; break;
                        case "Default value": block.DefaultValue = value; break;
                        case "Accept pipeline input": block.PipelineInput = value; break;
                        case "Accept wildcard characters": block.Wildcards = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
                    }
                }
                if (current.Description.Length == 0) current.Description = Text(description);
                continue;
            }
            if (current.Type.Length == 0) description.Add(line);
        }
        if (current != null) yield return current;
    }

    private static IEnumerable<TypeHelp> ParseTypes(List<string> body)
    {
        TypeHelp? current = null;
        var description = new List<string>();
        foreach (var line in body)
        {
            if (line.StartsWith("### "))
            {
                if (current != null) { current.Description = Text(description); yield return current; }
                current = new TypeHelp { TypeName = line[4..].Trim() };
                description.Clear();
            }
            else if (current != null) description.Add(line);
        }
        if (current != null) { current.Description = Text(description); yield return current; }
    }

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]*)\)")]
    private static partial Regex LinkPattern();
}
