@{
    RootModule           = 'CreateOs.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f1d7c3e-2b8a-4f51-9c0e-7a4d2e9b5c13'
    Author               = 'CreateOs contributors'
    CompanyName          = 'CreateOs'
    Copyright            = '(c) 2026 CreateOs contributors. MIT License.'
    Description          = 'Ship apps to NodeOps CreateOS from PowerShell: the whole CreateOS REST API as pipeline-friendly cmdlets, and pay-per-deploy through the HTTP 402 gateway from your own wallet (USDC/USDT on Arbitrum or Base), crash-safe and never paying twice.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # Loaded first: puts the resolver for dependencies/ in place before CreateOs.dll is examined.
    NestedModules        = @('CreateOs.Loader.dll')
    FormatsToProcess     = @('CreateOs.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-CreateOs',
        'Disconnect-CreateOs',
        'Get-CreateOsContext',
        'New-CreateOsSession',
        'Get-CreateOsProject',
        'New-CreateOsProject',
        'Set-CreateOsProject',
        'Set-CreateOsProjectSetting',
        'Remove-CreateOsProject',
        'Test-CreateOsProjectName',
        'Get-CreateOsUser',
        'Get-CreateOsQuota',
        'Get-CreateOsSupportedType',
        'New-CreateOsWallet',
        'Connect-CreateOsWallet',
        'Get-WalletBalance',
        'Get-MppChain',
        'Get-MppProject',
        'Remove-MppProject',
        'Get-MppDeploymentStatus',
        'Wait-MppDeployment',
        'Invoke-MppDeploy',
        'Resume-MppDeploy',
        'Get-MppPayment',
        'Get-CreateOsDeployment',
        'Publish-CreateOsDeployment',
        'Remove-CreateOsDeployment',
        'Restart-CreateOsDeployment',
        'Save-CreateOsDeployment',
        'Start-CreateOsDeployment',
        'Stop-CreateOsDeployment',
        'Get-CreateOsDeploymentLog',
        'Get-CreateOsEnvironment',
        'New-CreateOsEnvironment',
        'Remove-CreateOsEnvironment',
        'Set-CreateOsEnvironment',
        'Set-CreateOsEnvironmentDeployment',
        'Get-CreateOsEnvironmentLog',
        'Test-CreateOsEnvironmentName',
        'Set-CreateOsEnvironmentResource',
        'Get-CreateOsEnvironmentVariable',
        'Remove-CreateOsEnvironmentVariable',
        'Set-CreateOsEnvironmentVariable',
        'Get-CreateOsDomain',
        'New-CreateOsDomain',
        'Remove-CreateOsDomain',
        'Update-CreateOsDomain',
        'Set-CreateOsDomainEnvironment',
        'Get-CreateOsGitHubAccount',
        'Get-CreateOsGitHubBranch',
        'Get-CreateOsGitHubContent',
        'Add-CreateOsGitHubInstallation',
        'Get-CreateOsGitHubRepository',
        'Get-CreateOsAnalytics',
        'Get-CreateOsSecurityScan',
        'Restart-CreateOsSecurityScan',
        'Start-CreateOsSecurityScan',
        'Save-CreateOsSecurityScanReport',
        'Get-CreateOsApp',
        'New-CreateOsApp',
        'Remove-CreateOsApp',
        'Set-CreateOsApp',
        'Add-CreateOsAppProject',
        'Get-CreateOsAppProject',
        'Remove-CreateOsAppProject',
        'Add-CreateOsAppService',
        'Get-CreateOsAppService',
        'Remove-CreateOsAppService',
        'Get-CreateOsApiKey',
        'New-CreateOsApiKey',
        'Revoke-CreateOsApiKey',
        'Set-CreateOsApiKey',
        'Test-CreateOsApiKeyName',
        'Approve-CreateOsProjectTransfer',
        'Get-CreateOsProjectTransferHistory',
        'Get-CreateOsProjectTransferUri',
        'Get-CreateOsCronjob',
        'New-CreateOsCronjob',
        'Set-CreateOsCronjob',
        'Remove-CreateOsCronjob',
        'Suspend-CreateOsCronjob',
        'Resume-CreateOsCronjob',
        'Get-CreateOsCronjobActivity',
        'Get-CreateOsTemplate',
        'Get-CreateOsTemplateCount',
        'New-CreateOsTemplate',
        'Set-CreateOsTemplate',
        'Remove-CreateOsTemplate',
        'Submit-CreateOsTemplate',
        'Get-CreateOsTemplateRejection',
        'New-CreateOsTemplatePurchase',
        'Get-CreateOsTemplatePurchase',
        'Save-CreateOsTemplatePurchase',
        'Deploy-CreateOsTemplatePurchase',
        'Export-CreateOsConfiguration',
        'Compare-CreateOsConfiguration',
        'Sync-CreateOsConfiguration'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('CreateOS', 'NodeOps', 'Deploy', 'PaaS', 'Ethereum', 'USDC', 'Arbitrum', 'Base', 'HTTP402', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/createos-powershell/CreateOs'
            LicenseUri   = 'https://github.com/createos-powershell/CreateOs/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0 - first release.
- Session: Connect-CreateOs (API key or credential, sandbox URIs), Get-CreateOsContext, Disconnect-CreateOs; one default session per runspace.
- The CreateOS REST API as pipeline-friendly cmdlets: projects, deployments, environments, domains, apps, API keys, GitHub, analytics, security scans, transfers, cronjobs and the template marketplace (all 94 platform tools).
- Environments as code: Export-CreateOsConfiguration, Compare-CreateOsConfiguration and Sync-CreateOsConfiguration (plan and apply across projects, secrets as references).
- Pay-per-deploy through the HTTP 402 gateway from your own wallet (USDC/USDT on Arbitrum or Base): pinned tokens and chains, a spending cap (5 USD unless raised), a crash-safe payment journal and Resume-MppDeploy, never paying twice.
- Wallets: New-CreateOsWallet and Connect-CreateOsWallet (Web3 Secret Storage v3 keystores), Get-WalletBalance.
- Table and list views, tab completion for projects, environments, deployments, domains, runtimes, frameworks, chains and tokens, full help (Get-Help about_CreateOs).
- A local sandbox to rehearse everything offline without real money.
'@
        }
    }
}
