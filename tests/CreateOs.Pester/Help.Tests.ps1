# Get-Help in real pwsh: every exported cmdlet has a synopsis and examples, every about topic a synopsis (read by
# PowerShell from the 5th line of its help file) and text that fits 80 columns.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
    $cmdlets = Get-Command -Module CreateOs -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } }
    $topics = Get-ChildItem (Join-Path (Get-RepoRoot) 'docs/en-US') -Filter 'about_*.md' | ForEach-Object { @{ Name = $_.BaseName } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    It 'has a synopsis and at least two examples' {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *[[]*"   # not the generated syntax PowerShell shows when there is no help
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        (Get-Help $Name -Examples | Out-String -Width 80) | Should -Match 'PS>'
    }
}

Describe 'Get-Help <Name>' -ForEach $topics {
    It 'is found, with a synopsis, and reads at 80 columns' {
        $help = Get-Help $Name
        $help | Should -Not -BeNullOrEmpty
        $info = Get-Help $Name | Select-Object -First 1
        (Get-Help -Name $Name -Category HelpFile).Synopsis | Should -Not -BeNullOrEmpty
        $text = Get-Help $Name | Out-String -Width 80
        $text | Should -Match 'SHORT DESCRIPTION'
        # Code examples keep their lines, and a single word longer than a line (an error id) cannot be wrapped.
        $prose = ($text -split "`r?`n") | Where-Object { $_ -notmatch '^ {8}' -and $_.Trim() -match ' ' }
        $prose | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }
}

Describe 'Get-Help about_CreateOs*' {
    It 'lists every topic with its synopsis' {
        $topics = Get-Help about_CreateOs*
        @($topics).Count | Should -BeGreaterOrEqual 4
        $topics | Where-Object { [string]::IsNullOrWhiteSpace($_.Synopsis) } | Should -BeNullOrEmpty
    }
}
