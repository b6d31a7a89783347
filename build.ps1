#requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, documents and packages the CreateOs module.
.DESCRIPTION
    Every task calls dotnet; the same commands work without PowerShell (see docs/BUILD.md).
      Clean    removes out/ and the build outputs
      Build    dotnet build CreateOs.sln: lays out out/CreateOs/ (manifest, CreateOs.dll, dependencies/, views, types)
               and writes the help (en-US/CreateOs.dll-Help.xml, about_*.help.txt) from docs/en-US
      Test     runs every test project
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
            foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Filter *.csproj -Recurse) {
                Invoke-Dotnet test $project.FullName -c $Configuration --no-build -nologo --logger 'console;verbosity=minimal'
            }
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
