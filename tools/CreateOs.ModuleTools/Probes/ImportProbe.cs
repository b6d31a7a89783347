using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace CreateOs.ModuleTools.Probes;

/// <summary>
/// The dependency-conflict check, run in its own process (a test host already holds the module's own copies): first
/// loads other assemblies into the default load context — given files, and/or a decoy BouncyCastle.Cryptography with the
/// real assembly version but none of its types — then imports the module, creates a wallet (scrypt, Keccak, secp256k1)
/// and prints one "key: value" line per fact. Exit code 0 when the module worked.
/// </summary>
internal static class ImportProbe
{
    public static int Run(string manifest, IReadOnlyList<string> preload, bool decoyBouncyCastle, bool desktopResolver)
    {
        if (desktopResolver) ForceDesktopResolution(manifest);
        foreach (var path in preload)
        {
            var loaded = Assembly.LoadFrom(path);
            Console.WriteLine($"preloaded: {loaded.FullName}");
        }
        if (decoyBouncyCastle)
        {
            var real = AssemblyName.GetAssemblyName(Path.Combine(Path.GetDirectoryName(manifest)!, "dependencies", "BouncyCastle.Cryptography.dll"));
            var decoy = Assembly.LoadFrom(WriteDecoy("BouncyCastle.Cryptography", real.Version!));
            Console.WriteLine($"preloaded: {decoy.FullName} (decoy without types)");
        }

        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        var folder = Directory.CreateTempSubdirectory("createos-probe-").FullName;
        try
        {
            shell.AddScript("""
                param($manifest, $folder)
                Import-Module $manifest -ErrorAction Stop
                $password = [System.Security.SecureString]::new(); 'probe-password'.ToCharArray() | ForEach-Object { $password.AppendChar($_) }
                $wallet = New-CreateOsWallet -Path ([System.IO.Path]::Combine($folder, 'wallet.json')) -Password $password -Light -Connect -Confirm:$false -ErrorAction Stop
                "wallet: $($wallet.Address)"
                "context: $((Get-CreateOsContext).WalletAddress)"
                "core-context: $([CreateOs.Loader.DependencyLoader]::CoreLoadContextName)"
                """).AddArgument(manifest).AddArgument(folder);
            foreach (var line in shell.Invoke()) Console.WriteLine(line);
            foreach (var error in shell.Streams.Error) Console.WriteLine("error: " + error + Environment.NewLine + error.Exception);
            // Every assembly the module ships in dependencies/, whichever copy got loaded.
            var shipped = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest))!, "dependencies"), "*.dll")
                .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => shipped.Contains(a.GetName().Name!)))
                Console.WriteLine($"loaded: {assembly.GetName().Name} {assembly.GetName().Version} (file {(assembly.IsDynamic || assembly.Location.Length == 0 ? "-" : System.Diagnostics.FileVersionInfo.GetVersionInfo(assembly.Location).FileVersion)}) in '{AssemblyLoadContext.GetLoadContext(assembly)?.Name}' from {(assembly.IsDynamic ? "(dynamic)" : assembly.Location)}");
            return shell.HadErrors ? 1 : 0;
        }
        catch (RuntimeException ex)
        {
            Console.WriteLine("error: " + ex);
            return 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Loads the module's CreateOs.Loader.dll first and sets its internal test hook, so the import that follows (which
    /// reuses the loaded assembly) takes the Windows PowerShell 5.1 resolver path.
    /// </summary>
    private static void ForceDesktopResolution(string manifest)
    {
        var loader = Assembly.LoadFrom(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest))!, "CreateOs.Loader.dll"));
        var hook = loader.GetType("CreateOs.Loader.InternalHooks", throwOnError: true)!.GetField("ForceDesktopResolution", BindingFlags.Static | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("CreateOs.Loader has no InternalHooks.ForceDesktopResolution");
        hook.SetValue(null, true);
        Console.WriteLine("hook: ForceDesktopResolution set in " + loader.Location);
    }

    private static string WriteDecoy(string name, Version version)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName(name) { Version = version }, typeof(object).Assembly);
        var module = builder.DefineDynamicModule(name);
        module.DefineType("Org.BouncyCastle.Decoy", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed).CreateType();
        var path = Path.Combine(Directory.CreateTempSubdirectory("createos-decoy-").FullName, name + ".dll");
        builder.Save(path);
        return path;
    }
}
