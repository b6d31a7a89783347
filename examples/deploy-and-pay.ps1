<#
.SYNOPSIS
    The main job end to end: create a wallet, fund it (sandbox only), deploy a folder through the pay-per-deploy
    gateway, pay for it, and show the live URL, its content and the payment transaction.
.EXAMPLE
    ./examples/deploy-and-pay.ps1 -SandboxUri http://127.0.0.1:5080 -ApiKey skp_...
#>
param(
    [Parameter(Mandatory)] [uri] $SandboxUri,
    [Parameter(Mandatory)] [string] $ApiKey,
    [string] $Folder = (Join-Path $PSScriptRoot 'hello'),
    # Default: a throwaway keystore in the temp folder, deleted at the end (it only ever holds sandbox money).
    [string] $WalletPath
)
$ErrorActionPreference = 'Stop'
# From a clone, the module built into out/ (dotnet build CreateOs.sln -c Release); otherwise the installed one.
if (-not (Get-Module CreateOs)) {
    $built = Join-Path $PSScriptRoot '../out/CreateOs/CreateOs.psd1'
    Import-Module $(if (Test-Path $built) { $built } else { 'CreateOs' })
}
$throwaway = -not $WalletPath
if ($throwaway) { $WalletPath = Join-Path ([IO.Path]::GetTempPath()) ('createos-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.json') }

try {
    # 1. One step points the API, the gateway and the chain RPCs at the sandbox. (The sandbox's key is made up, so
    #    converting it from plain text is fine here; with a real key use Read-Host -AsSecureString or Get-Secret.)
    Connect-CreateOs -SandboxUri $SandboxUri -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force)

    # 2. A fresh encrypted keystore wallet (in real life: your own keystore and Read-Host -AsSecureString).
    $password = ConvertTo-SecureString ('demo-' + [guid]::NewGuid()) -AsPlainText -Force
    $wallet = New-CreateOsWallet -Path $WalletPath -Password $password -Light -Connect -Confirm:$false
    "Wallet $($wallet.Address) ($($wallet.Path))"

    # 3. Sandbox only: fund it with test USDC/USDT and gas on both local chains.
    $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($SandboxUri, '/sandbox/fund')) -ContentType 'application/json' -Body (@{ address = $wallet.Address; usd = 25 } | ConvertTo-Json)
    Get-WalletBalance -Chain arbitrum | Out-Host   # each result in its own view (not mixed into one table)

    # 4. Deploy and pay: quote, checks, signed USDC transfer on Arbitrum, paid retry, wait until live.
    #    -Confirm:$false answers the deploy prompt and -Force the payment prompt; the 2 USD cap still applies.
    $name = 'hello-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $result = Invoke-MppDeploy -Path $Folder -Name $name -DisplayName 'Hello CreateOs' -Port 80 -Chain arbitrum -Token usdc -MaxPaymentUsd 2 -Confirm:$false -Force
    $result | Out-Host

    # 5. What is live, and what it cost.
    "Live at:    $($result.Endpoint)"
    "Content:    " + (Invoke-RestMethod -Uri $result.Endpoint)
    "Paid with:  $($result.PaymentTx) ($($result.AmountUsd) USD in $($result.Token) on $($result.Chain))"
    Get-WalletBalance -Chain arbitrum | Out-Host
}
finally {
    if ($throwaway) { Remove-Item -LiteralPath $WalletPath -ErrorAction SilentlyContinue }
}
