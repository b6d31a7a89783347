# Every CreateOs output type, made by the cmdlets against the sandbox: its views at 80 and 120 columns (nothing cut, no
# header squeezed, the live URL whole at 120) and the pipelines users write over it (Select-Object, Sort-Object,
# Group-Object, ConvertTo-Json, Export-Csv).

BeforeDiscovery {
    # What makes one or more objects of each type; $s is a connected session with a funded wallet, $f the fixture.
    $producers = [ordered]@{
        'CreateOs.Core.CreateOsSession'            = { $s }
        'CreateOs.Core.Models.Project'             = { $f.Project }
        'CreateOs.Core.Models.ProjectSettings'     = { $f.Project | Set-CreateOsProjectSetting -BuildCommand 'npm run build' -RunCommand 'node server.js' -PassThru -Session $s -Confirm:$false }
        'CreateOs.Core.Models.User'                = { Get-CreateOsUser -Session $s }
        'CreateOs.Core.Models.Quota'               = { Get-CreateOsQuota -Session $s }
        'CreateOs.Core.Models.SupportedProjectType' = { Get-CreateOsSupportedType -Session $s }
        'CreateOs.Core.Models.WalletFile'          = { New-CreateOsWallet -Path (Join-Path (New-TestFolder) 'extra.json') -Password (ConvertTo-Secure 'pester') -Light -Session $s -Confirm:$false }
        'CreateOs.Core.Models.WalletBalance'       = { Get-WalletBalance -Session $s }
        'CreateOs.Core.Gateway.MppChain'           = { Get-MppChain -Session $s }
        'CreateOs.Core.Gateway.MppProject'         = { Get-MppProject -Session $s }
        'CreateOs.Core.Gateway.MppDeploymentStatus' = { $f.Paid | Get-MppDeploymentStatus -Session $s }
        'CreateOs.Core.Gateway.MppDeployResult'    = { $f.Paid }
        'CreateOs.Core.Gateway.PaymentRecord'      = { Get-MppPayment -Session $s }
        'CreateOs.Core.Models.Deployment'          = { $f.Deployment }
        'CreateOs.Core.Models.BuildLogLine'        = { $f.Deployment | Get-CreateOsDeploymentLog -Build -Session $s }
        'CreateOs.Core.Models.ProjectEnvironment'  = { $f.Environment }
        'CreateOs.Core.Models.EnvironmentVariable' = { $f.Environment | Get-CreateOsEnvironmentVariable -Session $s }
        'CreateOs.Core.Models.EnvironmentResources' = { $f.Environment | Set-CreateOsEnvironmentResource -Cpu 300 -Memory 600 -Replicas 1 -PassThru -Session $s -Confirm:$false }
        'CreateOs.Core.Models.Domain'              = { $f.Project | New-CreateOsDomain -Name "$($f.Name).example.com" -Session $s -Confirm:$false }
        'CreateOs.Core.Models.SecurityScan'        = { $f.Deployment | Start-CreateOsSecurityScan -Session $s -Confirm:$false }
        'CreateOs.Core.Models.SavedFile'           = { $f.Deployment | Save-CreateOsDeployment -Path (New-TestFolder) -Force -Session $s -Confirm:$false }
        'CreateOs.Core.Models.App'                 = { New-CreateOsApp -Name "app-$($f.Name)" -Description 'An app made by the Pester suite to show its view' -Session $s -Confirm:$false }
        'CreateOs.Core.Models.NewApiKey'           = { New-CreateOsApiKey -Name "key-$($f.Name)" -ExpiresAt ([datetime]::UtcNow.AddDays(1)) -AsPlainText -Session $s -Confirm:$false }
        'CreateOs.Core.Models.ApiKey'              = { Get-CreateOsApiKey -Session $s }
        'CreateOs.Core.Models.GitHubAccount'       = { Get-CreateOsGitHubAccount -Session $s }
        'CreateOs.Core.Models.GitHubRepository'    = { Get-CreateOsGitHubAccount -Session $s | Get-CreateOsGitHubRepository -Session $s }
        'CreateOs.Core.Models.GitHubBranch'        = { Get-CreateOsGitHubAccount -Session $s | Get-CreateOsGitHubRepository -Name node-api -Session $s | Get-CreateOsGitHubBranch -Session $s }
        'CreateOs.Core.Models.GitHubTreeEntry'     = { Get-CreateOsGitHubAccount -Session $s | Get-CreateOsGitHubRepository -Name node-api -Session $s | Get-CreateOsGitHubContent -Branch main -Session $s }
        'CreateOs.Core.Models.ProjectTransferUri'  = { $f.Project | Get-CreateOsProjectTransferUri -Session $s }
        'CreateOs.Core.Models.ProjectTransfer'     = { $f.Transferred | Get-CreateOsProjectTransferHistory -Session $f.Other }
        'CreateOs.Core.Models.AnalyticsSummary'    = { $f.Environment | Get-CreateOsAnalytics -Session $s }
        'CreateOs.Core.Models.OverallRequests'     = { $f.Environment | Get-CreateOsAnalytics -Metric OverallRequests -Session $s }
        'CreateOs.Core.Models.RequestsPerMinute'   = { $f.Environment | Get-CreateOsAnalytics -Metric Rpm -Session $s }
        'CreateOs.Core.Models.SuccessRate'         = { $f.Environment | Get-CreateOsAnalytics -Metric SuccessPercentage -Session $s }
        'CreateOs.Core.Models.RequestsOverTimePoint' = { $f.Environment | Get-CreateOsAnalytics -Metric RequestsOverTime -Session $s }
        'CreateOs.Core.Models.PathHits'            = { $f.Environment | Get-CreateOsAnalytics -Metric TopHitPaths -Session $s }
        'CreateOs.Core.Models.ErrorPathHits'       = { $f.Environment | Get-CreateOsAnalytics -Metric TopErrorPaths -Session $s }
        'CreateOs.Core.Models.StatusCount'         = { $f.Environment | Get-CreateOsAnalytics -Metric StatusDistribution -Session $s }
    }
    $types = foreach ($name in $producers.Keys) { @{ TypeName = $name; Short = $name.Split('.')[-1]; Produce = $producers[$name] } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
    $PSStyle.OutputRendering = 'PlainText'
    $sandbox = Use-TestSandbox
    $s = New-TestSession -Sandbox $sandbox -ApiKey 'skp_pester_output' -Wallet
    $hello = Join-Path (Get-RepoRoot) 'examples/hello'
    $name = New-UniqueName 'views'
    $f = @{ Name = $name }
    $f.Project = New-CreateOsProject -Name $name -DisplayName 'Views at eighty' -Type upload -Framework express -Runtime node:20 -Port 3000 -EnableSecurityScan -Session $s -Confirm:$false
    $f.Deployment = $f.Project | Publish-CreateOsDeployment -Path $hello -Wait -PollIntervalSeconds 0.2 -Session $s -Confirm:$false | Where-Object { $_ -isnot [string] }
    $f.Environment = $f.Project | New-CreateOsEnvironment -Name production -Variables @{ LOG_LEVEL = 'debug'; GREETING = 'hello from the environment' } -Session $s -Confirm:$false
    $f.Environment = $f.Deployment | Set-CreateOsEnvironmentDeployment -EnvironmentId $f.Environment.Id -PassThru -Session $s -Confirm:$false
    # Hits on the environment's endpoint give the analytics something to count (a 200 and a 404).
    $endpoint = $f.Environment.Endpoint
    if ($endpoint) { foreach ($path in '', 'missing-page') { try { $null = Invoke-WebRequest "$endpoint$path" -SkipHttpErrorCheck } catch { } } }
    $f.Paid = Invoke-MppDeploy -Path $hello -Name (New-UniqueName 'paid') -Port 80 -Chain arbitrum -MaxPaymentUsd 2 -Confirm:$false -Force -Session $s
    $f.Other = New-TestSession -Sandbox $sandbox -ApiKey 'skp_pester_parallel'
    $f.Transferred = New-CreateOsProject -Name (New-UniqueName 'gift') -DisplayName 'Transferred project' -Type upload -Framework express -Runtime node:20 -Port 3000 -Session $s -Confirm:$false
    $f.Transferred | Get-CreateOsProjectTransferUri -Session $s | Approve-CreateOsProjectTransfer -Session $f.Other -Confirm:$false

    # What must read whole in each type's default view at 80 columns, and which property is its live URL.
    $wholeAt80 = @{
        MppDeployResult = 'UniqueName', 'Status', 'AmountUsd', 'Chain', 'Token'; PaymentRecord = 'State', 'AmountUsd', 'Chain', 'Token'
        WalletBalance = 'Chain', 'Symbol', 'Balance'; MppProject = 'Name', 'Status'; MppChain = 'Chain', 'ChainId'
        MppDeploymentStatus = 'Status', 'DeploymentStatus'; Project = 'UniqueName', 'Status', 'Id'; Deployment = 'Status', 'Id'
        ProjectEnvironment = 'UniqueName', 'Status', 'Id'; Domain = 'Name', 'Status'; SecurityScan = 'Status', 'DeploymentId'
        App = 'Name', 'Id'; ApiKey = 'Name', 'Id'; NewApiKey = 'Name', 'Id'; Quota = 'Resource'; WalletFile = 'Address'
    }
    $urlAt120 = @{ MppDeployResult = 'Endpoint'; MppProject = 'Url'; MppDeploymentStatus = 'Endpoint'; Deployment = 'Endpoint' }

    function Assert-Readable {
        <# The text as a person at $Width columns sees it: no line too long, nothing cut (…), every table header on one line. #>
        param([string] $Text, [int] $Width, [string] $What)
        $lines = $Text -split "`r?`n"
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $Width -Because "$What at $Width columns:`n$Text" }
        $Text | Should -Not -Match '…' -Because "nothing may be cut in $What at $Width columns:`n$Text"
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^-+( +-+)* *$' -and $i -ge 1) {
                ($i -lt 2 -or $lines[$i - 2].Trim() -eq '') | Should -BeTrue -Because "a header squeezed onto several lines means a column is too narrow, in $What at $Width columns:`n$Text"
            }
        }
    }
}

Describe 'Every output type has a sample here' {
    It 'covers every CreateOs type in an [OutputType] of an exported cmdlet' -TestCases @(@{ Covered = @($types.TypeName) }) {
        $declared = Get-Command -Module CreateOs | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Name } | Where-Object { $_ -like 'CreateOs.*' } | Sort-Object -Unique
        $declared | Where-Object { $_ -notin $Covered } | Should -BeNullOrEmpty
    }
}

Describe '<Short>' -ForEach $types {
    BeforeAll {
        $objects = @(& $Produce | Where-Object { $_ -isnot [string] })
    }

    It 'is made by the cmdlets' {
        $objects.Count | Should -BeGreaterThan 0
        $objects[0].GetType().FullName | Should -Be $TypeName
    }

    It 'reads at 80 and 120 columns in its default view and as a table' {
        foreach ($width in 80, 120) {
            Assert-Readable -Text ($objects | Out-String -Width $width) -Width $width -What "the default view of $Short"
            Assert-Readable -Text ($objects | Format-Table | Out-String -Width $width) -Width $width -What "the table of $Short"
        }
    }

    It 'shows amounts, chains, states and ids whole at 80, and the live URL whole at 120' {
        $first = $objects[0]
        $text80 = $objects | Select-Object -First 1 | Out-String -Width 80
        foreach ($property in $wholeAt80[$Short]) {
            if ($null -ne $first.$property -and "$($first.$property)" -ne '') {
                $text80 | Should -Match ([regex]::Escape("$($first.$property)")) -Because "$property of $Short at 80 columns:`n$text80"
            }
        }
        if ($urlAt120[$Short] -and $first.($urlAt120[$Short])) {
            $text120 = $objects | Select-Object -First 1 | Out-String -Width 120
            $text120 | Should -Match ([regex]::Escape($first.($urlAt120[$Short]))) -Because "the live URL of $Short at 120 columns:`n$text120"
        }
    }

    It 'goes through Select-Object, Sort-Object and Group-Object' {
        $first = ($objects[0].PSObject.Properties | Where-Object MemberType -in 'Property', 'AliasProperty' | Select-Object -First 1).Name
        @($objects | Select-Object -Property *).Count | Should -Be $objects.Count
        @($objects | Sort-Object -Property $first).Count | Should -Be $objects.Count
        (@($objects | Group-Object -Property $first) | Measure-Object -Property Count -Sum).Sum | Should -Be $objects.Count
    }

    It 'converts to JSON and back, and exports to CSV and back' {
        $json = $objects | ConvertTo-Json -Depth 4 -AsArray -WarningAction SilentlyContinue
        @($json | ConvertFrom-Json).Count | Should -Be $objects.Count
        $csv = Join-Path (New-TestFolder) 'objects.csv'
        $objects | Export-Csv -Path $csv -NoTypeInformation
        @(Import-Csv -Path $csv).Count | Should -Be $objects.Count
    }
}

Describe 'Project objects carry a Name' {
    It 'Select-Object Name gives the unique name, as on gateway projects' {
        ($f.Project | Select-Object -ExpandProperty Name) | Should -Be $f.Project.UniqueName
        ($f.Project | Select-Object Name, Status | ConvertTo-Json | ConvertFrom-Json).Name | Should -Be $f.Project.UniqueName
    }
}
