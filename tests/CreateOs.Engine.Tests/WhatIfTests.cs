using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

/// <summary>Every cmdlet that can change state, run with -WhatIf, sends no mutating request.</summary>
[Collection(SandboxCollection.Name)]
public class WhatIfTests : IClassFixture<SlowSandboxFixture>
{
    private readonly SlowSandboxFixture _fixture;

    public WhatIfTests(SlowSandboxFixture fixture) => _fixture = fixture;

    private const string Environment = "$global:environment = $project | New-CreateOsEnvironment -Name wi-env -Confirm:$false; ";
    private const string Queued = "$global:deployment = Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Confirm:$false; ";
    private const string Deployed = Queued + "1..3 | ForEach-Object { [void]$sandbox.AdvanceDeployment([guid]$deployment.Id) }; ";
    private const string Sleeping = Deployed + "$deployment | Remove-CreateOsDeployment -Confirm:$false; [void]$sandbox.AdvanceDeployment([guid]$deployment.Id); ";
    private const string Domain = "$global:domain = New-CreateOsDomain -ProjectId $project.Id -Name ('wi-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.example.com') -Confirm:$false; ";
    private const string App = "$global:app = New-CreateOsApp -Name ('wi-app-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -Confirm:$false; ";
    private const string Key = "$global:key = New-CreateOsApiKey -Name ('wi-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -ExpiresAt ([datetime]::UtcNow.AddDays(1)) -Confirm:$false; ";
    private const string FailedScan = "$global:project = New-CreateOsProject -Name ('wiscan-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -DisplayName 'Scan Target' -Type image -Port 80 -EnableSecurityScan -RunEnvs @{ SANDBOX_SCAN_FAIL = '1' } -Confirm:$false; "
        + Deployed + "$scan = $deployment | Start-CreateOsSecurityScan -Confirm:$false; 1..2 | ForEach-Object { [void]$sandbox.AdvanceScan([guid]$scan.Id) }; ";

    private const string Cronjob = Environment + "$global:cronjob = $environment | New-CreateOsCronjob -Name wi-job -Schedule '@daily' -Path /x -Confirm:$false; ";
    private const string Template = Environment + "$t = 'x' * 100; $global:template = $environment | New-CreateOsTemplate -Name 'What if template' -Description $t -Overview $t -UseCases $t -ImageUri 'https://example.com/t.png' -Confirm:$false; ";
    private const string Purchase = "$global:purchase = @(Get-CreateOsTemplatePurchase)[0]; if (-not $purchase) { $global:purchase = Get-CreateOsTemplate -Name sandbox-starter | New-CreateOsTemplatePurchase -Confirm:$false }; ";
    private const string Drifted = Environment + "$global:wiFile = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'wi-' + [guid]::NewGuid() + '.psd1'); $project | Export-CreateOsConfiguration -Path $wiFile -Confirm:$false; $environment | Set-CreateOsEnvironmentResource -Cpu 300 -Confirm:$false; ";

    /// <summary>What a case needs besides $project, created before the request counters are read.</summary>
    public static readonly Dictionary<string, string> Setups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Restart-CreateOsDeployment"] = Deployed,
        ["Stop-CreateOsDeployment"] = Queued,
        ["Remove-CreateOsDeployment"] = Deployed,
        ["Start-CreateOsDeployment"] = Sleeping,
        ["Save-CreateOsDeployment"] = Deployed,
        ["Set-CreateOsEnvironment"] = Environment,
        ["Remove-CreateOsEnvironment"] = Environment,
        ["Set-CreateOsEnvironmentVariable"] = Environment,
        ["Remove-CreateOsEnvironmentVariable"] = Environment,
        ["Set-CreateOsEnvironmentResource"] = Environment,
        ["Set-CreateOsEnvironmentDeployment"] = Environment + Deployed,
        ["Update-CreateOsDomain"] = Domain,
        ["Set-CreateOsDomainEnvironment"] = Environment + Domain,
        ["Remove-CreateOsDomain"] = Domain,
        ["Start-CreateOsSecurityScan"] = FailedScan.Replace("-RunEnvs @{ SANDBOX_SCAN_FAIL = '1' } ", ""),
        ["Restart-CreateOsSecurityScan"] = FailedScan,
        ["Save-CreateOsSecurityScanReport"] = Deployed,
        ["Set-CreateOsApp"] = App,
        ["Remove-CreateOsApp"] = App,
        ["Add-CreateOsAppProject"] = App,
        ["Remove-CreateOsAppProject"] = App + "$project | Add-CreateOsAppProject -AppId $app.Id -Confirm:$false; ",
        ["Add-CreateOsAppService"] = App,
        ["Remove-CreateOsAppService"] = App + "Add-CreateOsAppService -AppId $app.Id -ServiceId 11111111-2222-3333-4444-555555555555 -Confirm:$false; ",
        ["Set-CreateOsApiKey"] = Key,
        ["Revoke-CreateOsApiKey"] = Key,
        ["Approve-CreateOsProjectTransfer"] = "$global:transfer = $project | Get-CreateOsProjectTransferUri; ",
        ["New-CreateOsCronjob"] = Environment,
        ["Set-CreateOsCronjob"] = Cronjob,
        ["Remove-CreateOsCronjob"] = Cronjob,
        ["Suspend-CreateOsCronjob"] = Cronjob,
        ["Resume-CreateOsCronjob"] = Cronjob + "$cronjob | Suspend-CreateOsCronjob -Confirm:$false; ",
        ["New-CreateOsTemplate"] = Environment,
        ["Set-CreateOsTemplate"] = Template,
        ["Remove-CreateOsTemplate"] = Template,
        ["Submit-CreateOsTemplate"] = Template,
        ["Save-CreateOsTemplatePurchase"] = Purchase,
        ["Deploy-CreateOsTemplatePurchase"] = Purchase,
        ["Sync-CreateOsConfiguration"] = Drifted,
    };

    /// <summary>
    /// One -WhatIf invocation per cmdlet that supports ShouldProcess. $project is an existing project. A new cmdlet
    /// that supports ShouldProcess must be added here (the coverage test below fails until it is).
    /// </summary>
    public static readonly Dictionary<string, string> Invocations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["New-CreateOsProject"] = "New-CreateOsProject -Name whatif-new-project -DisplayName 'What If' -Type image -Port 80 -WhatIf",
        ["Set-CreateOsProject"] = "$project | Set-CreateOsProject -DisplayName 'Changed Name' -WhatIf",
        ["Set-CreateOsProjectSetting"] = "$project | Set-CreateOsProjectSetting -Port 9999 -WhatIf",
        ["Remove-CreateOsProject"] = "$project | Remove-CreateOsProject -WhatIf",
        ["Publish-CreateOsDeployment"] = "Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:latest -Wait -WhatIf",
        ["Restart-CreateOsDeployment"] = "$deployment | Restart-CreateOsDeployment -Settings project -WhatIf",
        ["Stop-CreateOsDeployment"] = "$deployment | Stop-CreateOsDeployment -WhatIf",
        ["Remove-CreateOsDeployment"] = "$deployment | Remove-CreateOsDeployment -WhatIf",
        ["Start-CreateOsDeployment"] = "$deployment | Start-CreateOsDeployment -WhatIf",
        ["Save-CreateOsDeployment"] = "$deployment | Save-CreateOsDeployment -Path ([IO.Path]::GetTempPath()) -WhatIf",
        ["New-CreateOsEnvironment"] = "$project | New-CreateOsEnvironment -Name staging -Variables @{ A = '1' } -WhatIf",
        ["Set-CreateOsEnvironment"] = "$environment | Set-CreateOsEnvironment -DisplayName 'Renamed Env' -WhatIf",
        ["Remove-CreateOsEnvironment"] = "$environment | Remove-CreateOsEnvironment -WhatIf",
        ["Set-CreateOsEnvironmentVariable"] = "$environment | Set-CreateOsEnvironmentVariable -Variables @{ LOG_LEVEL = 'debug' } -WhatIf",
        ["Remove-CreateOsEnvironmentVariable"] = "$environment | Remove-CreateOsEnvironmentVariable -Name LOG_LEVEL -WhatIf",
        ["Set-CreateOsEnvironmentResource"] = "$environment | Set-CreateOsEnvironmentResource -Cpu 300 -Replicas 2 -WhatIf",
        ["Set-CreateOsEnvironmentDeployment"] = "$deployment | Set-CreateOsEnvironmentDeployment -EnvironmentId $environment.Id -WhatIf",
        ["New-CreateOsDomain"] = "New-CreateOsDomain -ProjectId $project.Id -Name whatif.example.com -WhatIf",
        ["Update-CreateOsDomain"] = "$domain | Update-CreateOsDomain -WhatIf",
        ["Set-CreateOsDomainEnvironment"] = "Set-CreateOsDomainEnvironment -ProjectId $project.Id -DomainId $domain.Id -EnvironmentId $environment.Id -WhatIf",
        ["Remove-CreateOsDomain"] = "$domain | Remove-CreateOsDomain -WhatIf",
        ["Add-CreateOsGitHubInstallation"] = "Add-CreateOsGitHubInstallation -InstallationId 424242 -Code whatif-code -WhatIf",
        ["Start-CreateOsSecurityScan"] = "$deployment | Start-CreateOsSecurityScan -WhatIf",
        ["Restart-CreateOsSecurityScan"] = "$deployment | Restart-CreateOsSecurityScan -WhatIf",
        ["Save-CreateOsSecurityScanReport"] = "$deployment | Save-CreateOsSecurityScanReport -Path ([IO.Path]::GetTempPath()) -WhatIf",
        ["New-CreateOsApp"] = "New-CreateOsApp -Name 'What If App' -Color '#3B82F6' -WhatIf",
        ["Set-CreateOsApp"] = "$app | Set-CreateOsApp -Name 'Renamed App' -WhatIf",
        ["Remove-CreateOsApp"] = "$app | Remove-CreateOsApp -WhatIf",
        ["Add-CreateOsAppProject"] = "$project | Add-CreateOsAppProject -AppId $app.Id -WhatIf",
        ["Remove-CreateOsAppProject"] = "$project | Remove-CreateOsAppProject -AppId $app.Id -WhatIf",
        ["Add-CreateOsAppService"] = "Add-CreateOsAppService -AppId $app.Id -ServiceId 11111111-2222-3333-4444-555555555555 -WhatIf",
        ["Remove-CreateOsAppService"] = "Remove-CreateOsAppService -AppId $app.Id -ServiceId 11111111-2222-3333-4444-555555555555 -WhatIf",
        ["New-CreateOsApiKey"] = "New-CreateOsApiKey -Name whatif-key -ExpiresAt ([datetime]::UtcNow.AddDays(30)) -WhatIf",
        ["Set-CreateOsApiKey"] = "$key | Set-CreateOsApiKey -Name renamed-key -WhatIf",
        ["Revoke-CreateOsApiKey"] = "$key | Revoke-CreateOsApiKey -WhatIf",
        ["Approve-CreateOsProjectTransfer"] = "$transfer | Approve-CreateOsProjectTransfer -WhatIf",
        ["New-CreateOsWallet"] = "$p = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'whatif-wallet.json'); New-CreateOsWallet -Path $p -Password $walletPassword -WhatIf; if ([IO.File]::Exists($p)) { throw 'created' }",
        ["Remove-MppProject"] = "Remove-MppProject -ProjectId 00000000-0000-0000-0000-000000000001 -WhatIf",
        ["Invoke-MppDeploy"] = "Invoke-MppDeploy -Path $appFolder -Name whatif-deploy -Port 80 -WhatIf",
        ["Resume-MppDeploy"] = "Resume-MppDeploy -WhatIf",
        ["New-CreateOsCronjob"] = "$environment | New-CreateOsCronjob -Name wi-new -Schedule '*/5 * * * *' -Path /health -WhatIf",
        ["Set-CreateOsCronjob"] = "$cronjob | Set-CreateOsCronjob -Schedule '@hourly' -WhatIf",
        ["Remove-CreateOsCronjob"] = "$cronjob | Remove-CreateOsCronjob -WhatIf",
        ["Suspend-CreateOsCronjob"] = "$cronjob | Suspend-CreateOsCronjob -WhatIf",
        ["Resume-CreateOsCronjob"] = "$cronjob | Resume-CreateOsCronjob -WhatIf",
        ["New-CreateOsTemplate"] = "$t = 'x' * 100; $environment | New-CreateOsTemplate -Name 'What if new template' -Description $t -Overview $t -UseCases $t -ImageUri 'https://example.com/t.png' -WhatIf",
        ["Set-CreateOsTemplate"] = "$template | Set-CreateOsTemplate -Amount 1 -WhatIf",
        ["Remove-CreateOsTemplate"] = "$template | Remove-CreateOsTemplate -WhatIf",
        ["Submit-CreateOsTemplate"] = "$template | Submit-CreateOsTemplate -WhatIf",
        ["New-CreateOsTemplatePurchase"] = "Get-CreateOsTemplate -Name sandbox-starter | New-CreateOsTemplatePurchase -WhatIf",
        ["Save-CreateOsTemplatePurchase"] = "$purchase | Save-CreateOsTemplatePurchase -Path ([IO.Path]::GetTempPath()) -WhatIf",
        ["Deploy-CreateOsTemplatePurchase"] = "$purchase | Deploy-CreateOsTemplatePurchase -InstallationId 12345678 -WhatIf",
        ["Export-CreateOsConfiguration"] = "$project | Export-CreateOsConfiguration -Path ([IO.Path]::Combine([IO.Path]::GetTempPath(), 'wi-' + [guid]::NewGuid() + '.psd1')) -WhatIf",
        ["Sync-CreateOsConfiguration"] = "Sync-CreateOsConfiguration -Path $wiFile -WhatIf",
    };

    [Fact]
    public void Every_ShouldProcess_cmdlet_has_a_WhatIf_case()
    {
        using var ps = new PowerShellSession();
        var supporting = ps.Invoke("Get-Command -Module CreateOs | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name")
            .Select(o => o.ToString()).ToList();
        var missing = supporting.Where(name => !Invocations.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, "No -WhatIf case for: " + string.Join(", ", missing));
    }

    /// <summary>An unfinished (paid, not yet accepted) journal record, so Resume-MppDeploy has something to preview.</summary>
    private static void SeedUnfinishedPayment(PowerShellSession ps)
    {
        var session = (CreateOs.Core.CreateOsSession)ps.Invoke("Get-CreateOsContext").Single().BaseObject;
        new CreateOs.Core.Gateway.PaymentJournal(session.PaymentJournalDirectory).Save(new CreateOs.Core.Gateway.PaymentRecord
        {
            Wallet = session.WalletAddress!,
            GatewayUri = session.GatewayUri.AbsoluteUri,
            UniqueName = "whatif-resume",
            State = CreateOs.Core.Gateway.PaymentState.Mined,
            Chain = "arbitrum",
            TransactionHash = "0x" + new string('a', 64),
        });
    }

    public static IEnumerable<object[]> Cases() => Invocations.Select(kv => new object[] { kv.Key });

    [Theory]
    [MemberData(nameof(Cases))]
    public void WhatIf_sends_no_mutating_request(string cmdlet)
    {
        using var ps = _fixture.ConnectedSession();
        ps.SetVariable("sandbox", _fixture.Sandbox.State);
        ps.ConnectTestWallet();
        SeedUnfinishedPayment(ps);
        ps.Invoke("$global:project = New-CreateOsProject -Name $args[0] -DisplayName 'What If Target' -Type image -Port 80 -Confirm:$false", $"wi-{Guid.NewGuid():N}"[..20]);
        if (Setups.TryGetValue(cmdlet, out var setup)) ps.Invoke(setup);
        Assert.Empty(ps.Errors);
        var projectsBefore = _fixture.Sandbox.State.Projects.Count;
        var mutatingBefore = _fixture.Sandbox.State.MutatingRequestCount;

        ps.Invoke(Invocations[cmdlet]);

        Assert.Empty(ps.Errors);
        Assert.Equal(mutatingBefore, _fixture.Sandbox.State.MutatingRequestCount);
        Assert.Equal(projectsBefore, _fixture.Sandbox.State.Projects.Count);
        Assert.Contains("What if:", ps.HostText);
        Assert.DoesNotContain(_fixture.Sandbox.State.Requests, r => r.Path.StartsWith("/agent/deploy", StringComparison.Ordinal) || (r.Path.StartsWith("/agent/", StringComparison.Ordinal) && r.Method != "GET"));
    }
}
