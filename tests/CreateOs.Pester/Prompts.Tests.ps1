# The payment prompt in a real non-interactive pwsh (a scheduled task, CI): -Confirm:$false answers only the deploy
# prompt, so without -Force the command stops before signing, names -Force, and pays nothing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Use-TestSandbox
    $homeFolder = New-TestFolder
    $run = Invoke-FreshPwsh -HomeFolder $homeFolder -Script @"
Import-Module '$(Get-BuiltModule)'
`$env:CREATEOS_API_KEY = 'skp_pester_install'
Connect-CreateOs -SandboxUri '$($sandbox.Uri)'
`$wallet = New-CreateOsWallet -Path ~/wallet.json -Password (ConvertTo-SecureString 'pw' -AsPlainText -Force) -Light -Connect -Confirm:`$false
`$null = Invoke-RestMethod -Method Post '$($sandbox.Uri)/sandbox/fund' -ContentType application/json -Body (@{ address = `$wallet.Address; usd = 5 } | ConvertTo-Json)
Invoke-MppDeploy -Path '$(Join-Path (Get-RepoRoot) 'examples/hello')' -Name ('prompt-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -Port 80 -Confirm:`$false -ErrorVariable failed -ErrorAction SilentlyContinue
"error: `$(`$failed[0].FullyQualifiedErrorId)"
"message: `$(`$failed[0].Exception.Message)"
"states: `$((Get-MppPayment).State -join ',')"
"usdc: `$((Get-WalletBalance -Chain arbitrum -Token usdc).Balance)"
"@
}

Describe 'Invoke-MppDeploy -Confirm:$false in pwsh -NonInteractive' {
    It 'stops before signing with CreateOs.MppDeployPaymentNotConfirmed, naming -Force' {
        $run.Output | Should -Match 'error: CreateOs.MppDeployPaymentNotConfirmed,'
        $run.Output | Should -Match 'message: .*-Force'
        $run.Output | Should -Match 'Nothing was signed'
    }

    It 'pays nothing and closes the quote' {
        $run.Output | Should -Match 'states: Closed'
        $run.Output | Should -Match 'usdc: 5(\r?\n|$)'
    }
}
