# New runspaces: ForEach-Object -Parallel and Start-ThreadJob with -Session, after an import by path (a clone's
# out/CreateOs), in a fresh pwsh so this process's module path and sessions cannot help.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $sandbox = Use-TestSandbox
}

Describe 'A module imported by path, in new runspaces' {
    BeforeAll {
        $homeFolder = New-TestFolder
        $run = Invoke-FreshPwsh -HomeFolder $homeFolder -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-BuiltModule)'
`$session = Connect-CreateOs -SandboxUri '$($sandbox.Uri)' -ApiKey (ConvertTo-SecureString 'skp_pester_parallel' -AsPlainText -Force) -PassThru -Session (((Get-Command Connect-CreateOs).OutputType[0].Type)::new())
`$names = 1..3 | ForEach-Object { 'par-' + [guid]::NewGuid().ToString('N').Substring(0, 8) }
`$ids = `$names | ForEach-Object -Parallel { (New-CreateOsProject -Name `$_ -DisplayName 'Parallel project' -Type upload -Framework express -Runtime node:20 -Port 3000 -Session `$using:session -Confirm:`$false).Id } -ThrottleLimit 3
"parallel created: `$(@(`$ids).Count)"
`$read = `$ids | ForEach-Object -Parallel { Get-CreateOsProject -Id `$_ -Session `$using:session } -ThrottleLimit 3
"parallel read: `$(@(`$read | Where-Object { `$_.Name -in `$names }).Count)"
"parallel default session connected: `$(`$ids | Select-Object -First 1 | ForEach-Object -Parallel { (Get-CreateOsContext).IsConnected })"
`$job = Start-ThreadJob { param(`$s, `$id) Get-CreateOsProject -Id `$id -Session `$s } -ArgumentList `$session, (`$ids | Select-Object -First 1)
"thread job read: `$((Receive-Job `$job -Wait -AutoRemoveJob).Name -in `$names)"
`$ids | ForEach-Object -Parallel { Remove-CreateOsProject -ProjectId `$_ -Session `$using:session -Confirm:`$false }
"removed: `$(@(Get-CreateOsProject -All -Session `$session | Where-Object { `$_.Name -in `$names -and `$_.Status -notin 'deleting', 'deleted' }).Count -eq 0)"
"@
    }

    It 'runs cmdlets in ForEach-Object -Parallel with -Session' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -Match 'parallel created: 3'
        $run.Output | Should -Match 'parallel read: 3'
    }

    It 'keeps the default session per runspace: a parallel runspace starts disconnected' {
        $run.Output | Should -Match 'parallel default session connected: False'
    }

    It 'runs cmdlets in Start-ThreadJob with -Session' {
        $run.Output | Should -Match 'thread job read: True'
        $run.Output | Should -Match 'removed: True'
    }
}
