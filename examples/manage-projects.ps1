<#
.SYNOPSIS
    Connects to CreateOS (or a sandbox) and manages projects end to end: create, list, rename, inspect, remove.
.EXAMPLE
    ./examples/manage-projects.ps1 -ApiUri http://127.0.0.1:5080 -ApiKey skp_...
#>
param(
    [Parameter(Mandatory)] [uri] $ApiUri,
    [Parameter(Mandatory)] [string] $ApiKey
)
$ErrorActionPreference = 'Stop'
# From a clone, the module built into out/ (dotnet build CreateOs.sln -c Release); otherwise the installed one.
if (-not (Get-Module CreateOs)) {
    $built = Join-Path $PSScriptRoot '../out/CreateOs/CreateOs.psd1'
    Import-Module $(if (Test-Path $built) { $built } else { 'CreateOs' })
}

# Interactively you would type: Connect-CreateOs -ApiKey (Read-Host -AsSecureString 'API key'), or set $env:CREATEOS_API_KEY.
Connect-CreateOs -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -ApiUri $ApiUri

$user = Get-CreateOsUser
"Signed in as $($user.Username)"
Get-CreateOsQuota

$name = 'demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
if (-not (Test-CreateOsProjectName $name)) { throw "$name is taken" }

New-CreateOsProject -Name $name -DisplayName 'Demo Site' -Type upload -UseBuildAI -Port 80 -Confirm:$false
Get-CreateOsProject -Name $name | Set-CreateOsProject -DisplayName 'Demo Site Renamed' -Confirm:$false
Get-CreateOsProject -Name $name | Set-CreateOsProjectSetting -BuildDir public -Confirm:$false

"Projects now:"
Get-CreateOsProject -All

Get-CreateOsProject -Name $name | Remove-CreateOsProject -Confirm:$false
"Removed $name."
