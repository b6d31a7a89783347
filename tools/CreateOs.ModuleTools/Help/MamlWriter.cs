using System.Text;
using System.Xml.Linq;

namespace CreateOs.ModuleTools.Help;

/// <summary>Turns parsed help into MAML, the XML Get-Help reads for binary cmdlets (the same shape platyPS writes).</summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help)
    {
        var parameters = help.Parameters.Where(p => p.Type.Length > 0).ToList();
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev), new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", help.Syntax.Select(block => SyntaxItem(help, block, parameters))),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(p, p, includeDescription: true))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => new XElement(Command + "inputType", TypeElement(t.TypeName), Description(t.Description)))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => new XElement(Command + "returnValue", TypeElement(t.TypeName), Description(t.Description)))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {(e.Title.Length > 0 ? e.Title : $"Example {i + 1}")} --------------------------"),
                new XElement(Dev + "code", e.Code.TrimEnd()),
                new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks", help.RelatedLinks.Select(link => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", link.Text), new XElement(Maml + "uri", link.Uri.StartsWith("http") ? link.Uri : "")))));
    }

    private static XElement SyntaxItem(CommandHelp help, SyntaxBlock block, List<ParameterHelp> parameters)
    {
        var inSet = new List<(ParameterHelp Described, ParameterHelp Block)>();
        foreach (var parameter in parameters)
        {
            var match = new[] { parameter }.Concat(parameter.ExtraSetBlocks).FirstOrDefault(b => AppliesTo(b, block.ParameterSetName, help.Syntax.Count));
            if (match != null) inSet.Add((parameter, match));
        }
        var ordered = inSet
            .OrderBy(p => int.TryParse(p.Block.Position, out var position) ? position : int.MaxValue)
            .ThenByDescending(p => p.Block.Required)
            .ThenBy(p => p.Block.Name, StringComparer.OrdinalIgnoreCase);
        return new XElement(Command + "syntaxItem",
            new XElement(Maml + "name", help.Name),
            ordered.Select(p => Parameter(p.Described, p.Block, includeDescription: true)));
    }

    private static bool AppliesTo(ParameterHelp block, string setName, int setCount)
    {
        if (block.ParameterSets is "(All)" or "" || setCount == 1) return true;
        return block.ParameterSets.Split(',').Select(s => s.Trim()).Contains(setName, StringComparer.OrdinalIgnoreCase);
    }

    private static XElement Parameter(ParameterHelp described, ParameterHelp block, bool includeDescription)
    {
        var element = new XElement(Command + "parameter",
            new XAttribute("required", block.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", block.Wildcards ? "true" : "false"),
            new XAttribute("pipelineInput", block.PipelineInput),
            new XAttribute("position", block.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : block.Position),
            new XAttribute("aliases", block.Aliases.Length > 0 ? block.Aliases : "none"),
            new XElement(Maml + "name", described.Name));
        if (includeDescription) element.Add(Description(described.Description));
        if (block.AcceptedValues.Length > 0)
            element.Add(new XElement(Command + "parameterValueGroup", block.AcceptedValues.Split(',').Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v.Trim()))));
        if (!block.IsSwitch)
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), block.Type));
        element.Add(TypeElement(block.Type), new XElement(Dev + "defaultValue", block.DefaultValue));
        return element;
    }

    private static XElement TypeElement(string name) => new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Description(string text) => new(Maml + "description", Paragraphs(text));

    /// <summary>Blank lines separate paragraphs; code fences become indented lines so they survive Get-Help's wrapping.</summary>
    private static IEnumerable<XElement> Paragraphs(string text)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        var inCode = false;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.StartsWith("```"))
            {
                inCode = !inCode;
                continue;
            }
            if (!inCode && raw.Trim().Length == 0)
            {
                if (current.Length > 0) paragraphs.Add(current.ToString());
                current.Clear();
                continue;
            }
            if (current.Length > 0) current.Append(inCode || raw.StartsWith("- ") || raw.StartsWith("  ") ? "\n" : " ");
            current.Append(inCode ? "    " + raw : raw.Trim());
        }
        if (current.Length > 0) paragraphs.Add(current.ToString());
        if (paragraphs.Count == 0) paragraphs.Add("");
        return paragraphs.Select(p => new XElement(Maml + "para", p));
    }
}
