using System.Management.Automation;
using System.Numerics;
using System.Xml.Linq;
using CreateOs.Core;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

[Collection(SandboxCollection.Name)]
public class ViewTests
{
    private readonly SandboxFixture _fixture;

    public ViewTests(SandboxFixture fixture) => _fixture = fixture;

    private static XDocument FormatFile() => XDocument.Load(Path.Combine(ModuleTools.ModuleFolder, "CreateOs.format.ps1xml"));

    /// <summary>The types in the [OutputType] of every exported cmdlet, as PowerShell reads them.</summary>
    private static List<Type> DeclaredOutputTypes()
    {
        using var ps = new PowerShellSession();
        return ps.Invoke("Get-Command -Module CreateOs | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Type }")
            .Select(o => (Type?)o.BaseObject).Where(t => t != null).Select(t => t!).ToList();
    }

    private static IEnumerable<(string TypeName, string Control, int Columns)> Views() =>
        FormatFile().Descendants("View").Select(v => (
            v.Element("ViewSelectedBy")!.Element("TypeName")!.Value,
            v.Elements().First(e => e.Name.LocalName.EndsWith("Control")).Name.LocalName,
            v.Descendants("TableColumnHeader").Count()));

    [Fact]
    public void Every_CreateOs_output_type_of_every_exported_cmdlet_has_a_table_view_of_at_most_six_columns()
    {
        var outputTypes = DeclaredOutputTypes().Where(t => t.FullName!.StartsWith("CreateOs.", StringComparison.Ordinal))
            .Select(t => t.FullName!).Distinct().OrderBy(n => n).ToList();
        Assert.NotEmpty(outputTypes);
        var tables = Views().Where(v => v.Control == "TableControl").ToList();
        Assert.All(outputTypes, t => Assert.Contains(tables, v => v.TypeName == t));
        Assert.All(tables, v => Assert.InRange(v.Columns, 2, 6));
        // A view for a type nobody emits is dead weight (or a typo in the type name).
        var known = outputTypes.Concat(new[] { typeof(ProjectSettings).FullName! }).ToHashSet();
        Assert.All(Views().Select(v => v.TypeName).Distinct(), t => Assert.Contains(t, known));
    }

    [Fact]
    public void No_view_runs_a_script_block_in_the_shipped_or_the_source_format_file()
    {
        // A script block is parsed at every Import-Module and compiled at the first output that shows it; views read properties.
        foreach (var path in new[] { Path.Combine(ModuleTools.ModuleFolder, "CreateOs.format.ps1xml"), Path.Combine(ModuleTools.RepoRoot, "src", "CreateOs", "CreateOs.format.ps1xml") })
        {
            var scripted = XDocument.Load(path).Descendants("ScriptBlock")
                .Select(b => $"{b.Ancestors("View").Single().Element("Name")!.Value}: {b.Value}").ToList();
            Assert.True(scripted.Count == 0, $"{path} runs script blocks:\n" + string.Join("\n", scripted));
        }
    }

    [Fact]
    public void Every_property_a_view_reads_is_a_public_property_of_the_type_it_shows()
    {
        // A misspelt PropertyName renders as a blank column without any error.
        var missing = new List<string>();
        foreach (var view in FormatFile().Descendants("View"))
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            var type = typeof(CreateOsSession).Assembly.GetType(typeName);
            Assert.True(type != null, $"view {view.Element("Name")!.Value} selects {typeName}, which CreateOs.Core does not define");
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
                if (type!.GetProperty(property, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance) is null)
                    missing.Add($"{view.Element("Name")!.Value}: {typeName}.{property}");
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void The_session_is_a_list_by_default_and_never_shows_secrets()
    {
        using var ps = _fixture.ConnectedSession();
        var screen = Screen.Of(ps, "Get-CreateOsContext");
        foreach (var label in new[] { "ApiUri", "GatewayUri", "IsConnected", "WalletAddress", "SandboxUri", "Timeout", "MaxPaymentUsd", "PaymentJournalDirectory" })
            Assert.Matches($@"(?m)^{label}\s+: ", screen);
        Assert.Contains(_fixture.ApiUri.ToString(), screen);
        Assert.Matches(@"(?m)^IsConnected\s+: True", screen);
        Assert.Contains("5 (default)", screen);
        Assert.DoesNotContain(SandboxFixture.ApiKey, screen);
        Assert.DoesNotContain("GatewayBudget", screen);
    }

    [Fact]
    public void An_environment_reads_on_one_line_at_80_columns_resources_included()
    {
        using var ps = _fixture.ConnectedSession(width: 80);
        var project = ps.Invoke("New-CreateOsProject -Name view-env-line -DisplayName 'View Env Line' -Type image -Port 8080 -Confirm:$false").Single();
        var screen = Screen.Of(ps, "$args[0] | New-CreateOsEnvironment -Name production -Confirm:$false", project);
        Assert.Empty(ps.Errors);
        Assert.Matches(@"(?m)^production\s+\S+\s+[0-9a-f-]{36} \d+m \d+MB x\d+\s*$", screen);
        ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", (string)project.Properties["Id"].Value);
    }

    [Fact]
    public void Projects_render_as_a_table_with_name_type_status_and_id()
    {
        using var ps = _fixture.ConnectedSession();
        var created = ps.Invoke("New-CreateOsProject -Name view-table-one -DisplayName 'View Table One' -Type upload -Framework express -Runtime node:20 -Port 3000 -Confirm:$false").Single();
        Assert.Empty(ps.Errors);
        var id = (string)created.Properties["Id"].Value;
        var screen = Screen.Of(ps, "Get-CreateOsProject -Name view-table-one");
        var lines = screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^UniqueName\s+Type\s+Status\s+Id$", lines[0]);
        Assert.StartsWith("----------", lines[1]);
        Assert.Matches(@"^view-table-one\s+upload\s+active\s+" + id + "$", lines[2]);
        ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", id);
    }

    [Fact]
    public void Account_objects_render_with_their_chosen_columns()
    {
        using var ps = _fixture.ConnectedSession();
        var quotas = Screen.Of(ps, "Get-CreateOsQuota");
        Assert.Matches(@"(?m)^Resource\s+Current\s+Max\s+Remaining\s*$", quotas);
        var user = Screen.Of(ps, "Get-CreateOsUser");
        Assert.Matches(@"(?m)^Username\s+Id\s+Email\s*$", user);
        var types = Screen.Of(ps, "Get-CreateOsSupportedType -Kind runtime");
        Assert.Matches(@"(?m)^Name\s+Type\s+Runtimes\s*$", types);
        Assert.Contains("runtime", types);
        // At 80 columns a framework's runtimes fit whole on its line (the settings it lets you change are in its list view).
        using var narrow = _fixture.ConnectedSession(width: 80);
        var frameworks = Screen.Of(narrow, "Get-CreateOsSupportedType -Kind framework");
        Assert.Empty(narrow.Errors);
        Assert.Matches(@"(?m)^nextjs\s+framework\s+node:18, node:20, node:22, bun:1.1, bun:1.3\s*$", frameworks);
    }

    [Fact]
    public void Gateway_and_wallet_objects_render_their_tables()
    {
        using var ps = new PowerShellSession();
        var result = new MppDeployResult { UniqueName = "landing", Status = "ready", Endpoint = "https://landing.example", AmountUsd = 1.25m, Chain = "arbitrum", Token = "usdc", PaymentTx = "0xabc", PaymentId = "4c1d2e" };
        var screen = Screen.Of(ps, "$args[0]", result);
        Assert.Matches(@"(?m)^Endpoint\s+: https://landing.example$", screen);
        Assert.Matches(@"(?m)^AmountUsd\s+: 1.25$", screen);
        Assert.Matches(@"(?m)^Paid with\s+: usdc on arbitrum$", screen);
        Assert.Matches(@"(?m)^PaymentId\s+: 4c1d2e$", screen);
        // (The table view, used by Format-Table, is rendered at 80 and 120 columns by the Pester suite in real pwsh.)

        var record = new PaymentRecord { Id = "rec1", UniqueName = "landing", State = PaymentState.NeedsReconcile, AmountUsd = 2m, Chain = "base", Token = "usdt" };
        screen = Screen.Of(ps, "$args[0]", record);
        Assert.Matches(@"(?m)^UniqueName\s+State\s+AmountUsd\s+Paid with\s+Updated\s*$", screen);
        Assert.Matches(@"(?m)^landing\s+NeedsReconcile\s+2\s+usdt on base\s+\d{4}-\d\d-\d\d \d\d:\d\d\s*$", screen);

        // A v2 payment whose gateway named no settlement transaction is still shown as paid.
        var v2 = new MppDeployResult { UniqueName = "signed", Status = "ready", AmountUsd = 0.5m, Chain = "base", Token = "usdc", PaymentProtocol = "Mpp", PaymentId = "77aa" };
        Assert.Matches(@"(?m)^Paid with\s+: usdc on base$", Screen.Of(ps, "$args[0]", v2));
        var authorization = new PaymentRecord { Id = "rec3", UniqueName = "signed", State = PaymentState.Signed, AmountUsd = 0.5m, Chain = "arbitrum", Token = "usdc", Protocol = PaymentCredentialKind.X402 };
        Assert.Matches(@"(?m)^signed\s+Signed\s+0.5\s+usdc on arbitrum\s+\d{4}-\d\d-\d\d \d\d:\d\d\s*$", Screen.Of(ps, "$args[0]", authorization));

        var balance = new WalletBalance { Address = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Chain = "base", Symbol = "USDC", Balance = 12.5m, NativeBalance = 0.003m, Source = "Chain" };
        screen = Screen.Of(ps, "$args[0]", balance);
        Assert.Matches(@"(?m)^\s*Wallet: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\s*$", screen);
        Assert.Matches(@"(?m)^Chain\s+Symbol\s+Balance\s+Gas \(ETH\)\s+Source\s*$", screen);
        Assert.Matches(@"(?m)^base\s+USDC\s+12.5\s+0.003\s+Chain\s*$", screen);
        // Gas is shown to 8 decimals, not the 18 of wei.
        var gas = new WalletBalance { Address = balance.Address, Chain = "arbitrum", Symbol = "USDC", Balance = 1m, NativeBalance = 0.999999606660652678m, Source = "Chain" };
        Assert.Matches(@"(?m)^arbitrum\s+USDC\s+1\s+0.99999961\s+Chain\s*$", Screen.Of(ps, "$args[0]", gas));

        screen = Screen.Of(ps, "$args[0]", new MppChain { Chain = "arbitrum", ChainId = 42161, Tokens = new() { "usdc", "usdt" }, IsPinned = true });
        Assert.Matches(@"(?m)^arbitrum\s+42161\s+True\s+usdc, usdt\s*$", screen);

        screen = Screen.Of(ps, "$args[0]", new MppDeploymentStatus { ProjectId = "p1", DeploymentId = "d1", Status = "failed", DeploymentStatus = "build_error", Reason = "npm ci failed" });
        Assert.Matches(@"(?m)^Status\s+DeploymentStatus\s+Endpoint\s+Reason\s*$", screen);
        Assert.Matches(@"(?m)^failed\s+build_error\s+npm ci failed\s*$", screen);
    }

    [Fact]
    public void Type_extensions_add_aliases_without_changing_the_objects()
    {
        using var ps = new PowerShellSession();
        var record = new PaymentRecord { Id = "rec2", TransactionHash = "0xfeed" };
        var values = ps.Invoke("$r = $args[0]; $r.PaymentId; $r.PaymentTx", record).Select(v => v.ToString()).ToList();
        Assert.Equal(new[] { "rec2", "0xfeed" }, values);
        var project = ps.Invoke("$args[0].UniqueName", new MppProject { Name = "landing" }).Single();
        Assert.Equal("landing", project.ToString());
    }
    [Fact]
    public void Without_a_types_file_a_project_carries_its_Format_List_property_set_and_the_aliases_are_properties()
    {
        using var ps = _fixture.ConnectedSession();
        ps.Invoke("$global:listed = New-CreateOsProject -Name view-list-one -DisplayName 'View List One' -Type upload -Framework express -Runtime node:20 -Port 3000 -Confirm:$false");
        // What Format-List shows without -Property (this host has no Format-List; the set is what it reads).
        var shown = ps.Invoke("(Get-CreateOsProject -Id $global:listed.Id).PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames").Select(o => (string)o.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.Equal("UniqueName", shown[0]);
        Assert.Contains("EnabledSecurityScan", shown);
        Assert.DoesNotContain("UserId", shown);
        Assert.DoesNotContain("DeletedAt", shown);
        Assert.Empty(ps.Invoke("Get-Module CreateOs | ForEach-Object { $_.ExportedTypeFiles }"));

        var project = new MppProject { Id = "p1", Name = "landing", Url = "https://landing.example" };
        Assert.Equal(new object[] { "landing", "https://landing.example" }, ps.Invoke("$args[0] | ForEach-Object { $_.UniqueName; $_.Endpoint }", project).Select(o => o.BaseObject));
        var record = new PaymentRecord { Id = "rec1", TransactionHash = "0xabc" };
        Assert.Equal(new object[] { "rec1", "0xabc" }, ps.Invoke("$args[0] | ForEach-Object { $_.PaymentId; $_.PaymentTx }", record).Select(o => o.BaseObject));
        Assert.Equal("https://x.example", ps.Invoke("$args[0].Url", new MppDeployResult { Endpoint = "https://x.example" }).Single().BaseObject);
        Assert.Equal("0x1", ps.Invoke("$args[0].WalletAddress", new WalletFile { Address = "0x1" }).Single().BaseObject);
    }
    [Fact]
    public void Every_table_a_help_example_shows_has_the_columns_of_the_default_view_of_what_the_command_writes()
    {
        // Sample output in docs/en-US drifts silently when a view changes, and readers then look for columns that never come.
        using var ps = new PowerShellSession();
        var outputTypes = ps.Invoke("Get-Command -Module CreateOs | ForEach-Object { $_.Name + '=' + (@($_.OutputType | ForEach-Object { $_.Type.FullName }) -join ',') }")
            .Select(o => ((string)o.BaseObject).Split('='))
            .ToDictionary(p => p[0], p => p[1].Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
        var defaultViews = FormatFile().Descendants("View")
            .GroupBy(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value)
            .ToDictionary(g => g.Key, g => g.First()); // PowerShell shows the first view it loaded for a type
        var passThrough = new[] { "Where-Object", "Sort-Object", "Tee-Object" };
        var reshaping = new[] { "Format-", "Select-Object", "Group-Object", "Measure-Object", "ForEach-Object", "ConvertTo-", "Out-" };

        var checkedTables = 0;
        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(ModuleTools.Docs, "*-*.md"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 1; i < lines.Length; i++)
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(lines[i], @"^-+( +-+)* *$") || lines[i - 1].Trim().Length == 0) continue;
                var command = CommandBefore(lines, i - 1);
                if (command is null) continue;
                var pipeline = command.Split(';').Last().Split('|').Select(c => c.Trim().Split(' ')[0]).ToList();
                if (pipeline.Any(c => reshaping.Any(r => c.StartsWith(r, StringComparison.OrdinalIgnoreCase)))) continue;
                var writer = pipeline.LastOrDefault(c => !passThrough.Contains(c, StringComparer.OrdinalIgnoreCase));
                if (writer is null || !outputTypes.TryGetValue(writer, out var types)) continue;
                var view = types.Select(t => defaultViews.GetValueOrDefault(t)).FirstOrDefault(v => v != null);
                if (view is null) continue;
                checkedTables++;
                var where = $"{Path.GetFileName(file)} line {i}: {command}";
                if (view.Element("TableControl") is not { } table)
                {
                    problems.Add($"{where}\n  shows a table, but the default view of {writer}'s output is a {view.Elements().First(e => e.Name.LocalName.EndsWith("Control")).Name.LocalName}");
                    continue;
                }
                var shown = Columns(lines[i - 1], lines[i]);
                var labels = table.Descendants("TableColumnHeader").Zip(table.Descendants("TableColumnItem"),
                    (header, item) => header.Element("Label")?.Value ?? item.Element("PropertyName")?.Value ?? "").ToList();
                if (!shown.SequenceEqual(labels))
                    problems.Add($"{where}\n  shows   {string.Join(" | ", shown)}\n  renders {string.Join(" | ", labels)}");
            }
        }
        Assert.True(checkedTables >= 5, $"only {checkedTables} example tables were found: is the parser still reading the docs?");
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        static string? CommandBefore(string[] lines, int header)
        {
            for (var j = header - 1; j >= 0 && !lines[j].StartsWith("```", StringComparison.Ordinal); j--)
            {
                if (!lines[j].StartsWith("PS> ", StringComparison.Ordinal)) continue;
                var command = lines[j][4..];
                for (var k = j + 1; k < header && lines[k].StartsWith(">>", StringComparison.Ordinal); k++) command += " " + lines[k][2..].Trim();
                return command;
            }
            return null;
        }

        // The dashes under each header mark the column; a label may hold a space ("Paid with", "Gas (ETH)").
        static List<string> Columns(string header, string dashes) =>
            System.Text.RegularExpressions.Regex.Matches(dashes, "-+")
                .Select(m => header.Length <= m.Index ? "" : header.Substring(m.Index, Math.Min(m.Length, header.Length - m.Index)).Trim())
                .ToList();
    }
    [Fact]
    public void Every_CreateOs_object_an_output_holds_says_what_it_is_instead_of_its_type_name()
    {
        // Format-List, -ExpandProperty and "{a, b}" cells show a nested object by its ToString(): without an override that
        // is "CreateOs.Core.Models.EnvironmentExtra", which tells the reader nothing.
        var core = typeof(CreateOsSession).Assembly;
        var pending = new Queue<Type>(DeclaredOutputTypes().Where(t => t.Assembly == core).Distinct());
        Assert.NotEmpty(pending);
        var seen = new HashSet<Type>();
        var nameless = new List<string>();
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                var shown = property.PropertyType.IsArray ? property.PropertyType.GetElementType()!
                    : property.PropertyType.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType) ? property.PropertyType.GetGenericArguments().Last()
                    : property.PropertyType;
                if (shown.Assembly != core || shown.IsValueType) continue;
                if (shown.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType != shown) nameless.Add($"{type.Name}.{property.Name} ({shown.FullName})");
                pending.Enqueue(shown);
            }
        }
        Assert.Empty(nameless);
    }
}
