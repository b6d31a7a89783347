using System.Reflection;
using CreateOs.Core;
using CreateOs.Core.Configuration;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;
using Newtonsoft.Json;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>
/// The views read C# display properties where they used to run PowerShell script blocks. The old script blocks are the
/// oracle here: run in the engine over the same objects, in cultures with other decimal separators, minus signs and
/// calendars, they must give the text the property gives, as the formatter writes either.
/// </summary>
public class ReplacedScriptBlockTests
{
    private static readonly string[] Cultures = { "", "de-DE", "sv-SE", "th-TH", "ar-SA" };

    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 15, 42, TimeSpan.Zero);

    private static T Json<T>(string json) => JsonConvert.DeserializeObject<T>(json)!;

    private static ConfigurationChange Change(ConfigurationResourceType type, string name, string? property, object? current, object? desired, bool secret = false)
    {
        var constructor = typeof(ConfigurationChange).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single();
        var operation = Enum.ToObject(constructor.GetParameters()[8].ParameterType, 0);
        return (ConfigurationChange)constructor.Invoke(new[] { "shop", type, name, property, ChangeAction.Change, current, desired, secret, operation, null });
    }

    /// <summary>Each replaced script block (as the format file had it), the property that replaced it, and objects to show.</summary>
    private static IEnumerable<object[]> Cases()
    {
        const string paidWith = "if ($_.PaymentTx -or ($_.PaymentProtocol -and $_.Status -ne 'not paid')) { '{0} on {1}' -f $_.Token, $_.Chain } elseif ($_.PaymentId) { 'not paid' } else { 'credits' }";
        const string localCreatedAt = "if ($_.CreatedAt) { $_.CreatedAt.ToLocalTime().ToString('yyyy-MM-dd HH:mm') }";
        var supportedTypes = new object[]
        {
            new SupportedProjectType { Runtimes = new() { "node:20", "node:22" } }, new SupportedProjectType { Runtimes = new() },
            new SupportedProjectType { Runtimes = null! }, new SupportedProjectType { Runtimes = new() { "a", null!, "b" } },
            Json<SupportedProjectType>("""{"editables":{"port":{"type":"number"},"buildCommand":{}}}"""), new SupportedProjectType { Editables = new() },
        };
        var deployResults = new object[]
        {
            new MppDeployResult { Status = "ready", PaymentTx = "0xabc", PaymentProtocol = "Transfer", PaymentId = "p1", Token = "usdc", Chain = "arbitrum" },
            new MppDeployResult { Status = "ready", PaymentProtocol = "Mpp", PaymentId = "p2", Token = "usdc", Chain = "base" },
            new MppDeployResult { Status = "not paid", PaymentProtocol = "X402", PaymentId = "p3", Token = "usdc", Chain = "base" },
            new MppDeployResult { Status = "NOT PAID", PaymentProtocol = "X402", PaymentId = "p4" },
            new MppDeployResult { Status = "not paid", PaymentProtocol = "X402" }, new MppDeployResult { Status = "accepted", PaymentId = "p5" },
            new MppDeployResult { Status = "ready" }, new MppDeployResult { PaymentTx = "0xdef" },
            new MppDeployResult { Status = "", PaymentTx = "", PaymentProtocol = "", PaymentId = "" }, new MppDeployResult { Status = null!, PaymentProtocol = "Mpp" },
        };
        var records = new object[]
        {
            new PaymentRecord { Token = "usdt", Chain = "base", ValidBefore = 1767225600 }, new PaymentRecord { Token = "", Chain = "", ValidBefore = 0 },
            new PaymentRecord { Token = null!, Chain = null!, ValidBefore = -5 }, new PaymentRecord { ValidBefore = 253402300799 }, new PaymentRecord(),
        };
        var environments = new object[]
        {
            new ProjectEnvironment { Resources = new EnvironmentResources { Cpu = 200, Memory = 512, Replicas = 1 } }, new ProjectEnvironment { Resources = null! },
            new ProjectEnvironment { Resources = new EnvironmentResources { Cpu = -5, Memory = -1024, Replicas = -1 } },
        };
        var domains = new object[]
        {
            Json<Domain>("""{"records":{"txt_records":[{"name":"_verify","value":"x"}],"a_records":[{"name":"@","value":"1.2.3.4"},{"name":"www"}]}}"""),
            Json<Domain>("""{"records":{"cname":{"value":"target"}}}"""), new Domain(),
        };
        var branches = new object[]
        {
            new GitHubBranch { Commit = new GitHubCommit { Sha = "0123456789abcdef0123456789abcdef01234567" } }, new GitHubBranch { Commit = new GitHubCommit { Sha = "abc" } },
            new GitHubBranch { Commit = new GitHubCommit { Sha = "" } }, new GitHubBranch { Commit = new GitHubCommit { Sha = null! } }, new GitHubBranch(),
        };
        var analytics = new object[]
        {
            new AnalyticsSummary { OverallRequests = new OverallRequests { Total = 12345 }, Rpm = new RequestsPerMinute { Peak = 2.5 }, TopHitPaths = new() { new PathHits { Path = "/" }, new PathHits { Path = "/x" } } },
            new AnalyticsSummary(), new AnalyticsSummary { Rpm = new RequestsPerMinute { Peak = 0.1 + 0.2 }, TopHitPaths = null! },
            new AnalyticsSummary { Rpm = new RequestsPerMinute { Peak = 1e21 }, TopHitPaths = new() { null! } },
        };
        var activities = new object[]
        {
            new CronjobActivity { Success = true, ScheduledAt = At }, new CronjobActivity { Success = false, ScheduledAt = new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.FromHours(-5)) },
            new CronjobActivity(), new CronjobActivity { ScheduledAt = DateTimeOffset.MinValue }, new CronjobActivity { ScheduledAt = DateTimeOffset.MaxValue },
        };
        var counts = new object[]
        {
            new TemplateCount { Categories = new[] { new TemplateCategoryCount { Name = "api", Count = 3 }, new TemplateCategoryCount { Name = "web", Count = -1 } } },
            new TemplateCount { Name = "" }, new TemplateCount { Name = "starter", Categories = null! },
            new TemplateCount { Categories = new[] { null!, new TemplateCategoryCount { Name = "x", Count = 2 } } },
        };
        var nested = new List<object?> { 1L, 2L };
        var changes = new object[]
        {
            Change(ConfigurationResourceType.Project, "shop", null, null, "upload project"),
            Change(ConfigurationResourceType.Environment, "production", "Resources.Cpu", 200, -250),
            Change(ConfigurationResourceType.Environment, "production", "Variables.TOKEN", "old", "new", secret: true),
            Change(ConfigurationResourceType.Environment, "production", "", false, true),
            Change(ConfigurationResourceType.Project, "shop", "Settings.Ratio", 2.5, 0.1 + 0.2),
            Change(ConfigurationResourceType.Project, "shop", "Settings.Big", 1e21, 1.50m),
            Change(ConfigurationResourceType.Project, "shop", "Settings.Single", 0.1f, -42L),
            Change(ConfigurationResourceType.Domain, "a.example.com", "Settings.When", At, new DateTime(2026, 3, 1, 10, 15, 0)),
            Change(ConfigurationResourceType.Cronjob, "health", "Settings.List", new List<object?> { 1L, "a", true, null, 2.5 }, new List<object?>()),
            Change(ConfigurationResourceType.Cronjob, "health", "Settings.Nested", new List<object?> { nested }, new List<object?> { nested, 3L }),
            Change(ConfigurationResourceType.Cronjob, "health", "Settings.Map", new List<object?> { 7.25 }, new Dictionary<string, object?> { ["a"] = 1L }),
        };

        yield return new object[] { "if ($null -ne $_.MaxPaymentUsd) { $_.MaxPaymentUsd } else { '5 (default)' }", nameof(CreateOsSession.MaxPaymentUsdShown),
            new object[] { new CreateOsSession(), new CreateOsSession { MaxPaymentUsd = 2.50m }, new CreateOsSession { MaxPaymentUsd = 1000000.125m }, new CreateOsSession { MaxPaymentUsd = 0m } } };
        yield return new object[] { "$_.Runtimes -join ', '", nameof(SupportedProjectType.RuntimeList), supportedTypes };
        yield return new object[] { "if ($_.Editables) { @($_.Editables.Keys) -join ', ' }", nameof(SupportedProjectType.EditableList), supportedTypes };
        yield return new object[] { "$_.Tokens -join ', '", nameof(MppChain.TokenList),
            new object[] { new MppChain { Tokens = new() { "usdc", "usdt" } }, new MppChain { Tokens = new() }, new MppChain { Tokens = null! } } };
        yield return new object[] { paidWith, nameof(MppDeployResult.PaidWith), deployResults };
        yield return new object[] { "'{0} on {1}' -f $_.Token, $_.Chain", nameof(PaymentRecord.PaidWith), records };
        yield return new object[] { "if ($_.ValidBefore) { [DateTimeOffset]::FromUnixTimeSeconds($_.ValidBefore).ToString('u') }", nameof(PaymentRecord.AuthorizationValidBefore), records };
        yield return new object[] { "\"$($_.Resources.Cpu)m $($_.Resources.Memory)MB x$($_.Resources.Replicas)\"", nameof(ProjectEnvironment.ResourceSummary), environments };
        yield return new object[] { "($_.Records | ForEach-Object { \"$($_.Type) $($_.Name)\" }) -join '; '", nameof(Domain.RecordSummary), domains };
        yield return new object[] { "if ($_.PlainTextSecret) { $_.PlainTextSecret } else { '(SecureString: .Secret)' }", nameof(NewApiKey.SecretShown),
            new object[] { new NewApiKey { PlainTextSecret = "skp_plain" }, new NewApiKey(), new NewApiKey { PlainTextSecret = "" } } };
        yield return new object[] { "if ($_.Commit) { $_.Commit.Sha.Substring(0, [Math]::Min(7, $_.Commit.Sha.Length)) }", nameof(GitHubBranch.ShortCommit), branches };
        yield return new object[] { "$_.OverallRequests.Total", nameof(AnalyticsSummary.TotalRequests), analytics };
        yield return new object[] { "$_.Rpm.Peak", nameof(AnalyticsSummary.PeakRpm), analytics };
        yield return new object[] { "if ($_.TopHitPaths.Count) { $_.TopHitPaths[0].Path }", nameof(AnalyticsSummary.TopHitPath), analytics };
        yield return new object[] { "if ($_.ScheduledAt) { $_.ScheduledAt.ToLocalTime().ToString('yyyy-MM-dd HH:mm') }", nameof(CronjobActivity.ScheduledAtShown), activities };
        yield return new object[] { "if ($_.Success -eq $true) { 'success' } elseif ($_.Success -eq $false) { 'failed' } else { '' }", nameof(CronjobActivity.Outcome), activities };
        yield return new object[] { "$_.Categories -join ', '", nameof(ProjectTemplate.CategoryList),
            new object[] { new ProjectTemplate { Categories = new() { "api", "express" } }, new ProjectTemplate(), new ProjectTemplate { Categories = null! } } };
        yield return new object[] { localCreatedAt, nameof(TemplateRejection.CreatedAtShown),
            new object[] { new TemplateRejection { CreatedAt = At }, new TemplateRejection(), new TemplateRejection { CreatedAt = DateTimeOffset.MinValue } } };
        yield return new object[] { localCreatedAt, nameof(TemplatePurchase.CreatedAtShown), new object[] { new TemplatePurchase { CreatedAt = At }, new TemplatePurchase() } };
        yield return new object[] { "if ($_.Name) { $_.Name } else { '(all)' }", nameof(TemplateCount.NameShown), counts };
        yield return new object[] { "($_.Categories | ForEach-Object { \"$($_.Name) ($($_.Count))\" }) -join ', '", nameof(TemplateCount.CategorySummary), counts };
        yield return new object[] { "\"$($_.ResourceType.ToString().ToLowerInvariant()) $($_.Name)\"", nameof(ConfigurationChange.ResourceShown), changes };
        yield return new object[] { "if ($_.Property) { $_.Property } else { '(all)' }", nameof(ConfigurationChange.PropertyShown), changes };
        yield return new object[] { "if ($null -eq $_.Current) { '' } else { \"$($_.Current)\" }", nameof(ConfigurationChange.CurrentShown), changes };
        yield return new object[] { "if ($null -eq $_.Desired) { '' } else { \"$($_.Desired)\" }", nameof(ConfigurationChange.DesiredShown), changes };
        yield return new object[] { "'{0:0.0} s' -f $_.Duration.TotalSeconds", nameof(ConfigurationSyncSummary.DurationShown),
            new object[] { 0.0, 1.25, 0.05, 61.06, 12345.678 }.Select(s => (object)new ConfigurationSyncSummary { Duration = TimeSpan.FromSeconds((double)s) }).ToArray() };
    }

    [Fact]
    public void Every_display_property_gives_the_text_of_the_script_block_it_replaced_in_any_culture()
    {
        using var ps = new PowerShellSession();
        // Both sides as the formatter writes a column's value: PSObject.ToString() in the current culture, "" for nothing.
        var rows = ps.Invoke("""
            $ErrorActionPreference = 'Stop'
            $shown = { param($value) if ($null -eq $value) { '' } else { [System.Management.Automation.PSObject]::AsPSObject($value).ToString() } }
            $previous = [cultureinfo]::CurrentCulture
            try {
                foreach ($case in $args[0]) {
                    $block, $property, $samples = $case
                    $script = [scriptblock]::Create($block)
                    foreach ($culture in $args[1]) {
                        [cultureinfo]::CurrentCulture = $culture
                        for ($i = 0; $i -lt $samples.Count; $i++) {
                            # A script block that failed showed an empty column.
                            $old = try { $samples[$i] | ForEach-Object $script } catch { $null }
                            $new = $samples[$i].$property
                            [pscustomobject]@{ Case = "$property of sample $i in '$culture'"; Old = & $shown $old; New = & $shown $new }
                        }
                    }
                }
            } finally { [cultureinfo]::CurrentCulture = $previous }
            """, Cases().ToList(), Cultures);
        Assert.Empty(ps.Errors);
        Assert.True(rows.Count > 500, $"only {rows.Count} comparisons ran");
        var differences = rows.Where(r => (string)r.Properties["Old"].Value != (string)r.Properties["New"].Value)
            .Select(r => $"{r.Properties["Case"].Value}: script block '{r.Properties["Old"].Value}', property '{r.Properties["New"].Value}'").ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
