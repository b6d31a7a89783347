using System.Management.Automation;
using System.Text.RegularExpressions;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>The help shipped with the module: docs/en-US/*.md (platyPS schema) against the real cmdlets, and Get-Help on the built MAML.</summary>
public class HelpTests
{
    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    public static TheoryData<string> ExportedCmdlets()
    {
        using var ps = new PowerShellSession();
        var data = new TheoryData<string>();
        foreach (var name in ps.Invoke("Get-Command -Module CreateOs -CommandType Cmdlet | ForEach-Object Name")) data.Add(name.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Every_cmdlet_has_complete_help_markdown(string cmdlet)
    {
        var path = Path.Combine(ModuleTools.Docs, cmdlet + ".md");
        Assert.True(File.Exists(path), $"docs/en-US/{cmdlet}.md is missing: run dotnet run --project tools/CreateOs.ModuleTools -- markdown, then write it");
        var doc = HelpDocument.Parse(File.ReadAllText(path));
        Assert.DoesNotContain("{{", doc.Text);
        Assert.Equal("CreateOs.dll-Help.xml", doc.Metadata["external help file"]);
        Assert.Equal("CreateOs", doc.Metadata["Module Name"]);
        Assert.Equal(cmdlet, doc.Name);
        Assert.True(doc.Sections["SYNOPSIS"].Length > 20, "synopsis");
        Assert.True(doc.Sections["DESCRIPTION"].Length > 80, "description");
        Assert.True(doc.Examples.Count >= 2, "at least two examples");
        Assert.Contains(doc.Examples, e => Regex.IsMatch(e.Code, @"\S\s*\|\s*\S") || e.Code.Contains("|\n"));
        Assert.All(doc.Examples, e => Assert.Contains(cmdlet, e.Code, StringComparison.OrdinalIgnoreCase));
        Assert.All(doc.Parameters, p => Assert.True(p.Description.Length > 10, $"-{p.Name} is not described"));
        foreach (var section in new[] { "SYNTAX", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" })
            Assert.True(doc.Sections.ContainsKey(section), section);
        Assert.Contains("### CommonParameters", doc.Text);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Documented_parameters_equal_the_real_ones(string cmdlet)
    {
        using var ps = new PowerShellSession();
        var command = (CmdletInfo)ps.Invoke("Get-Command $args[0]", cmdlet).Single().BaseObject;
        var doc = HelpDocument.Parse(File.ReadAllText(Path.Combine(ModuleTools.Docs, cmdlet + ".md")));

        var real = command.Parameters.Values
            .Where(p => !CommonParameters.Contains(p.Name) && !p.Attributes.OfType<ParameterAttribute>().All(a => a.DontShow))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(real.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase), doc.Parameters.Select(p => p.Name).OrderBy(k => k, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        foreach (var documented in doc.Parameters)
        {
            var metadata = real[documented.Name];
            var type = Nullable.GetUnderlyingType(metadata.ParameterType) ?? metadata.ParameterType;
            Assert.True(documented.Blocks.All(b => b["Type"] == type.Name), $"{cmdlet} -{documented.Name}: documented type {documented.Blocks[0]["Type"]}, real {type.Name}");
            foreach (var (setName, set) in metadata.ParameterSets)
            {
                var block = documented.Blocks.FirstOrDefault(b => b["Parameter Sets"] == "(All)" || b["Parameter Sets"].Split(',').Select(s => s.Trim()).Contains(setName)) ?? documented.Blocks[0];
                Assert.True(bool.Parse(block["Required"]) == set.IsMandatory, $"{cmdlet} -{documented.Name} ({setName}): Required");
                var pipeline = (set.ValueFromPipeline, set.ValueFromPipelineByPropertyName) switch
                {
                    (true, true) => "True (ByPropertyName, ByValue)",
                    (true, false) => "True (ByValue)",
                    (false, true) => "True (ByPropertyName)",
                    _ => "False",
                };
                Assert.True(block["Accept pipeline input"] == pipeline, $"{cmdlet} -{documented.Name} ({setName}): pipeline input documented as {block["Accept pipeline input"]}, really {pipeline}");
                Assert.Equal(set.Position == int.MinValue ? "Named" : set.Position.ToString(), block["Position"]);
            }
            Assert.Equal(string.Join(", ", metadata.Aliases), documented.Blocks[0]["Aliases"]);
        }
        foreach (var set in command.ParameterSets)
            Assert.Contains($"{cmdlet} {set}".TrimEnd(), doc.Sections["SYNTAX"]);
    }

    [Fact]
    public void Every_help_file_documents_an_exported_cmdlet_or_is_an_about_topic()
    {
        var exported = ((IEnumerable<object[]>)ExportedCmdlets()).Select(row => (string)row[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var files = Directory.GetFiles(ModuleTools.Docs, "*.md").Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.All(files.Where(f => !f!.StartsWith("about_")), f => Assert.Contains(f!, exported));
        foreach (var about in new[] { "about_CreateOs", "about_CreateOs_Session", "about_CreateOs_Payments", "about_CreateOs_Errors", "about_CreateOs_Configuration" })
            Assert.Contains(about, files);
    }

    [Fact]
    public void Get_Help_Examples_renders_the_examples_from_the_built_maml()
    {
        using var ps = new PowerShellSession();
        var screen = Screen.Of(ps, "Get-Help Invoke-MppDeploy -Examples");
        Assert.Contains("Deploys a folder to CreateOS through the pay-per-deploy gateway", screen);
        Assert.Contains("Example 1: Deploy a static site, paying at most 2 USD", screen);
        Assert.Contains("Invoke-MppDeploy -Path ./site -Name landing", screen);
        Assert.Matches(@"\|\s*(>>)?\s*Wait-MppDeployment", screen);

        var full = Screen.Of(ps, "Get-Help Get-CreateOsProject -Full");
        Assert.Contains("-Name <String>", full);
        Assert.Contains("Accept pipeline input?       True (ByPropertyName)", full);
        Assert.Contains("CreateOs.Core.Models.Project", full);
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void About_topics_are_found_by_Get_Help()
    {
        using var ps = new PowerShellSession();
        var payments = Screen.Of(ps, "Get-Help about_CreateOs_Payments");
        Assert.Contains("SHORT DESCRIPTION", payments);
        Assert.Contains("NeedsReconcile", payments);
        Assert.Contains("CREATEOS_JOURNAL_DIR", payments);
        Assert.Contains("5 USD", payments);
        var errors = Screen.Of(ps, "Get-Help about_CreateOs_Errors");
        Assert.Contains("CreateOs.ProjectNotFound", errors);
        var configuration = Screen.Of(ps, "Get-Help about_CreateOs_Configuration");
        Assert.Contains("Sync-CreateOsConfiguration -Path ./fleet.psd1 -WhatIf", configuration);
        Assert.Contains("never runs code", configuration);
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void The_markdown_is_up_to_date_with_the_cmdlets()
    {
        var (exit, output) = ModuleTools.Run(TimeSpan.FromMinutes(2), "markdown", "--check", "--module", PowerShellSession.ManifestPath, "--docs", ModuleTools.Docs);
        Assert.True(exit == 0, "run: dotnet run --project tools/CreateOs.ModuleTools -- markdown\n" + output);
    }
}

/// <summary>A small reader of platyPS markdown, independent of the tool that writes it.</summary>
internal sealed class HelpDocument
{
    public string Text { get; private init; } = "";
    public string Name { get; private set; } = "";
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> Sections { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<(string Title, string Code)> Examples { get; } = new();
    public List<DocumentedParameter> Parameters { get; } = new();

    public static HelpDocument Parse(string text)
    {
        text = text.Replace("\r\n", "\n");
        var doc = new HelpDocument { Text = text };
        var front = Regex.Match(text, @"^---\n(.*?)\n---\n", RegexOptions.Singleline);
        foreach (var line in front.Groups[1].Value.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) doc.Metadata[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        doc.Name = Regex.Match(text, @"(?m)^# (\S+)").Groups[1].Value;
        foreach (Match section in Regex.Matches(text, @"(?ms)^## ([A-Z ]+)\n(.*?)(?=^## |\z)"))
            doc.Sections[section.Groups[1].Value.Trim()] = section.Groups[2].Value.Trim();
        foreach (Match example in Regex.Matches(doc.Sections.GetValueOrDefault("EXAMPLES", ""), @"(?ms)^### (.*?)\n```\w*\n(.*?)\n```"))
            doc.Examples.Add((example.Groups[1].Value, example.Groups[2].Value));
        foreach (Match parameter in Regex.Matches(doc.Sections.GetValueOrDefault("PARAMETERS", ""), @"(?ms)^### -(\w+)\n(.*?)(?=^### |\z)"))
        {
            var body = parameter.Groups[2].Value;
            var documented = new DocumentedParameter(parameter.Groups[1].Value, body[..Math.Max(0, body.IndexOf("```yaml", StringComparison.Ordinal))].Trim());
            foreach (Match yaml in Regex.Matches(body, @"(?s)```yaml\n(.*?)```"))
                documented.Blocks.Add(yaml.Groups[1].Value.Split('\n').Where(l => l.Contains(':'))
                    .ToDictionary(l => l[..l.IndexOf(':')].Trim(), l => l[(l.IndexOf(':') + 1)..].Trim()));
            doc.Parameters.Add(documented);
        }
        return doc;
    }
}

internal sealed record DocumentedParameter(string Name, string Description)
{
    public List<Dictionary<string, string>> Blocks { get; } = new();
}
