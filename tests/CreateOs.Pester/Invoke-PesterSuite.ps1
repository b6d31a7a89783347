#requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester suite (tests/CreateOs.Pester/*.Tests.ps1) in this pwsh against one sandbox it starts, and ends with
    one line "Pester: N passed, N failed, N skipped in N s".
.DESCRIPTION
    Needs the built solution (dotnet build CreateOs.sln -c Release) and Pester 6.2.0 in the NuGet cache
    (dotnet restore tests/CreateOs.Pester/Pester.proj); tools/test.sh and build.ps1 Test do both.
.EXAMPLE
    dotnet tool restore; dotnet restore tests/CreateOs.Pester/Pester.proj; dotnet pwsh tests/CreateOs.Pester/Invoke-PesterSuite.ps1
#>
param(
    [string[]] $Path = @($PSScriptRoot),
    [string] $ResultPath = (Join-Path ([IO.Path]::GetTempPath()) 'createos-pester-results.xml'),
    [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
$packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pester = Join-Path $packages.Trim() 'pester/6.2.0/tools/Pester.psd1'
if (-not (Test-Path $pester)) { throw "Pester 6.2.0 is not in the NuGet cache ($pester): run dotnet restore tests/CreateOs.Pester/Pester.proj" }
Import-Module $pester -Force
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

# Plain text: error messages end up in the NUnit XML, where escape sequences are not allowed.
$PSStyle.OutputRendering = 'PlainText'
$clock = [Diagnostics.Stopwatch]::StartNew()
# Everything the tests write (homes, keystores, journals, galleries) goes under one folder, removed at the end.
$env:CREATEOS_PESTER_TEMP = Join-Path ([IO.Path]::GetTempPath()) ('createos-pester-run-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $env:CREATEOS_PESTER_TEMP
$sandbox = Start-TestSandbox
$env:CREATEOS_PESTER_SANDBOX = $sandbox | ConvertTo-Json -Compress
# No test may write to the user's own payment journal.
$env:CREATEOS_JOURNAL_DIR = Join-Path (New-TestFolder) 'journal'
try {
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $Path
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Normal'
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
    $result = Invoke-Pester -Configuration $configuration
}
catch {
    Write-Error $_ -ErrorAction Continue
    $result = $null
}
finally {
    Stop-TestSandbox $sandbox
    Remove-Item Env:CREATEOS_PESTER_SANDBOX
    Remove-Item -Recurse -Force $env:CREATEOS_PESTER_TEMP -ErrorAction SilentlyContinue
    Remove-Item Env:CREATEOS_PESTER_TEMP
}
# A block or file that failed before its tests ran counts as failed: nothing may vanish silently.
$passed = if ($result) { $result.PassedCount } else { 0 }
$failed = if ($result) { $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } else { 1 }
$skipped = if ($result) { $result.SkippedCount } else { 0 }
if ($SummaryPath) { Set-Content -Path $SummaryPath -Value "$passed $failed $skipped" }
"Pester: $passed passed, $failed failed, $skipped skipped in $([int]$clock.Elapsed.TotalSeconds) s"
exit ([int]($failed -gt 0 -or $passed -eq 0))
