# What the Pester suite shares: the repository's paths, the sandbox (started once by Invoke-PesterSuite.ps1, or by a
# test file run on its own), fresh pwsh processes with their own HOME, and the powershell blocks of the docs.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:OwnSandbox = $null

function Get-RepoRoot { $script:RepoRoot }

function Get-BuiltModule { Join-Path $script:RepoRoot 'out/CreateOs/CreateOs.psd1' }

function Get-SandboxProgram { Join-Path $script:RepoRoot 'tools/CreateOs.Sandbox/bin/Release/net10.0/CreateOs.Sandbox.dll' }

# One sandbox user per test file (the sandbox keeps each user's projects apart; quotas are per user).
$script:ApiKeys = @('skp_local', 'skp_pester_output', 'skp_pester_whatif', 'skp_pester_install', 'skp_pester_parallel', 'skp_pester_docs_about', 'skp_pester_docs_errors', 'skp_pester_docs_session', 'skp_pester_docs_payments', 'skp_pester_docs_configuration')

function Start-TestSandbox {
    <# Starts tools/CreateOs.Sandbox (built) on a free loopback port with its two anvil chains; returns its URI, keys and process. #>
    param([int] $TimeoutSec = 180)
    $program = Get-SandboxProgram
    if (-not (Test-Path $program)) { throw "The sandbox is not built ($program): run dotnet build CreateOs.sln -c Release" }
    $log = Join-Path ([IO.Path]::GetTempPath()) ("createos-pester-sandbox-" + [guid]::NewGuid().ToString('N') + '.log')
    $arguments = @($program, '--urls', 'http://127.0.0.1:0', '--max-projects', '40', '--step-delay-ms', '100')
    foreach ($key in $script:ApiKeys) { $arguments += '--api-key', $key }
    $process = Start-Process -FilePath (Get-DotnetPath) -ArgumentList $arguments -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru -NoNewWindow
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = Get-Content $log -ErrorAction SilentlyContinue | Where-Object { $_ -like 'Sandbox listening on *' } | Select-Object -First 1
        if ($line) {
            return [pscustomobject]@{ Uri = $line.Substring('Sandbox listening on '.Length).Trim(); ApiKeys = $script:ApiKeys; ProcessId = $process.Id; Log = $log }
        }
        if ($process.HasExited) { throw "The sandbox exited: $(Get-Content $log, "$log.err" -Raw -ErrorAction SilentlyContinue)" }
        Start-Sleep -Milliseconds 250
    }
    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    throw "The sandbox did not start within $TimeoutSec s: $(Get-Content $log -Raw -ErrorAction SilentlyContinue)"
}

function Stop-TestSandbox {
    param([Parameter(Mandatory)] $Sandbox)
    Stop-Process -Id $Sandbox.ProcessId -Force -ErrorAction SilentlyContinue
    Remove-Item $Sandbox.Log, "$($Sandbox.Log).err" -ErrorAction SilentlyContinue
}

function Use-TestSandbox {
    <# The suite's sandbox ($env:CREATEOS_PESTER_SANDBOX, set by Invoke-PesterSuite.ps1), else one for this file. #>
    if ($env:CREATEOS_PESTER_SANDBOX) { return $env:CREATEOS_PESTER_SANDBOX | ConvertFrom-Json }
    if (-not $script:OwnSandbox) { $script:OwnSandbox = Start-TestSandbox }
    $script:OwnSandbox
}

function Stop-OwnTestSandbox {
    if ($script:OwnSandbox) { Stop-TestSandbox $script:OwnSandbox; $script:OwnSandbox = $null }
}

function ConvertTo-Secure([string] $Text) { ConvertTo-SecureString -String $Text -AsPlainText -Force }

function New-SessionObject {
    <# A new, empty CreateOsSession. The type lives in the module's private load context, so PowerShell cannot name it
       ([CreateOs.Core.CreateOsSession] is not found); Connect-CreateOs's output type is that same type. #>
    $type = (Get-Command Connect-CreateOs).OutputType[0].Type
    $type::new()
}

function New-TestSession {
    <# A session of its own (never the runspace default) for one sandbox user; -Wallet adds a funded light keystore. #>
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [string] $ApiKey, [switch] $Wallet, [decimal] $Usd = 25)
    $session = Connect-CreateOs -SandboxUri $Sandbox.Uri -ApiKey (ConvertTo-Secure $ApiKey) -PassThru -Session (New-SessionObject)
    $session.PaymentJournalDirectory = Join-Path (New-TestFolder) 'journal'
    if ($Wallet) {
        $path = Join-Path (New-TestFolder) 'wallet.json'
        $created = New-CreateOsWallet -Path $path -Password (ConvertTo-Secure 'pester-wallet') -Light -Connect -Session $session -Confirm:$false
        Add-SandboxFunds -Sandbox $Sandbox -Address $created.Address -Usd $Usd
    }
    $session
}

function Add-SandboxFunds {
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [string] $Address, [decimal] $Usd = 25)
    $null = Invoke-RestMethod -Method Post -Uri "$($Sandbox.Uri)/sandbox/fund" -ContentType 'application/json' -Body (@{ address = $Address; usd = $Usd } | ConvertTo-Json)
}

function Get-SandboxRequests {
    <# The sandbox's request log (GET /sandbox/requests), without the log's own control calls. #>
    param([Parameter(Mandatory)] $Sandbox)
    (Invoke-RestMethod -Uri "$($Sandbox.Uri)/sandbox/requests").data | Where-Object { $_.path -notlike '/sandbox/*' }
}

function New-TestFolder {
    # Under the run's own folder when Invoke-PesterSuite.ps1 set one (it removes it at the end).
    $parent = if ($env:CREATEOS_PESTER_TEMP) { $env:CREATEOS_PESTER_TEMP } else { [IO.Path]::GetTempPath() }
    $folder = Join-Path $parent ('createos-pester-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $folder
    $folder
}

function Get-TestGallery {
    <#
    A folder repository holding the nupkg built from this clone's out/CreateOs. Built once per run (under the run's own
    folder) and shared by the files that install from it; a file run on its own builds its own.
    #>
    $parent = if ($env:CREATEOS_PESTER_TEMP) { $env:CREATEOS_PESTER_TEMP } else { New-TestFolder }
    $gallery = Join-Path $parent 'gallery'
    if (Test-Path $gallery) { return $gallery }
    $building = "$gallery.partial"
    $null = New-Item -ItemType Directory -Path $building -Force
    $packing = & (Get-DotnetPath) (Join-Path $script:RepoRoot 'tools/CreateOs.ModuleTools/bin/Release/net10.0/CreateOs.ModuleTools.dll') package --module (Split-Path (Get-BuiltModule)) --out $building 2>&1
    if ($LASTEXITCODE -ne 0) { throw "packing the module failed: $packing" }
    Move-Item -Path $building -Destination $gallery
    $gallery
}

function New-UniqueName([string] $Prefix) { ($Prefix + '-' + [guid]::NewGuid().ToString('N')).Substring(0, [Math]::Min(24, $Prefix.Length + 13)) }

function Get-DotnetPath {
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return $self }
    (Get-Command dotnet -ErrorAction Stop).Source
}

function Invoke-FreshPwsh {
    <#
    Runs a script in a new pwsh process (the same pwsh as this one) with its own HOME, data folders and module path,
    so nothing of this session, of the machine's user profile or of another test leaks in. Returns exit code and output.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [Parameter(Mandatory)] [string] $HomeFolder,
        [string] $WorkingDirectory = $HomeFolder,
        [hashtable] $Environment = @{},
        [int] $TimeoutSec = 600
    )
    $file = Join-Path $HomeFolder ('script-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.ps1')
    Set-Content -Path $file -Value $Script -Encoding utf8
    $self = (Get-Process -Id $PID).Path
    $hostedByDotnet = [IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet'
    $info = [Diagnostics.ProcessStartInfo]::new($self)
    if ($hostedByDotnet) { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $file) { $info.ArgumentList.Add($argument) }
    $info.WorkingDirectory = $WorkingDirectory
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    foreach ($name in 'PSModulePath', 'CREATEOS_API_KEY', 'CREATEOS_PESTER_SANDBOX') { $null = $info.Environment.Remove($name) }
    $info.Environment['HOME'] = $HomeFolder
    $info.Environment['XDG_DATA_HOME'] = Join-Path $HomeFolder '.local/share'
    $info.Environment['XDG_CONFIG_HOME'] = Join-Path $HomeFolder '.config'
    $info.Environment['XDG_CACHE_HOME'] = Join-Path $HomeFolder '.cache'
    $info.Environment['CREATEOS_JOURNAL_DIR'] = Join-Path $HomeFolder 'journal'
    $info.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $info.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
    $info.Environment['NO_COLOR'] = '1'
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string]$Environment[$name] }
    $process = [Diagnostics.Process]::Start($info)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSec * 1000)) {
        $process.Kill($true)
        throw "pwsh did not finish within $TimeoutSec s: $($stdout.Result)"
    }
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
}

function Get-PowerShellBlock {
    <# The ```powershell blocks of a markdown file, in order: file, 1-based number, first line number, code. #>
    param([Parameter(Mandatory)] [string] $Path)
    $lines = Get-Content -Path $Path
    $blocks = [Collections.Generic.List[object]]::new()
    $inside = $false
    $code = $null
    $start = 0
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if (-not $inside -and $lines[$i] -match '^```powershell\s*$') { $inside = $true; $code = [Text.StringBuilder]::new(); $start = $i + 2; continue }
        if ($inside -and $lines[$i] -match '^```\s*$') {
            $inside = $false
            $blocks.Add([pscustomobject]@{ File = (Split-Path $Path -Leaf); Number = $blocks.Count + 1; Line = $start; Code = $code.ToString() })
            continue
        }
        if ($inside) { $null = $code.AppendLine($lines[$i]) }
    }
    $blocks
}

function Get-StateChangingCommand {
    <# Every exported cmdlet that supports ShouldProcess. #>
    Get-Command -Module CreateOs -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | Sort-Object Name
}

Export-ModuleMember -Function *
