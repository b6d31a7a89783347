using System.Management.Automation;
using System.Reflection;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

public class ModuleManifestTests
{
    /// <summary>Reads the manifest as data, the way Import-PowerShellDataFile does (that cmdlet is not in the hosted engine).</summary>
    private static Hashtable_ ManifestData()
    {
        var ast = System.Management.Automation.Language.Parser.ParseFile(PowerShellSession.ManifestPath, out _, out var errors);
        Assert.Empty(errors);
        var table = ast.Find(a => a is System.Management.Automation.Language.HashtableAst, false)!;
        return new((System.Collections.Hashtable)table.SafeGetValue());
    }

    [Fact]
    public void Test_ModuleManifest_passes_on_the_built_module()
    {
        using var ps = new PowerShellSession(importModule: false);
        var module = ps.Invoke("Test-ModuleManifest -Path $args[0]", PowerShellSession.ManifestPath);
        Assert.Empty(ps.Errors);
        var info = (PSModuleInfo)module.Single().BaseObject;
        Assert.Equal("CreateOs", info.Name);
        Assert.Contains("Desktop", info.CompatiblePSEditions);
        Assert.Contains("Core", info.CompatiblePSEditions);
        Assert.Equal(new Version(5, 1), info.PowerShellVersion);
    }

    [Fact]
    public void CmdletsToExport_lists_exactly_the_cmdlets_in_the_assembly_without_wildcards()
    {
        using var ps = new PowerShellSession(importModule: false);
        var manifest = ManifestData();
        var declared = ((object[])manifest["CmdletsToExport"]).Cast<string>().ToList();
        Assert.DoesNotContain(declared, name => name.Contains('*'));

        var assembly = Assembly.LoadFrom(Path.Combine(Path.GetDirectoryName(PowerShellSession.ManifestPath)!, "CreateOs.dll"));
        var implemented = assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t))
            .Select(t => t.GetCustomAttribute<CmdletAttribute>()!)
            .Select(a => $"{a.VerbName}-{a.NounName}")
            .OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(implemented, declared.OrderBy(n => n, StringComparer.Ordinal).ToList());
        Assert.Empty((object[])manifest["FunctionsToExport"]);
        Assert.Empty((object[])manifest["AliasesToExport"]);
    }

    [Fact]
    public void Every_exported_cmdlet_uses_an_approved_verb()
    {
        // Get-Verb lives in Microsoft.PowerShell.Utility, which the hosted engine lacks; it lists these same constants.
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var ps = new PowerShellSession();
        var verbs = ps.Invoke("Get-Command -Module CreateOs | ForEach-Object Verb").Select(v => v.ToString()).ToList();
        Assert.NotEmpty(verbs);
        Assert.All(verbs, v => Assert.Contains(v, approved));
    }

    /// <summary>Cmdlets with a state-changing verb that only make an object in memory (as New-Object and New-TimeSpan do): nothing to confirm.</summary>
    private static readonly string[] InMemoryOnly = { "New-CreateOsSession" };

    [Fact]
    public void Every_state_changing_cmdlet_supports_ShouldProcess_and_declares_its_output_type()
    {
        using var ps = new PowerShellSession();
        var missing = ps.Invoke(@"
            $inMemoryOnly = $args[0]
            Get-Command -Module CreateOs | Where-Object { $_.Verb -in 'New','Set','Remove','Update','Publish','Invoke','Add','Stop','Start','Resume','Move','Install','Grant','Revoke','Register','Unregister','Reset','Restart','Sync','Approve','Send','Save','Receive' } |
                Where-Object { $_.Name -notin $inMemoryOnly } |
                Where-Object { -not $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name", new object[] { InMemoryOnly });
        Assert.Empty(missing);
        var noOutputType = ps.Invoke("Get-Command -Module CreateOs | Where-Object { $_.OutputType.Count -eq 0 } | ForEach-Object Name");
        Assert.Empty(noOutputType);
    }

    [Fact]
    public void Importing_touches_no_network_and_leaves_the_session_disconnected()
    {
        using var ps = new PowerShellSession();
        var context = ps.Invoke("Get-CreateOsContext").Single();
        Assert.False((bool)context.Properties["IsConnected"].Value);
        Assert.Null(context.Properties["WalletAddress"].Value);
        Assert.Contains("PowerShell 7", (string)context.Properties["UserAgent"].Value);
        Assert.Contains("Core", (string)context.Properties["UserAgent"].Value);
    }

    /// <summary>Hashtable access that tolerates arrays declared as @('a') or 'a'.</summary>
    private sealed class Hashtable_
    {
        private readonly System.Collections.Hashtable _table;
        public Hashtable_(System.Collections.Hashtable table) => _table = table;
        public object this[string key] => _table[key] switch
        {
            object[] array => array,
            null => Array.Empty<object>(),
            var single => new[] { single },
        };
    }
}
