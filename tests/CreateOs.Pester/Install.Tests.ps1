# Installing like a user: the nupkg built from this clone in a local folder repository, Install-PSResource and
# Install-Module (PowerShellGet 2), then a fresh pwsh that imports CreateOs by name, autoloads it and runs a cmdlet.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Use-TestSandbox
    $gallery = Get-TestGallery
    $package = Get-ChildItem $gallery -Filter 'CreateOs.*.nupkg' | Select-Object -First 1

    function Test-InstalledModule {
        <# In a fresh pwsh with the same HOME: import by name, autoload, run a cmdlet against the sandbox. #>
        param([string] $HomeFolder)
        Invoke-FreshPwsh -HomeFolder $HomeFolder -Script @"
`$ErrorActionPreference = 'Stop'
"autoload: `$((Get-Command Get-CreateOsProject).Source)"
`$quota = Get-CreateOsQuota -Session (Connect-CreateOs -SandboxUri '$($sandbox.Uri)' -ApiKey (ConvertTo-SecureString 'skp_pester_install' -AsPlainText -Force) -PassThru -Session (((Get-Command Connect-CreateOs).OutputType[0].Type)::new()))
"quota rows: `$(@(`$quota).Count)"
Remove-Module CreateOs
Import-Module CreateOs
"imported from: `$((Get-Module CreateOs).ModuleBase)"
"help: `$((Get-Help Invoke-MppDeploy).Synopsis)"
"@
    }
}

Describe 'The package' {
    It 'is one nupkg whose tags stay under the 4,000 characters PowerShellGet warns about' {
        $package | Should -Not -BeNullOrEmpty
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'CreateOs.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $nuspec.package.metadata.tags.Length | Should -BeLessOrEqual 4000
        $nuspec.package.metadata.tags -split ' ' | Should -Contain 'PSCommand_Invoke-MppDeploy'
    }
}

Describe 'Install-PSResource CreateOs from a local repository' {
    BeforeAll {
        $homeFolder = New-TestFolder
        $install = Invoke-FreshPwsh -HomeFolder $homeFolder -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name Local -Uri '$gallery' -Trusted
Install-PSResource CreateOs -Repository Local -Scope CurrentUser -TrustRepository
(Get-InstalledPSResource CreateOs).InstalledLocation
"@
        $use = Test-InstalledModule $homeFolder
    }

    It 'installs into the user scope' {
        $install.Errors | Should -BeNullOrEmpty
        $install.Output | Should -Match ([regex]::Escape($homeFolder))
    }

    It 'autoloads, runs a cmdlet, imports by name and has help' {
        $use.Errors | Should -BeNullOrEmpty
        $use.Output | Should -Match 'autoload: CreateOs'
        $use.Output | Should -Match 'quota rows: [1-9]'
        $use.Output | Should -Match "imported from: $([regex]::Escape($homeFolder))"
        $use.Output | Should -Match 'help: Deploys a folder'
    }
}

Describe 'Install-Module CreateOs (PowerShellGet 2) from a local repository' {
    BeforeAll {
        $homeFolder = New-TestFolder
        $install = Invoke-FreshPwsh -HomeFolder $homeFolder -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSRepository -Name Local -SourceLocation '$gallery' -InstallationPolicy Trusted
Install-Module CreateOs -Repository Local -Scope CurrentUser -WarningVariable warnings
"warnings: `$(@(`$warnings).Count) `$warnings"
(Get-Module -ListAvailable CreateOs).ModuleBase
"@
        $use = Test-InstalledModule $homeFolder
    }

    It 'installs into the user scope without a warning' {
        $install.Errors | Should -BeNullOrEmpty
        $install.Output | Should -Match 'warnings: 0'
        $install.Output | Should -Match ([regex]::Escape($homeFolder))
    }

    It 'autoloads, runs a cmdlet, imports by name and has help' {
        $use.Errors | Should -BeNullOrEmpty
        $use.Output | Should -Match 'autoload: CreateOs'
        $use.Output | Should -Match 'quota rows: [1-9]'
        $use.Output | Should -Match "imported from: $([regex]::Escape($homeFolder))"
    }
}
