@{
    RootModule           = 'TrivialModule.dll'
    ModuleVersion        = '1.0.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '0c2f55d4-7d0b-4b8e-9a0e-3f1f0f6f1a11'
    PowerShellVersion    = '5.1'
    CmdletsToExport      = @('Get-Trivial', 'Get-TrivialItem')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
