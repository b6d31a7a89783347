#requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, documents and packages the CreateOs module.
.DESCRIPTION
    Every task calls dotnet; the same commands work without PowerShell (see docs/BUILD.md).
      Clean    removes out/ and the build outputs
      Build    dotnet build CreateOs.sln: lays out out/CreateOs/ (manifest, CreateOs.dll, dependencies/, views)
               and writes the help (en-US/CreateOs.dll-Help.xml, about_*.help.txt) from docs/en-US
      Test     runs every test project and the Pester suite, then fails if any of them failed
      Docs     creates or updates docs/en-US/<Cmdlet>.md from the built cmdlets (keeps what was written by hand),
               then rebuilds the MAML
      Package  writes out/packages/CreateOs.<version>.nupkg for the PowerShell Gallery
.EXAMPLE
    ./build.ps1 Build, Test, Package
.EXAMPLE
    ./build.ps1 Docs -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = @('Build'),
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$tool = Join-Path $root "tools/CreateOs.ModuleTools/bin/$Configuration/net10.0/CreateOs.ModuleTools.dll"

function Invoke-Dotnet {
    Write-Host "dotnet $($args -join ' ')" -ForegroundColor Cyan
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE" }
}

foreach ($step in $Task) {
    switch ($step) {
        'Clean' {
            Invoke-Dotnet clean (Join-Path $root 'CreateOs.sln') -c $Configuration -nologo -v q
            Remove-Item -Recurse -Force (Join-Path $root 'out') -ErrorAction SilentlyContinue
        }
        'Build' {
            Invoke-Dotnet build (Join-Path $root 'CreateOs.sln') -c $Configuration -nologo
        }
        'Test' {
            # Every project runs even when one fails; the failures are reported together at the end.
            $failures = [System.Collections.Generic.List[string]]::new()
            foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Filter *.csproj -Recurse) {
                Write-Host "dotnet test $($project.Name)" -ForegroundColor Cyan
                & dotnet test $project.FullName -c $Configuration --no-build -nologo --logger 'console;verbosity=minimal'
                if ($LASTEXITCODE -ne 0) { $failures.Add($project.BaseName) }
            }
            # The Pester suite in real pwsh 7.6 (the local dotnet tool) with Pester 6.2 from NuGet, against the sandbox.
            Write-Host 'Pester (tests/CreateOs.Pester)' -ForegroundColor Cyan
            Push-Location $root   # dotnet finds the tool manifest (.config/dotnet-tools.json) from the current folder
            try {
                & dotnet tool restore
                if ($LASTEXITCODE -eq 0) { & dotnet restore (Join-Path $root 'tests/CreateOs.Pester/Pester.proj') -nologo -v q }
                if ($LASTEXITCODE -eq 0) { & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/CreateOs.Pester/Invoke-PesterSuite.ps1') }
                if ($LASTEXITCODE -ne 0) { $failures.Add('CreateOs.Pester') }
            }
            finally { Pop-Location }
            if ($failures.Count -gt 0) { throw "Tests failed in: $($failures -join ', ')" }
            Write-Host 'All test projects passed.' -ForegroundColor Green
        }
        'Docs' {
            if (-not (Test-Path $tool)) { Invoke-Dotnet build (Join-Path $root 'tools/CreateOs.ModuleTools') -c $Configuration -nologo }
            Invoke-Dotnet $tool markdown
            Invoke-Dotnet $tool maml
        }
        'Package' {
            if (-not (Test-Path $tool)) { throw "Build first: ./build.ps1 Build" }
            Invoke-Dotnet $tool package
        }
    }
}
