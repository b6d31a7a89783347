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
        'CreateOs.Core.Models.Cronjob'             = { $f.Project | Get-CreateOsCronjob -Session $s }
        'CreateOs.Core.Models.CronjobActivity'     = { $f.Cronjob | Get-CreateOsCronjobActivity -Session $s }
        'CreateOs.Core.Models.ProjectTemplate'     = { Get-CreateOsTemplate -Session $s; Get-CreateOsTemplate -Mine -Session $s }
        'CreateOs.Core.Models.TemplateRejection'   = { $f.Rejected | Get-CreateOsTemplateRejection -Session $s }
        'CreateOs.Core.Models.TemplateCount'       = { Get-CreateOsTemplateCount -Session $s; Get-CreateOsTemplateCount -Name starter -Session $s }
        'CreateOs.Core.Models.TemplatePurchase'    = { Get-CreateOsTemplatePurchase -Session $s }
        'CreateOs.Core.Models.SavedTemplatePurchase' = { $f.Purchase | Save-CreateOsTemplatePurchase -Path (New-TestFolder) -Session $s -Confirm:$false }
        'CreateOs.Core.Configuration.ConfigurationChange' = { Compare-CreateOsConfiguration -Configuration $f.Desired -Session $s }
        'CreateOs.Core.Configuration.ConfigurationSyncSummary' = { Sync-CreateOsConfiguration -Configuration $f.Desired -Session $s -Confirm:$false 3>$null }
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
    # Cronjobs with a long schedule and request, and two recorded runs (the sandbox does not run schedules itself).
    $f.Cronjob = $f.Environment | New-CreateOsCronjob -Name 'weekday-report-to-ops' -Schedule '0,30 9-17 * * MON-FRI' -Path '/reports/daily?format=json' -Method POST -Session $s -Confirm:$false
    $null = $f.Environment | New-CreateOsCronjob -Name health -Schedule '*/5 * * * *' -Path /health -Session $s -Confirm:$false
    foreach ($run in @{ statusCode = 200; log = 'HTTP 200 in 41 ms' }, @{ statusCode = 502; log = 'upstream unavailable: connection to the environment refused after 5 s, retried once' }) {
        $null = Invoke-RestMethod -Method Post "$($sandbox.Uri)/sandbox/cronjobs/$($f.Cronjob.Id)/runs" -ContentType application/json -Body ($run | ConvertTo-Json)
    }
    # Templates: one of this user's with a long name and a price, one the sandbox's reviewer rejects, and a purchase of
    # the sandbox's free starter.
    $text = 'An Express API with health checks, structured logging and a cronjob that pings it every five minutes, ready to deploy.'
    $template = @{ Description = $text; Overview = $text; UseCases = $text; ImageUri = 'https://example.com/express-api.png'; Session = $s; Confirm = $false }
    $null = $f.Environment | New-CreateOsTemplate -Name 'Express API starter with health checks and logging' -Amount 1249.75 -Category api, express, starter @template
    $f.Rejected = $f.Environment | New-CreateOsTemplate -Name "sandbox-reject $name" @template
    $f.Rejected | Submit-CreateOsTemplate -Session $s -Confirm:$false
    $f.Purchase = Get-CreateOsTemplate -Name sandbox-starter -Session $s | New-CreateOsTemplatePurchase -Session $s -Confirm:$false
    # A configuration whose desired state differs from the server in a resource, a variable, a cronjob and a domain.
    $file = Join-Path (New-TestFolder) 'fleet.psd1'
    $f.Project | Export-CreateOsConfiguration -Path $file -Session $s -Confirm:$false
    $f.Desired = Import-PowerShellDataFile $file
    $desiredProject = $f.Desired.Projects[0]
    $desiredEnvironment = $desiredProject.Environments | Where-Object UniqueName -eq production
    $desiredEnvironment.Resources.Cpu = 250
    $desiredEnvironment.Variables.GREETING = 'hello from the environment, now in a sentence longer than its column'
    ($desiredProject.Cronjobs | Where-Object Name -eq health).Schedule = '0 */2 * * *'
    $desiredProject.Domains = @(@{ Name = "status-$name.example.com"; Environment = 'production' })
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline -and (Get-CreateOsTemplate -TemplateId $f.Rejected.Id -Session $s).Status -ne 'rejected') { Start-Sleep -Milliseconds 200 }

    # What must read whole in each type's default view at 80 columns (and so at 120).
    $wholeAt80 = @{
        MppDeployResult = 'UniqueName', 'Status', 'AmountUsd', 'Chain', 'Token'; PaymentRecord = 'State', 'AmountUsd', 'Chain', 'Token'
        WalletBalance = 'Chain', 'Symbol', 'Balance'; MppProject = 'Name', 'Status'; MppChain = 'Chain', 'ChainId'
        MppDeploymentStatus = 'Status', 'DeploymentStatus'; Project = 'UniqueName', 'Status', 'Id'; Deployment = 'Status', 'Id'
        ProjectEnvironment = 'UniqueName', 'Status', 'Id'; Domain = 'Name', 'Status'; SecurityScan = 'Status', 'DeploymentId'
        App = 'Name', 'Id'; ApiKey = 'Name', 'Id'; NewApiKey = 'Name', 'Id'; Quota = 'Resource'; WalletFile = 'Address'
        Cronjob = 'Name', 'Status', 'Schedule'; CronjobActivity = 'StatusCode'; ProjectTemplate = 'Status', 'Amount'
        TemplatePurchase = 'PurchaseId', 'Amount'; SavedTemplatePurchase = 'PurchaseId', 'Bytes'; TemplateCount = 'Total'
        ConfigurationChange = 'Symbol', 'Property'; ConfigurationSyncSummary = 'Projects', 'Changed', 'Unchanged', 'Failed', 'Skipped'
    }
    # What must read whole at 120 columns: the live URL, and what only fits there.
    $wholeAt120 = @{
        MppDeployResult = 'Endpoint'; MppProject = 'Url'; MppDeploymentStatus = 'Endpoint'; Deployment = 'Endpoint'
        Cronjob = 'Request'; TemplatePurchase = 'TemplateId'
    }

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

    It 'shows amounts, chains, states, schedules and ids whole at 80, and the live URL whole at 120' {
        foreach ($width in 80, 120) {
            $properties = if ($width -eq 80) { $wholeAt80[$Short] } else { @($wholeAt80[$Short]) + @($wholeAt120[$Short]) }
            foreach ($object in $objects) {
                $text = $object | Out-String -Width $width
                foreach ($property in $properties) {
                    if ($null -ne $property -and $null -ne $object.$property -and "$($object.$property)" -ne '') {
                        $text | Should -Match ([regex]::Escape("$($object.$property)")) -Because "$property of $Short at $width columns:`n$text"
                    }
                }
            }
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
