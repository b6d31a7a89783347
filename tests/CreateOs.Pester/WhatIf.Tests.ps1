# -WhatIf on every state-changing cmdlet sends nothing that changes state: asserted on the sandbox's request log
# (GET /sandbox/requests), not on the module's own word.

BeforeDiscovery {
    $invocations = [ordered]@{
        'New-CreateOsProject'                = { New-CreateOsProject -Name whatif-new-project -DisplayName 'What If' -Type image -Port 80 -WhatIf }
        'Set-CreateOsProject'                = { $project | Set-CreateOsProject -DisplayName 'Changed Name' -WhatIf }
        'Set-CreateOsProjectSetting'         = { $project | Set-CreateOsProjectSetting -Port 9999 -WhatIf }
        'Remove-CreateOsProject'             = { $project | Remove-CreateOsProject -WhatIf }
        'Publish-CreateOsDeployment'         = { Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:latest -Wait -WhatIf }
        'Restart-CreateOsDeployment'         = { $deployment | Restart-CreateOsDeployment -Settings project -WhatIf }
        'Stop-CreateOsDeployment'            = { $script:stoppable | Stop-CreateOsDeployment -WhatIf }
        'Remove-CreateOsDeployment'          = { $deployment | Remove-CreateOsDeployment -WhatIf }
        'Start-CreateOsDeployment'           = { $sleeping | Start-CreateOsDeployment -WhatIf }
        'Save-CreateOsDeployment'            = { $deployment | Save-CreateOsDeployment -Path (New-TestFolder) -WhatIf }
        'New-CreateOsEnvironment'            = { $project | New-CreateOsEnvironment -Name staging -Variables @{ A = '1' } -WhatIf }
        'Set-CreateOsEnvironment'            = { $environment | Set-CreateOsEnvironment -DisplayName 'Renamed Env' -WhatIf }
        'Remove-CreateOsEnvironment'         = { $environment | Remove-CreateOsEnvironment -WhatIf }
        'Set-CreateOsEnvironmentVariable'    = { $environment | Set-CreateOsEnvironmentVariable -Variables @{ LOG_LEVEL = 'debug' } -WhatIf }
        'Remove-CreateOsEnvironmentVariable' = { $environment | Remove-CreateOsEnvironmentVariable -Name LOG_LEVEL -WhatIf }
        'Set-CreateOsEnvironmentResource'    = { $environment | Set-CreateOsEnvironmentResource -Cpu 300 -Replicas 2 -WhatIf }
        'Set-CreateOsEnvironmentDeployment'  = { $deployment | Set-CreateOsEnvironmentDeployment -EnvironmentId $environment.Id -WhatIf }
        'New-CreateOsDomain'                 = { New-CreateOsDomain -ProjectId $project.Id -Name whatif.example.com -WhatIf }
        'Update-CreateOsDomain'              = { $domain | Update-CreateOsDomain -WhatIf }
        'Set-CreateOsDomainEnvironment'      = { Set-CreateOsDomainEnvironment -ProjectId $project.Id -DomainId $domain.Id -EnvironmentId $environment.Id -WhatIf }
        'Remove-CreateOsDomain'              = { $domain | Remove-CreateOsDomain -WhatIf }
        'Add-CreateOsGitHubInstallation'     = { Add-CreateOsGitHubInstallation -InstallationId 424242 -Code whatif-code -WhatIf }
        'Start-CreateOsSecurityScan'         = { $deployment | Start-CreateOsSecurityScan -WhatIf }
        'Restart-CreateOsSecurityScan'       = { $scanned | Restart-CreateOsSecurityScan -WhatIf }
        'Save-CreateOsSecurityScanReport'    = { $deployment | Save-CreateOsSecurityScanReport -Path (New-TestFolder) -WhatIf }
        'New-CreateOsApp'                    = { New-CreateOsApp -Name 'What If App' -Color '#3B82F6' -WhatIf }
        'Set-CreateOsApp'                    = { $app | Set-CreateOsApp -Name 'Renamed App' -WhatIf }
        'Remove-CreateOsApp'                 = { $app | Remove-CreateOsApp -WhatIf }
        'Add-CreateOsAppProject'             = { $project | Add-CreateOsAppProject -AppId $app.Id -WhatIf }
        'Remove-CreateOsAppProject'          = { $project | Remove-CreateOsAppProject -AppId $app.Id -WhatIf }
        'Add-CreateOsAppService'             = { Add-CreateOsAppService -AppId $app.Id -ServiceId 11111111-2222-3333-4444-555555555555 -WhatIf }
        'Remove-CreateOsAppService'          = { Remove-CreateOsAppService -AppId $app.Id -ServiceId 11111111-2222-3333-4444-555555555555 -WhatIf }
        'New-CreateOsApiKey'                 = { New-CreateOsApiKey -Name whatif-key -ExpiresAt ([datetime]::UtcNow.AddDays(30)) -WhatIf }
        'Set-CreateOsApiKey'                 = { $key | Set-CreateOsApiKey -Name renamed-key -WhatIf }
        'Revoke-CreateOsApiKey'              = { $key | Revoke-CreateOsApiKey -WhatIf }
        'Approve-CreateOsProjectTransfer'    = { $transfer | Approve-CreateOsProjectTransfer -WhatIf }
        'New-CreateOsWallet'                 = { $path = Join-Path (New-TestFolder) 'whatif-wallet.json'; New-CreateOsWallet -Path $path -Password (ConvertTo-Secure 'x') -WhatIf; if (Test-Path $path) { throw 'the keystore was written' } }
        'Remove-MppProject'                  = { $paid | Remove-MppProject -WhatIf }
        'Invoke-MppDeploy'                   = { Invoke-MppDeploy -Path $hello -Name whatif-deploy -Port 80 -WhatIf }
        'Resume-MppDeploy'                   = { Resume-MppDeploy -WhatIf }
        'New-CreateOsCronjob'                = { $environment | New-CreateOsCronjob -Name wi-new -Schedule '*/5 * * * *' -Path /health -WhatIf }
        'Set-CreateOsCronjob'                = { $cronjob | Set-CreateOsCronjob -Schedule '@hourly' -Path /ping -WhatIf }
        'Suspend-CreateOsCronjob'            = { $cronjob | Suspend-CreateOsCronjob -WhatIf }
        'Resume-CreateOsCronjob'             = { $suspended | Resume-CreateOsCronjob -WhatIf }
        'Remove-CreateOsCronjob'             = { $cronjob | Remove-CreateOsCronjob -WhatIf }
        'New-CreateOsTemplate'               = { $environment | New-CreateOsTemplate -Name 'What if template, never sent' @templateText -WhatIf }
        'Set-CreateOsTemplate'               = { $template | Set-CreateOsTemplate -Amount 1 -Category api -WhatIf }
        'Submit-CreateOsTemplate'            = { $template | Submit-CreateOsTemplate -WhatIf }
        'Remove-CreateOsTemplate'            = { $template | Remove-CreateOsTemplate -WhatIf }
        'New-CreateOsTemplatePurchase'       = { Get-CreateOsTemplate -Name sandbox-starter | New-CreateOsTemplatePurchase -WhatIf }
        'Save-CreateOsTemplatePurchase'      = { $folder = New-TestFolder; $purchase | Save-CreateOsTemplatePurchase -Path $folder -WhatIf; if (Get-ChildItem $folder) { throw 'a file was written' } }
        'Deploy-CreateOsTemplatePurchase'    = { $purchase | Deploy-CreateOsTemplatePurchase -InstallationId 12345678 -WhatIf }
        'Export-CreateOsConfiguration'       = { $path = Join-Path (New-TestFolder) 'fleet.psd1'; $project | Export-CreateOsConfiguration -Path $path -WhatIf; if (Test-Path $path) { throw 'the file was written' } }
        'Sync-CreateOsConfiguration'         = { Sync-CreateOsConfiguration -Path $script:drifted -Prune -WhatIf }
    }
    # What a case needs made right before it runs (and before the request log is read).
    $setups = @{
        'Stop-CreateOsDeployment'    = { $script:stoppable = Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:3 -Confirm:$false }
        # A file that differs from the server: Sync would change the resources back and (with -Prune) remove a variable.
        'Sync-CreateOsConfiguration' = {
            $script:drifted = Join-Path (New-TestFolder) 'fleet.psd1'
            $project | Export-CreateOsConfiguration -Path $script:drifted -Confirm:$false
            $environment | Set-CreateOsEnvironmentResource -Cpu 300 -Confirm:$false
            $environment | Set-CreateOsEnvironmentVariable -Variables @{ ADDED_BY_HAND = 'yes' } -Confirm:$false
        }
    }
    $cases = foreach ($name in $invocations.Keys) { @{ Name = $name; Invocation = $invocations[$name]; Setup = $setups[$name] } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
    $sandbox = Use-TestSandbox
    $session = New-TestSession -Sandbox $sandbox -ApiKey 'skp_pester_whatif' -Wallet
    # The runspace's default session for this file, so the invocations read as users type them.
    $null = Connect-CreateOs -SandboxUri $sandbox.Uri -ApiKey (ConvertTo-Secure 'skp_pester_whatif')
    (Get-CreateOsContext).PaymentJournalDirectory = $session.PaymentJournalDirectory
    $null = Connect-CreateOsWallet -Path $session.WalletKeystorePath -Password (ConvertTo-Secure 'pester-wallet')
    $hello = Join-Path (Get-RepoRoot) 'examples/hello'
    $project = New-CreateOsProject -Name (New-UniqueName 'whatif') -DisplayName 'What If Target' -Type image -Port 80 -EnableSecurityScan -Confirm:$false
    $deployment = Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:1 -Wait -PollIntervalSeconds 0.2 -Confirm:$false
    $environment = $project | New-CreateOsEnvironment -Name wi-env -Variables @{ LOG_LEVEL = 'info' } -Confirm:$false
    $domain = New-CreateOsDomain -ProjectId $project.Id -Name ((New-UniqueName 'wi') + '.example.com') -Confirm:$false
    $app = New-CreateOsApp -Name (New-UniqueName 'wi-app') -Confirm:$false
    $key = New-CreateOsApiKey -Name (New-UniqueName 'wi') -ExpiresAt ([datetime]::UtcNow.AddDays(1)) -Confirm:$false
    $transfer = $project | Get-CreateOsProjectTransferUri
    $paid = Invoke-MppDeploy -Path $hello -Name (New-UniqueName 'wi-paid') -Port 80 -Confirm:$false -Force
    # A sleeping deployment (to wake) and a failed security scan (to restart).
    $sleeping = Publish-CreateOsDeployment -ProjectId $project.Id -Image nginx:2 -Wait -PollIntervalSeconds 0.2 -Confirm:$false
    $sleeping | Remove-CreateOsDeployment -Confirm:$false
    $failing = New-CreateOsProject -Name (New-UniqueName 'wi-scan') -DisplayName 'Scan Target' -Type image -Port 80 -EnableSecurityScan -RunEnvs @{ SANDBOX_SCAN_FAIL = '1' } -Confirm:$false
    $scanned = Publish-CreateOsDeployment -ProjectId $failing.Id -Image nginx:1 -Wait -PollIntervalSeconds 0.2 -Confirm:$false
    $null = $scanned | Start-CreateOsSecurityScan -Confirm:$false
    # Cronjobs (one active, one suspended), a draft template of this user, a purchase of the sandbox's free starter.
    $cronjob = $environment | New-CreateOsCronjob -Name wi-job -Schedule '@daily' -Path /health -Confirm:$false
    $suspended = $environment | New-CreateOsCronjob -Name wi-suspended -Schedule '@hourly' -Path /ping -Confirm:$false
    $text = 'A template made by the WhatIf tests of the Pester suite: long enough for the platform, which wants 100 characters here.'
    $templateText = @{ Description = $text; Overview = $text; UseCases = $text; ImageUri = 'https://example.com/whatif.png' }
    $template = $environment | New-CreateOsTemplate -Name 'What if draft template' @templateText -Confirm:$false
    $purchase = Get-CreateOsTemplate -Name sandbox-starter | New-CreateOsTemplatePurchase -Confirm:$false
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline -and (Get-CreateOsCronjob -ProjectId $project.Id -CronjobId $suspended.Id).Status -ne 'active') { Start-Sleep -Milliseconds 200 }
    $suspended | Suspend-CreateOsCronjob -Confirm:$false
    while ([DateTime]::UtcNow -lt $deadline -and ((Get-CreateOsDeployment -ProjectId $project.Id -DeploymentId $sleeping.Id).Status -ne 'sleeping' -or ($scanned | Get-CreateOsSecurityScan).Status -ne 'failed')) { Start-Sleep -Milliseconds 200 }

    function Get-Mutations {
        <# Requests that change state, and downloads (what -WhatIf would save is not fetched either). #>
        param([int] $Skip)
        Get-SandboxRequests -Sandbox $sandbox | Select-Object -Skip $Skip | Where-Object {
            ($_.method -notin 'GET', 'HEAD', 'OPTIONS') -or ($_.path -like '/v1/projects/*/transfer') -or ($_.path -like '*/download') -or ($_.path -like '/downloads/*')
        }
    }
}

Describe 'Every state-changing cmdlet has a -WhatIf case here' {
    It 'covers every cmdlet that supports ShouldProcess' -TestCases @(@{ Covered = @($cases.Name) }) {
        (Get-StateChangingCommand).Name | Where-Object { $_ -notin $Covered } | Should -BeNullOrEmpty
    }
}

Describe '<Name> -WhatIf' -ForEach $cases {
    It 'sends nothing that changes state, and fails on nothing' {
        if ($Setup) { . $Setup }
        $script:counted = @(Get-SandboxRequests -Sandbox $sandbox).Count
        $paymentsBefore = (Invoke-RestMethod "$($sandbox.Uri)/sandbox/gateway/payments").payments.Count
        $errors = @(& $Invocation 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        if ($Name -eq 'Stop-CreateOsDeployment') {
            # A sandbox deployment leaves the queue within a step (0.1 s), often before the check: "wrong state" is
            # then the honest answer; the engine tests hold one in the queue. Either way nothing may be sent.
            $errors = @($errors | Where-Object { $_.FullyQualifiedErrorId -notlike 'CreateOs.DeploymentInvalidState*' })
        }
        $errors | Should -BeNullOrEmpty
        Get-Mutations -Skip $script:counted | ForEach-Object { "$($_.method) $($_.path)" } | Should -BeNullOrEmpty
        (Invoke-RestMethod "$($sandbox.Uri)/sandbox/gateway/payments").payments.Count | Should -Be $paymentsBefore
    }
}
