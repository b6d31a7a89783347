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
    [string] $Folder = [IO.Path]::Combine($PSScriptRoot, 'hello'),
    [string] $WalletPath = ([IO.Path]::Combine([IO.Path]::GetTempPath(), 'createos-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '.json'))
)
$ErrorActionPreference = 'Stop'
$secure = { param($text) [System.Net.NetworkCredential]::new('', $text).SecurePassword }

# 1. One step points the API, the gateway and the chain RPCs at the sandbox.
Connect-CreateOs -SandboxUri $SandboxUri -ApiKey (& $secure $ApiKey)

# 2. A fresh encrypted keystore wallet (in real life: your own keystore and Read-Host -AsSecureString).
$password = & $secure ('demo-' + [guid]::NewGuid())
$wallet = New-CreateOsWallet -Path $WalletPath -Password $password -Light -Connect -Confirm:$false
"Wallet $($wallet.Address) ($($wallet.Path))"

# 3. Sandbox only: fund it with test USDC/USDT and gas on both local chains.
$fund = [System.Net.Http.HttpClient]::new()
$body = [System.Net.Http.StringContent]::new("{""address"":""$($wallet.Address)"",""usd"":25}", [Text.Encoding]::UTF8, 'application/json')
$null = $fund.PostAsync([uri]::new($SandboxUri, '/sandbox/fund'), $body).GetAwaiter().GetResult().EnsureSuccessStatusCode()
Get-WalletBalance -Chain arbitrum

# 4. Deploy and pay: quote, checks, signed USDC transfer on Arbitrum, paid retry, wait until live.
$name = 'hello-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$result = Invoke-MppDeploy -Path $Folder -Name $name -DisplayName 'Hello CreateOs' -Port 80 -Chain arbitrum -Token usdc -MaxPaymentUsd 2 -Confirm:$false -Force
$result

# 5. What is live, and what it cost.
"Live at:    $($result.Endpoint)"
"Content:    " + $fund.GetStringAsync($result.Endpoint).GetAwaiter().GetResult()
"Paid with:  $($result.PaymentTx) ($($result.AmountUsd) USD in $($result.Token) on $($result.Chain))"
Get-WalletBalance -Chain arbitrum
