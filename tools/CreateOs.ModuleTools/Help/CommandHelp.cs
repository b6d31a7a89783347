namespace CreateOs.ModuleTools.Help;

/// <summary>One cmdlet's help as platyPS's markdown schema (2.0.0) holds it.</summary>
internal sealed class CommandHelp
{
    public const string Placeholder = "{{ Fill in the Description }}";
    public const string SynopsisPlaceholder = "{{ Fill in the Synopsis }}";

    public string Name { get; set; } = "";
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string Synopsis { get; set; } = "";
    public List<SyntaxBlock> Syntax { get; } = new();
    public string Description { get; set; } = "";
    public List<ExampleHelp> Examples { get; } = new();
    public List<ParameterHelp> Parameters { get; } = new();
    public List<TypeHelp> Inputs { get; } = new();
    public List<TypeHelp> Outputs { get; } = new();
    public string Notes { get; set; } = "";
    public List<(string Text, string Uri)> RelatedLinks { get; } = new();

    public string Verb => Name.Split('-')[0];
    public string Noun => Name.Contains('-') ? Name[(Name.IndexOf('-') + 1)..] : "";
}

internal sealed record SyntaxBlock(string ParameterSetName, bool IsDefault, string Text);

internal sealed class ExampleHelp
{
    public string Title { get; set; } = "";
    public string Code { get; set; } = "";
    public string Remarks { get; set; } = "";
}

internal sealed class ParameterHelp
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Type { get; set; } = "";
    public string ParameterSets { get; set; } = "(All)";
    public string Aliases { get; set; } = "";
    public string AcceptedValues { get; set; } = "";
    public bool Required { get; set; }
    /// <summary>"Named" or a zero-based position.</summary>
    public string Position { get; set; } = "Named";
    public string DefaultValue { get; set; } = "None";
    /// <summary>platyPS's wording: False, True (ByValue), True (ByPropertyName), True (ByPropertyName, ByValue).</summary>
    public string PipelineInput { get; set; } = "False";
    public bool Wildcards { get; set; }
    /// <summary>Several yaml blocks when the parameter differs between parameter sets (platyPS writes one per difference).</summary>
    public List<ParameterHelp> ExtraSetBlocks { get; } = new();

    public bool IsSwitch => Type == "SwitchParameter";
}

internal sealed class TypeHelp
{
    public string TypeName { get; set; } = "";
    public string Description { get; set; } = "";
}
