using System.Collections;
using System.Management.Automation;
using CreateOs.Core.Configuration;
using CreateOs.Engine.Tests.Experience;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>
/// Environments as code against the sandbox: export → change on the server → compare shows exactly that change → sync
/// restores it → compare is empty, idempotent, -WhatIf sends nothing, secrets never leave their store, -Prune, failures
/// per project.
/// </summary>
[Collection(SandboxCollection.Name)]
public class ConfigurationTests : IClassFixture<PlatformSandboxFixture>, IDisposable
{
    private const string Token = "sk_live_4f9a8b7c6d5e4f3a2b1c";
    private const string RotatedToken = "sk_live_rotated_0a1b2c3d4e5f";
    private readonly PlatformSandboxFixture _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("createos-config-").FullName;

    public ConfigurationTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// An image project ($project) with production (LOG_LEVEL, a secret API_TOKEN, 200m) and staging, a domain on
    /// production and a cronjob; $secrets is the store behind a Get-Secret function, as SecretManagement would provide.
    /// </summary>
    private PowerShellSession Estate(int width = 140)
    {
        var ps = _fixture.ConnectedSession(width);
        PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke($$"""
            $global:production = $project | New-CreateOsEnvironment -Name production -Variables @{ LOG_LEVEL = 'info'; API_TOKEN = '{{Token}}' } -Confirm:$false
            $global:staging = $project | New-CreateOsEnvironment -Name staging -Cpu 250 -Confirm:$false
            $null = New-CreateOsDomain -ProjectId $project.Id -Name "$($project.UniqueName).example.com" -EnvironmentId $production.Id -Confirm:$false
            $global:cronjob = $production | New-CreateOsCronjob -Name health -Schedule '*/5 * * * *' -Path /health -Confirm:$false
            $global:secrets = @{}
            function global:Get-Secret { param([string] $Name, [string] $Vault, [switch] $AsPlainText) if ($secrets.ContainsKey($Name)) { $secrets[$Name] } else { throw "no secret $Name" } }
            """);
        Assert.Empty(ps.Errors);
        return ps;
    }

    private string File(string name) => Path.Combine(_folder, name);

    private static List<ConfigurationChange> Compare(PowerShellSession ps, string arguments) =>
        ps.Invoke("Compare-CreateOsConfiguration " + arguments).Select(o => (ConfigurationChange)o.BaseObject).ToList();

    /// <summary>Everything a change shows a user: all its public properties, as PowerShell sees them.</summary>
    private static string Shown(PowerShellSession ps, IEnumerable<ConfigurationChange> changes) =>
        string.Join("\n", changes.Select(c => string.Join("|", PSObject.AsPSObject(c).Properties.Select(p => $"{p.Name}={p.Value}"))));

    [Fact]
    public void Export_then_a_change_on_the_server_is_exactly_the_diff_and_sync_restores_it_idempotently_without_showing_secrets()
    {
        using var ps = Estate();
        var file = File("roundtrip.psd1");
        ps.Invoke("Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path $args[0] -Confirm:$false", file);
        Assert.Empty(ps.Errors);
        var text = System.IO.File.ReadAllText(file);
        Assert.DoesNotContain(Token, text);
        Assert.Contains("LOG_LEVEL = 'info'", text);

        // What Import-PowerShellDataFile does: parse, take the table, evaluate literals only.
        var data = (Hashtable)ps.Invoke("[System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$null, [ref]$null).Find({ $args[0] -is [System.Management.Automation.Language.HashtableAst] }, $false).SafeGetValue()", file).Single().BaseObject;
        var project = (Hashtable)((object[])data["Projects"]!)[0];
        Assert.Equal(ps.Invoke("$project.UniqueName").Single().BaseObject, project["UniqueName"]);
        var production = ((object[])project["Environments"]!).Cast<Hashtable>().Single(e => (string)e["UniqueName"]! == "production");
        var reference = (Hashtable)((Hashtable)production["Variables"]!)["API_TOKEN"]!;
        ps.Invoke("$secrets[$args[0]] = $args[1]", reference["Secret"], Token);

        Assert.Empty(Compare(ps, $"-Path '{file}'"));
        Assert.Empty(ps.Warnings);

        ps.Invoke($$"""
            $production | Set-CreateOsEnvironmentResource -Cpu 300 -Confirm:$false
            $production | Set-CreateOsEnvironmentVariable -Variables @{ LOG_LEVEL = 'debug'; API_TOKEN = '{{RotatedToken}}' } -Confirm:$false
            $cronjob | Set-CreateOsCronjob -Schedule '@hourly' -Confirm:$false
            $cronjob | Suspend-CreateOsCronjob -Confirm:$false
            """);
        Assert.Empty(ps.Errors);

        var diff = Compare(ps, $"-Path '{file}'");
        Assert.Equal(new[]
        {
            "Change environment production Resources.Cpu 300 200",
            "Change environment production Variables.API_TOKEN (secret) (secret)",
            "Change environment production Variables.LOG_LEVEL debug info",
            "Change cronjob health Schedule @hourly */5 * * * *",
            "Change cronjob health Suspended True False",
        }.OrderBy(s => s), diff.Select(c => $"{c.Action} {c.ResourceType.ToString().ToLowerInvariant()} {c.Name} {c.Property} {c.Current} {c.Desired}").OrderBy(s => s));
        var shown = Shown(ps, diff) + Screen.Of(ps, "Compare-CreateOsConfiguration -Path $args[0]", file);
        Assert.DoesNotContain(Token, shown);
        Assert.DoesNotContain(RotatedToken, shown);

        ps.Verbose.Clear();
        var summary = (ConfigurationSyncSummary)ps.Invoke("Sync-CreateOsConfiguration -Path $args[0] -Confirm:$false -Verbose", file).Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal((2, 0, 5), (summary.Changed, summary.Failed, summary.ChangesApplied));
        Assert.DoesNotContain(ps.Verbose, v => v.Message.Contains(Token) || v.Message.Contains(RotatedToken));
        Assert.Contains(ps.Verbose, v => v.Message.Contains("Variables.API_TOKEN") && v.Message.Contains(SecretPolicy.Mask));
        var restored = _fixture.Sandbox.State.Environments.Single(e => e.Id.ToString() == (string)ps.Invoke("$production.Id").Single().BaseObject);
        lock (_fixture.Sandbox.State.SyncRoot) Assert.Equal(Token, (string?)restored.Settings["runEnvs"]!["API_TOKEN"]);

        Assert.Empty(Compare(ps, $"-Path '{file}'"));
        var mutating = _fixture.Sandbox.State.MutatingRequestCount;
        summary = (ConfigurationSyncSummary)ps.Invoke("Sync-CreateOsConfiguration -Path $args[0] -Confirm:$false", file).Single().BaseObject;
        Assert.Equal((0, 0, 5), (summary.Changed, summary.Failed, summary.Unchanged));
        Assert.Equal(mutating, _fixture.Sandbox.State.MutatingRequestCount);
    }

    [Fact]
    public void WhatIf_prints_the_plan_and_sends_nothing()
    {
        using var ps = Estate();
        var file = File("whatif.psd1");
        ps.Invoke("Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path $args[0] -Confirm:$false", file);
        ps.Invoke("$staging | Set-CreateOsEnvironmentResource -Cpu 400 -Replicas 2 -Confirm:$false");
        var mutating = _fixture.Sandbox.State.MutatingRequestCount;

        var summary = (ConfigurationSyncSummary)ps.Invoke("Sync-CreateOsConfiguration -Path $args[0] -WhatIf", file).Single().BaseObject;

        Assert.Equal(mutating, _fixture.Sandbox.State.MutatingRequestCount);
        Assert.Equal((0, 1), (summary.Changed, summary.Skipped));
        Assert.Contains("What if: Performing the operation \"Change Resources.Cpu from 400 to 250\" on target \"environment ", ps.HostText);
        Assert.Contains("Change Resources.Replicas from 2 to 1", ps.HostText);
    }

    [Fact]
    public void A_file_name_holding_a_colon_is_a_name_in_the_current_folder_for_export_and_sync()
    {
        if (OperatingSystem.IsWindows()) return; // Windows file names cannot hold a colon
        using var ps = Estate();
        ps.Runspace.SessionStateProxy.Path.SetLocation(WildcardPattern.Escape(_folder));
        // PowerShell alone reads "fleet:" as a drive and fails with DriveNotFound.
        ps.Invoke("Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path 'fleet:2026.psd1' -Confirm:$false");
        Assert.Empty(ps.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e));
        Assert.True(System.IO.File.Exists(File("fleet:2026.psd1")));
        ps.Invoke("$staging | Set-CreateOsEnvironmentResource -Cpu 400 -Confirm:$false");

        var summary = (ConfigurationSyncSummary)ps.Invoke("Sync-CreateOsConfiguration -Path 'fleet:2026.psd1' -WhatIf").Single().BaseObject;

        Assert.Empty(ps.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e));
        Assert.Equal(0, summary.Changed);
        Assert.Contains("Change Resources.Cpu from 400 to 250", ps.HostText);
    }

    [Fact]
    public void Nothing_is_deleted_without_Prune_and_Prune_removes_what_the_file_does_not_have()
    {
        using var ps = Estate();
        var file = File("prune.psd1");
        ps.Invoke("Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path $args[0] -Confirm:$false", file);
        ps.Invoke("""
            $staging | Set-CreateOsEnvironmentVariable -Variables @{ EXTRA = 'x' } -Confirm:$false
            $null = $project | New-CreateOsEnvironment -Name scratch -Confirm:$false
            $null = $staging | New-CreateOsCronjob -Name nightly -Schedule '@daily' -Path /nightly -Confirm:$false
            """);
        Assert.Empty(ps.Errors);

        Assert.Empty(Compare(ps, $"-Path '{File("prune.psd1")}'"));
        var summary = (ConfigurationSyncSummary)ps.Invoke("Sync-CreateOsConfiguration -Path $args[0] -Confirm:$false", file).Single().BaseObject;
        Assert.Equal(0, summary.Changed);
        Assert.Equal(3, ps.Invoke("Get-CreateOsEnvironment -ProjectId $project.Id").Count);

        var removals = Compare(ps, $"-Path '{file}' -Prune");
        Assert.Equal(new[] { "cronjob nightly ", "environment scratch ", "environment staging Variables.EXTRA" },
            removals.Select(c => $"{c.ResourceType.ToString().ToLowerInvariant()} {c.Name} {c.Property}").OrderBy(s => s));
        Assert.All(removals, c => Assert.Equal(ChangeAction.Remove, c.Action));
        summary = (ConfigurationSyncSummary)ps.Invoke("Sync-CreateOsConfiguration -Path $args[0] -Prune -Confirm:$false", file).Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(new[] { "production", "staging" }, ps.Invoke("Get-CreateOsEnvironment -ProjectId $project.Id | ForEach-Object UniqueName").Select(o => o.ToString()).OrderBy(s => s));
        for (var i = 0; i < 100 && Compare(ps, $"-Path '{file}' -Prune").Count > 0; i++) Thread.Sleep(50);
        Assert.Empty(Compare(ps, $"-Path '{file}' -Prune"));
    }

    [Fact]
    public void A_failing_project_is_reported_alone_while_the_others_are_changed_or_created()
    {
        using var ps = Estate();
        var missing = $"cfg-new-{Guid.NewGuid():N}"[..20];
        var broken = $"cfg-bad-{Guid.NewGuid():N}"[..20];
        ps.Invoke($$"""
            $global:fleet = @{
                Version = 1
                Projects = @(
                    @{ UniqueName = $project.UniqueName; Environments = @( @{ UniqueName = 'staging'; Resources = @{ Cpu = 300 } } ) }
                    @{ UniqueName = '{{broken}}'; Environments = @( @{ UniqueName = 'production' } ) }
                    @{ UniqueName = '{{missing}}'; Type = 'image'; DisplayName = 'Created From File'; Settings = @{ Port = 8080 }
                       Environments = @( @{ UniqueName = 'production'; Variables = @{ MODE = 'fleet' } } )
                       Cronjobs = @( @{ Name = 'ping'; Environment = 'production'; Schedule = '@hourly'; Path = '/ping' } ) }
                )
            }
            """);
        var summary = (ConfigurationSyncSummary)ps.Invoke("Sync-CreateOsConfiguration -Configuration $fleet -ThrottleLimit 3 -Confirm:$false").Single().BaseObject;

        var error = Assert.Single(ps.Errors);
        Assert.Equal("project " + broken, error.TargetObject);
        Assert.Contains("no Type", error.Exception.Message);
        Assert.Equal(ResourceOutcome.Failed, summary.Resources.Single(r => r.Project == broken && r.ResourceType == ConfigurationResourceType.Project).Outcome);
        Assert.Equal(ResourceOutcome.Changed, summary.Resources.Single(r => r.Name == "staging" && r.Project != broken && r.Project != missing).Outcome);
        Assert.All(summary.Resources.Where(r => r.Project == missing), r => Assert.Equal(ResourceOutcome.Changed, r.Outcome));
        var created = _fixture.Sandbox.State.Projects.Single(p => p.UniqueName == missing);
        Assert.Equal(("Created From File", "image"), (created.DisplayName, created.Type));
        Assert.Single(_fixture.Sandbox.State.Cronjobs, c => c.ProjectId == created.Id && c.Name == "ping");
    }

    [Fact]
    public void A_file_with_an_unknown_key_or_code_stops_before_any_request_and_runs_nothing()
    {
        using var ps = Estate();
        var typo = File("typo.psd1");
        System.IO.File.WriteAllText(typo, "@{ Version = 1; Projects = @( @{ UniqueName = 'shop-app'; Enviroments = @() } ) }");
        var marker = File("ran.txt");
        var code = File("code.psd1");
        System.IO.File.WriteAllText(code, $"@{{ Version = 1; Projects = @( @{{ UniqueName = $([IO.File]::WriteAllText('{marker}', 'ran')) }} ) }}");
        var requests = _fixture.Sandbox.State.Requests.Count;

        foreach (var (file, expected) in new[] { (typo, "unknown key 'Enviroments'"), (code, "other than data") })
        {
            var error = (ErrorRecord)ps.Invoke("try { Sync-CreateOsConfiguration -Path $args[0] -Confirm:$false; 'continued' } catch { $_ }", file).Single().BaseObject;
            Assert.Equal("CreateOs.ConfigurationInvalid", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains(expected, error.Exception.Message);
        }
        Assert.False(System.IO.File.Exists(marker));
        Assert.Equal(requests, _fixture.Sandbox.State.Requests.Count);
    }

    [Fact]
    public void Json_exports_compare_like_psd1_and_two_exports_of_one_state_are_identical()
    {
        using var ps = Estate();
        ps.Invoke("Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path $args[0] -Confirm:$false; Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path $args[1] -Format Json -Confirm:$false; Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path $args[2] -Confirm:$false",
            File("a.psd1"), File("a.json"), File("b.psd1"));
        Assert.Empty(ps.Errors);
        Assert.Equal(System.IO.File.ReadAllBytes(File("a.psd1")), System.IO.File.ReadAllBytes(File("b.psd1")));
        Assert.DoesNotContain(Token, System.IO.File.ReadAllText(File("a.json")));
        Assert.Empty(Compare(ps, $"-Path '{File("a.json")}'"));
        ps.Invoke("$production | Set-CreateOsEnvironmentResource -Replicas 3 -Confirm:$false");
        Assert.Equal("Resources.Replicas", Assert.Single(Compare(ps, $"-Path '{File("a.json")}'")).Property);
    }

    [Fact]
    public void Cronjobs_their_runs_the_plan_and_the_summary_read_at_80_columns()
    {
        using var ps = Estate(width: 80);
        var file = File("views.psd1");
        ps.Invoke("Get-CreateOsProject -Id $project.Id | Export-CreateOsConfiguration -Path $args[0] -Confirm:$false; $staging | Set-CreateOsEnvironmentResource -Cpu 400 -Confirm:$false", file);
        CreateOs.Sandbox.Routes.CronjobsRoutes.RecordRun(_fixture.Sandbox.State, Guid.Parse((string)ps.Invoke("$cronjob.Id").Single().BaseObject), success: false, statusCode: 502, log: "upstream unavailable");

        var screen = Screen.Of(ps, "Get-CreateOsCronjob -ProjectId $project.Id") + Screen.Of(ps, "$cronjob | Get-CreateOsCronjobActivity")
            + Screen.Of(ps, "Compare-CreateOsConfiguration -Path $args[0]", file) + Screen.Of(ps, "Sync-CreateOsConfiguration -Path $args[0] -Confirm:$false", file);

        Assert.Empty(ps.Errors);
        // Warnings are the host's text (an unresolved secret here); the views are what must fit.
        Assert.All(screen.Split('\n').Where(l => !l.StartsWith("WARNING:", StringComparison.Ordinal)), line => Assert.True(line.TrimEnd().Length <= 80, $"wider than 80 columns: {line}"));
        foreach (var expected in new[] { "health", "*/5 * * * *", "GET /health", "failed", "502", "upstream unavailable", "~", "environment staging", "Resources.Cpu", "400", "250", "Unchanged" })
            Assert.Contains(expected, screen);
        Assert.DoesNotContain("\u2026", screen.Split('\n').Where(l => l.Contains("Resources.Cpu")).Single());
    }
}
