namespace CreateOs.Engine.Tests.Experience;

/// <summary>
/// The module still works when another version of one of its dependencies was loaded first. Each case runs in its own
/// process (tools/CreateOs.ModuleTools probe-import): this test host already holds the module's own copies.
/// </summary>
public class DependencyIsolationTests
{
    [Fact]
    public void A_BouncyCastle_loaded_first_does_not_replace_the_modules_own()
    {
        // The decoy has BouncyCastle.Cryptography's exact name and assembly version but none of its types: had the module
        // bound to it, creating a wallet (scrypt, Keccak, secp256k1) would fail with a missing type or method.
        var (exit, output) = ModuleTools.Run(TimeSpan.FromMinutes(2), "probe-import", "--decoy-bouncycastle");
        Assert.True(exit == 0, output);
        Assert.Contains("(decoy without types)", output);
        Assert.Matches(@"wallet: 0x[0-9a-fA-F]{40}", output);
        Assert.Contains("core-context: CreateOs", output);
        Assert.Matches(@"loaded: BouncyCastle\.Cryptography .* in 'Default' from .*createos-decoy-", output);
        Assert.Matches(@"loaded: BouncyCastle\.Cryptography .* in 'CreateOs' from .*dependencies", output);
    }

    [Fact]
    public void The_module_works_with_the_hosts_own_newer_Newtonsoft_Json()
    {
        // The probe host (like pwsh) ships its own Newtonsoft.Json, a different package version from the module's; the
        // module shares it rather than loading a second copy, so JSON objects stay one type across the module.
        var (exit, output) = ModuleTools.PlainImportProbe;
        Assert.True(exit == 0, output);
        var newtonsoft = output.Split('\n').Where(l => l.StartsWith("loaded: Newtonsoft.Json")).ToList();
        Assert.Single(newtonsoft);
        Assert.Contains("in 'Default'", newtonsoft[0]);
        Assert.DoesNotContain("dependencies", newtonsoft[0]);
        var moduleCopy = System.Diagnostics.FileVersionInfo.GetVersionInfo(Path.Combine(ModuleTools.ModuleFolder, "dependencies", "Newtonsoft.Json.dll")).FileVersion!;
        Assert.DoesNotContain($"(file {moduleCopy})", newtonsoft[0]);
        Assert.Matches(@"wallet: 0x[0-9a-fA-F]{40}", output);
    }

    [Fact]
    public void The_Windows_PowerShell_resolver_path_loads_the_dependencies_from_the_module_folder()
    {
        // Windows PowerShell 5.1 has no load contexts; the loader then answers AppDomain.AssemblyResolve from dependencies/.
        // No 5.1 runs here, so the probe forces that path on .NET (which raises AssemblyResolve too) and uses the module.
        var (exit, output) = ModuleTools.Run(TimeSpan.FromMinutes(2), "probe-import", "--desktop-resolver");
        Assert.True(exit == 0, output);
        Assert.Matches(@"wallet: 0x[0-9a-fA-F]{40}", output);
        Assert.Contains("core-context: Default", output);
        Assert.Matches(@"loaded: CreateOs\.Core .* in 'Default' from .*dependencies", output);
        Assert.Matches(@"loaded: BouncyCastle\.Cryptography .* in 'Default' from .*dependencies", output);
    }
}
