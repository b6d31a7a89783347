# Every ```powershell block of README.md and docs/en-US/about_*.md runs as written, in order, in a fresh pwsh process
# with its own HOME, against the sandbox: so the documentation cannot drift from what the module does.
# What a reader does outside the blocks is done for them, and only that: the sandbox stands in for CreateOS (its URI
# replaces http://127.0.0.1:5080 and Connect-CreateOs is pointed at it), Read-Host answers with the sandbox user's key or
# a wallet password, the two confirmations of a paid deploy are answered yes, ./site and ./api exist, a wallet the
# reader created is funded, and, for a document that installs the module, the gallery is a local folder holding the
# package built from this clone.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Get-RepoRoot
    $documents = @(
        @{ Name = 'README.md'; Path = Join-Path $root 'README.md'; Key = 'skp_local'; Start = 'nothing' }
        @{ Name = 'about_CreateOs'; Path = Join-Path $root 'docs/en-US/about_CreateOs.md'; Key = 'skp_pester_docs_about'; Start = 'nothing' }
        @{ Name = 'about_CreateOs_Session'; Path = Join-Path $root 'docs/en-US/about_CreateOs_Session.md'; Key = 'skp_pester_docs_session'; Start = 'imported' }
        @{ Name = 'about_CreateOs_Errors'; Path = Join-Path $root 'docs/en-US/about_CreateOs_Errors.md'; Key = 'skp_pester_docs_errors'; Start = 'connected with a wallet' }
        @{ Name = 'about_CreateOs_Payments'; Path = Join-Path $root 'docs/en-US/about_CreateOs_Payments.md'; Key = 'skp_pester_docs_payments'; Start = 'connected with a wallet' }
        @{ Name = 'about_CreateOs_Configuration'; Path = Join-Path $root 'docs/en-US/about_CreateOs_Configuration.md'; Key = 'skp_pester_docs_configuration'; Start = 'connected' }
    )
    foreach ($document in $documents) {
        $document.Blocks = @(Get-PowerShellBlock -Path $document.Path)
        # The about topics speak to a reader whose account already has projects.
        $document.ExistingProjects = $document.Start -ne 'nothing'
        # Only a document that installs the module needs the local gallery registered (loading PowerShellGet costs seconds).
        $document.Installs = [bool]($document.Blocks.Code -match '\bInstall-(Module|PSResource)\b')
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModule) -Force
    $script:Sandbox = Use-TestSandbox
    $script:Gallery = Get-TestGallery

    function Invoke-Document {
        param($Document)
        $homeFolder = New-TestFolder
        $work = Join-Path $homeFolder 'work'
        Copy-Item -Recurse (Join-Path (Get-RepoRoot) 'examples/hello') (Join-Path $work 'site')
        $api = New-Item -ItemType Directory -Path (Join-Path $work 'api')
        Set-Content (Join-Path $api 'package.json') '{ "name": "api", "version": "1.0.0", "scripts": { "start": "node server.js" } }'
        Set-Content (Join-Path $api 'server.js') "require('http').createServer((q, s) => s.end('ok')).listen(3000);"
        $blocks = $Document.Blocks | ForEach-Object {
            @{ Number = $_.Number; Code = $_.Code.Replace('http://127.0.0.1:5080', $script:Sandbox.Uri).Replace('skp_local', $Document.Key) }
        }
        Set-Content (Join-Path $homeFolder 'blocks.json') ($blocks | ConvertTo-Json -Depth 3 -AsArray)
        $start = switch ($Document.Start) {
            'imported' { "Import-Module '$(Get-BuiltModule)'" }
            'connected' {
                @"
Import-Module '$(Get-BuiltModule)'
Connect-CreateOs -ApiKey (Read-Host -AsSecureString 'CreateOS API key')
"@
            }
            'connected with a wallet' {
                @"
Import-Module '$(Get-BuiltModule)'
Connect-CreateOs -ApiKey (Read-Host -AsSecureString 'CreateOS API key')
`$null = New-CreateOsWallet -Path ~/wallet.json -Password (Read-Host -AsSecureString 'password') -Light -Connect
"@
            }
            default { '' }
        }
        $gallery = if ($Document.Installs) {
            @"
Unregister-PSRepository -Name PSGallery -ErrorAction SilentlyContinue 3>`$null
Register-PSRepository -Name Local -SourceLocation '$script:Gallery' -InstallationPolicy Trusted
Unregister-PSResourceRepository -Name PSGallery -ErrorAction SilentlyContinue
Register-PSResourceRepository -Name Local -Uri '$script:Gallery' -Trusted
"@
        }
        $script = @"
`$clock = [Diagnostics.Stopwatch]::StartNew()
`$ProgressPreference = 'SilentlyContinue'
`$PSStyle.OutputRendering = 'PlainText'
`$sandbox = '$($script:Sandbox.Uri)'
`$apiKey = '$($Document.Key)'
function Read-Host {
    param([Parameter(Position = 0)] `$Prompt, [switch] `$AsSecureString, [switch] `$MaskInput)
    `$answer = if ("`$Prompt" -match 'API key') { `$apiKey } else { 'docs-wallet-password' }
    if (`$AsSecureString) { ConvertTo-SecureString `$answer -AsPlainText -Force } else { `$answer }
}
`$ConfirmPreference = 'None'
`$PSDefaultParameterValues['Invoke-MppDeploy:Force'] = `$true
`$PSDefaultParameterValues['Connect-CreateOs:SandboxUri'] = `$sandbox
$gallery
$start
`$funded = @{}
`$results = foreach (`$block in (Get-Content -Raw ~/blocks.json | ConvertFrom-Json)) {
    `$problems = @()
    `$shown = ''
    `$started = `$clock.Elapsed.TotalSeconds
    try {
        `$output = @(. ([scriptblock]::Create(`$block.Code)) 2>&1)
        `$problems = @(`$output | Where-Object { `$_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { `$_.ToString() })
        `$shown = `$output | Where-Object { `$_ -isnot [System.Management.Automation.ErrorRecord] } | Out-String -Width 80
    }
    catch { `$problems += "terminating: `$(`$_.ToString()) at `$(`$_.InvocationInfo.PositionMessage)" }
    try {
        `$address = (Get-CreateOsContext).WalletAddress
        if (`$address -and -not `$funded[`$address]) {
            `$null = Invoke-RestMethod -Method Post "`$sandbox/sandbox/fund" -ContentType application/json -Body (@{ address = `$address; usd = 25 } | ConvertTo-Json)
            `$funded[`$address] = `$true
        }
    } catch { }
    [pscustomobject]@{ Number = `$block.Number; Problems = `$problems; Output = `$shown; Seconds = [math]::Round(`$clock.Elapsed.TotalSeconds - `$started, 1) }
}
'::results::'
`$results | ConvertTo-Json -Depth 3 -AsArray
"@
        $run = Invoke-FreshPwsh -Script $script -HomeFolder $homeFolder -WorkingDirectory $work -TimeoutSec 900
        $marker = $run.Output.IndexOf('::results::')
        if ($marker -lt 0) { throw "the document run reported nothing: $($run.Output) $($run.Errors)" }
        $results = @{}
        foreach ($result in ($run.Output.Substring($marker + '::results::'.Length) | ConvertFrom-Json)) { $results[[int]$result.Number] = $result }
        $results
    }
}

Describe 'Every document with examples is run here' {
    It 'covers README.md and every about topic' -TestCases @(@{ Covered = @($documents.Path) }) {
        $topics = Get-ChildItem (Join-Path (Get-RepoRoot) 'docs/en-US') -Filter 'about_*.md' | Where-Object { @(Get-PowerShellBlock -Path $_.FullName).Count -gt 0 }
        $topics.FullName | Where-Object { $_ -notin $Covered } | Should -BeNullOrEmpty
    }
}

Describe '<Name> runs as written' -ForEach $documents {
    BeforeAll {
        if ($ExistingProjects) {
            $owner = New-TestSession -Sandbox $script:Sandbox -ApiKey $Key
            foreach ($n in 1..2) { $null = New-CreateOsProject -Name (New-UniqueName 'existing') -DisplayName 'An existing project' -Type upload -Framework express -Runtime node:20 -Port 3000 -Session $owner -Confirm:$false }
        }
        $script:Results = Invoke-Document @{ Key = $Key; Start = $Start; Blocks = $Blocks; Installs = $Installs }
    }

    It 'block <_.Number> (line <_.Line>) runs without an error' -ForEach $_.Blocks {
        $result = $script:Results[$_.Number]
        $result | Should -Not -BeNullOrEmpty -Because "block $($_.Number) must have run"
        $result.Problems | Should -BeNullOrEmpty -Because "block $($_.Number) of $($_.File) is:`n$($_.Code)`nand showed (in $($result.Seconds) s):`n$($result.Output)"
    }
}
