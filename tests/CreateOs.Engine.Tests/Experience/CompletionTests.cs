using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

[Collection(SandboxCollection.Name)]
public class CompletionTests
{
    private readonly SandboxFixture _fixture;

    public CompletionTests(SandboxFixture fixture) => _fixture = fixture;

    /// <summary>What TabExpansion2 offers at the end of <paramref name="line"/>: (completion text, list item text).</summary>
    private static List<(string Text, string ListItem)> Complete(PowerShellSession ps, string line)
    {
        var result = ps.Invoke("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line);
        return result.Select(r => (CompletionResult)r.BaseObject).Select(r => (r.CompletionText, r.ListItemText)).ToList();
    }

    private async Task<string> PostAsync(string path, object body)
    {
        using var http = new HttpClient { BaseAddress = _fixture.ApiUri };
        http.DefaultRequestHeaders.Add("X-Api-Key", SandboxFixture.ApiKey);
        var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("id").GetString()!;
    }

    [Fact]
    public void Project_ids_and_names_complete_from_the_api_by_name_prefix()
    {
        using var ps = _fixture.ConnectedSession();
        var id = (string)ps.Invoke("(New-CreateOsProject -Name complete-alpha -DisplayName 'Complete Alpha' -Type upload -Framework express -Runtime node:20 -Port 3000 -Confirm:$false).Id").Single().BaseObject;
        Assert.Empty(ps.Errors);
        try
        {
            var byName = Complete(ps, "Remove-CreateOsProject -ProjectId complete-al");
            Assert.Contains(byName, c => c.Text == id && c.ListItem.StartsWith("complete-alpha"));
            var byIdPrefix = Complete(ps, "Set-CreateOsProject -ProjectId " + id[..6]);
            Assert.Contains(byIdPrefix, c => c.Text == id);
            var names = Complete(ps, "Get-CreateOsProject -Name complete-");
            Assert.Contains(names, c => c.Text == "complete-alpha");
            Assert.DoesNotContain(Complete(ps, "Get-CreateOsProject -Name zzz-nothing"), c => c.Text == "complete-alpha");
        }
        finally
        {
            ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", id);
        }
    }

    [Fact]
    public async Task Environments_deployments_and_domains_complete_for_the_project_on_the_command_line()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = (string)ps.Invoke("(New-CreateOsProject -Name complete-image -DisplayName 'Complete Image' -Type image -Port 80 -Confirm:$false).Id").Single().BaseObject;
        Assert.Empty(ps.Errors);
        try
        {
            var older = await PostAsync($"v1/projects/{projectId}/deployments", new { image = "nginx:1.26" });
            await Task.Delay(50);
            var newer = await PostAsync($"v1/projects/{projectId}/deployments", new { image = "nginx:1.27" });
            var environmentId = await PostAsync($"v1/projects/{projectId}/environments", new
            {
                displayName = "Staging", uniqueName = "staging", description = "staging environment",
                settings = new { }, resources = new { cpu = 200, memory = 500, replicas = 1 },
            });
            await PostAsync($"v1/projects/{projectId}/domains", new { name = "complete.example.com" });

            ps.SetVariable("projectId", projectId);
            var completers = new Dictionary<string, string>
            {
                ["DeploymentId"] = "DeploymentIdCompleter", ["EnvironmentId"] = "EnvironmentIdCompleter",
                ["Environment"] = "EnvironmentNameCompleter", ["Domain"] = "DomainNameCompleter",
            };
            // A stand-in command with the parameters the REST cmdlets use, wired to the module's completer classes.
            ps.Invoke("function Test-Completion { param([string]$ProjectId, [string]$DeploymentId, [string]$EnvironmentId, [string]$Environment, [string]$Domain) }");
            foreach (var (parameter, completer) in completers)
                ps.Invoke($"Register-ArgumentCompleter -CommandName Test-Completion -ParameterName {parameter} -ScriptBlock {{ param($c, $p, $w, $ast, $bound) [CreateOs.Commands.Infrastructure.{completer}]::new().CompleteArgument($c, $p, $w, $ast, $bound) }}");
            Assert.Empty(ps.Errors);

            var deployments = Complete(ps, $"Test-Completion -ProjectId {projectId} -DeploymentId ");
            Assert.Equal(new[] { newer, older }, deployments.Select(d => d.Text).Take(2).ToArray());
            Assert.Contains(Complete(ps, $"Test-Completion -ProjectId {projectId} -EnvironmentId stag"), c => c.Text == environmentId);
            Assert.Equal(new[] { "staging" }, Complete(ps, $"Test-Completion -ProjectId {projectId} -Environment s").Select(c => c.Text));
            Assert.Equal(new[] { "complete.example.com" }, Complete(ps, $"Test-Completion -ProjectId {projectId} -Domain comp").Select(c => c.Text));
            // The same completers on the REST cmdlets themselves.
            Assert.Equal(new[] { newer, older }, Complete(ps, $"Get-CreateOsDeployment -ProjectId {projectId} -DeploymentId ").Select(d => d.Text).Take(2).ToArray());
            Assert.Contains(Complete(ps, $"Set-CreateOsEnvironmentDeployment -ProjectId {projectId} -EnvironmentId staging"), c => c.Text == environmentId);
            Assert.Equal(new[] { "staging" }, Complete(ps, $"Get-CreateOsEnvironment -ProjectId {projectId} -Name st").Select(c => c.Text));
            Assert.Equal(new[] { "complete.example.com" }, Complete(ps, $"Get-CreateOsDomain -ProjectId {projectId} -Name complete").Select(c => c.Text));
            // -EnvironmentId alone names the project too: the completer finds the project that owns the environment.
            Assert.Equal(new[] { newer, older }, Complete(ps, $"Set-CreateOsEnvironmentDeployment -EnvironmentId {environmentId} -DeploymentId ").Select(d => d.Text).Take(2).ToArray());
            Assert.Empty(Complete(ps, "Set-CreateOsEnvironmentDeployment -EnvironmentId 00000000-0000-0000-0000-000000000000 -DeploymentId "));
            // Without a project or an environment on the command line there is nothing to scope by: no suggestions, no error.
            Assert.Empty(Complete(ps, "Test-Completion -DeploymentId "));
            Assert.Empty(ps.Errors);
        }
        finally
        {
            ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", projectId);
        }
    }

    [Fact]
    public void After_Disconnect_and_a_connect_as_another_user_nothing_of_the_first_connection_is_offered()
    {
        using var ps = _fixture.ConnectedSession();
        var id = (string)ps.Invoke("(New-CreateOsProject -Name complete-mine -DisplayName 'Complete Mine' -Type upload -Framework express -Runtime node:20 -Port 3000 -Confirm:$false).Id").Single().BaseObject;
        Assert.Empty(ps.Errors);
        try
        {
            Assert.Contains(Complete(ps, "Get-CreateOsProject -Name complete-mi"), c => c.Text == "complete-mine");
            ps.Invoke("Disconnect-CreateOs");
            Assert.Empty(Complete(ps, "Get-CreateOsProject -Name complete-mi"));
            ps.Connect(_fixture.ApiUri, SandboxFixture.OtherUsersApiKey);
            Assert.DoesNotContain(Complete(ps, "Get-CreateOsProject -Name complete-mi"), c => c.Text == "complete-mine");
            Assert.Empty(ps.Errors);
        }
        finally
        {
            ps.Connect(_fixture.ApiUri, SandboxFixture.ApiKey);
            ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", id);
        }
    }

    [Fact]
    public void Cronjob_ids_and_names_template_ids_and_categories_complete_from_the_api()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = (string)ps.Invoke("(New-CreateOsProject -Name $args[0] -DisplayName 'Complete Cron' -Type image -Port 80 -Confirm:$false).Id", $"cmp-{Guid.NewGuid():N}"[..16]).Single().BaseObject;
        try
        {
            ps.Invoke("""
                $global:env = New-CreateOsEnvironment -ProjectId $args[0] -Name production -Confirm:$false
                $global:job = $env | New-CreateOsCronjob -Name nightly-report -Schedule '@daily' -Path /report -Confirm:$false
                $t = 'A template that only exists so that its id can be completed on the command line of the engine tests.'
                $global:template = $env | New-CreateOsTemplate -Name 'Completion template' -Description $t -Overview $t -UseCases $t -ImageUri 'https://example.com/t.png' -Category completion -Confirm:$false
                """, projectId);
            Assert.Empty(ps.Errors);
            var jobId = (string)ps.Invoke("$job.Id").Single().BaseObject;
            var templateId = (string)ps.Invoke("$template.Id").Single().BaseObject;

            Assert.Contains(Complete(ps, $"Suspend-CreateOsCronjob -ProjectId {projectId} -CronjobId nightly"), c => c.Text == jobId && c.ListItem.StartsWith("nightly-report"));
            Assert.Equal(new[] { "nightly-report" }, Complete(ps, $"Get-CreateOsCronjob -ProjectId {projectId} -Name night").Select(c => c.Text));
            Assert.Contains(Complete(ps, "Remove-CreateOsTemplate -TemplateId Completion"), c => c.Text == templateId);
            var starter = (string)ps.Invoke("(Get-CreateOsTemplate -Name sandbox-starter).Id").Single().BaseObject;
            Assert.Contains(Complete(ps, "New-CreateOsTemplatePurchase -TemplateId sandbox"), c => c.Text == starter);
            Assert.Equal(new[] { "starter", "static" }, Complete(ps, "Get-CreateOsTemplate -Category sta").Select(c => c.Text));
            Assert.Empty(ps.Errors);
        }
        finally
        {
            ps.Invoke("Remove-CreateOsProject -ProjectId $args[0] -Confirm:$false", projectId);
        }
    }

    [Fact]
    public void Runtimes_frameworks_chains_and_tokens_complete_offline()
    {
        using var ps = new PowerShellSession();
        Assert.Contains(Complete(ps, "New-CreateOsProject -Runtime node"), c => c.Text.StartsWith("node"));
        Assert.Contains(Complete(ps, "Invoke-MppDeploy -Framework ne"), c => c.Text.StartsWith("ne"));
        // -Chain and -Token carry ValidateSet, which PowerShell completes before any completer attribute.
        Assert.Equal(new[] { "arbitrum", "base" }, Complete(ps, "Invoke-MppDeploy -Chain ").Select(c => c.Text).OrderBy(t => t));
        Assert.Equal(new[] { "usdc", "usdt" }, Complete(ps, "Invoke-MppDeploy -Chain arbitrum -Token ").Select(c => c.Text).OrderBy(t => t));
        // The module's own chain and token completers, for parameters without a fixed set: pinned data with tooltips.
        ps.Invoke("function Test-Completion { param([string]$Chain, [string]$Token, [switch]$AllowUnofficialToken) }");
        ps.Invoke("Register-ArgumentCompleter -CommandName Test-Completion -ParameterName Chain -ScriptBlock { param($c, $p, $w, $ast, $bound) [CreateOs.Commands.Infrastructure.ChainCompleter]::new().CompleteArgument($c, $p, $w, $ast, $bound) }");
        ps.Invoke("Register-ArgumentCompleter -CommandName Test-Completion -ParameterName Token -ScriptBlock { param($c, $p, $w, $ast, $bound) [CreateOs.Commands.Infrastructure.TokenCompleter]::new().CompleteArgument($c, $p, $w, $ast, $bound) }");
        Assert.Equal(new[] { "arbitrum", "base" }, Complete(ps, "Test-Completion -Chain ").Select(c => c.Text).OrderBy(t => t));
        // Bridged USDT on Base is refused by default, so it is not offered either.
        Assert.Equal(new[] { "usdc" }, Complete(ps, "Test-Completion -Chain base -Token ").Select(c => c.Text));
        Assert.Equal(new[] { "usdc", "usdt" }, Complete(ps, "Test-Completion -Chain base -AllowUnofficialToken -Token ").Select(c => c.Text).OrderBy(t => t));
        var tooltip = ps.Invoke("(TabExpansion2 -inputScript 'Test-Completion -Chain arb' -cursorColumn 26).CompletionMatches[0].ToolTip").Single().ToString();
        Assert.Contains("42161", tooltip);
        Assert.Empty(ps.Errors);
        Assert.Contains(Complete(ps, "Get-WalletBalance -Chain b"), c => c.Text == "base");
    }

    [Fact]
    public void A_remote_completer_with_an_unreachable_api_returns_nothing_quickly_and_throws_nothing()
    {
        // A listener that accepts connections and never answers: the worst case for a completer.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var ps = new PowerShellSession();
        ps.SetVariable("key", PowerShellSession.Secure("skp_unreachable"));
        ps.Invoke("Connect-CreateOs -ApiKey $key -ApiUri $args[0]", new Uri($"http://127.0.0.1:{port}/"));
        Assert.Empty(ps.Errors);

        var watch = Stopwatch.StartNew();
        var completions = Complete(ps, "Remove-CreateOsProject -ProjectId ab");
        watch.Stop();
        Assert.DoesNotContain(completions, c => c.Text.Length > 0 && !c.Text.StartsWith('.') && !c.Text.Contains('/'));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 4);
        Assert.Empty(ps.Errors);

        // Not connected at all: also nothing, at once.
        using var disconnected = new PowerShellSession();
        watch.Restart();
        Assert.DoesNotContain(Complete(disconnected, "Get-CreateOsProject -Name ab"), c => !c.Text.Contains('/') && !c.Text.StartsWith('.'));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 2);
    }
}
