using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace CreateOs.Loader
{
    /// <summary>
    /// Loads the module's private assemblies from the <c>dependencies</c> folder beside CreateOs.dll, so another module's
    /// copy of BouncyCastle (or an old one loaded first) never replaces ours.
    /// <para>
    /// PowerShell 7: CreateOs.Core and BouncyCastle.Cryptography go into one private AssemblyLoadContext. CreateOs.dll
    /// stays in the default context (PowerShell loads it there) and reaches CreateOs.Core through AppDomain.AssemblyResolve
    /// (raised when the default context cannot find it), so there is exactly one copy of every CreateOs.Core type
    /// (sessions, projects) on both sides. The private context is created without a subclass (netstandard2.0 cannot see
    /// AssemblyLoadContext at compile time), so isolation relies on its cache-by-name, which the runtime checks before
    /// falling back to the default context: the third-party assemblies are loaded into it before CreateOs.Core, whose
    /// references then bind to them. Newtonsoft.Json is deliberately shared with the default context: PowerShell 7 ships it
    /// (every 13.x is assembly version 13.0.0.0), and CreateOs.dll exchanges JSON objects with CreateOs.Core, so both must
    /// see the same JToken.
    /// </para>
    /// <para>Windows PowerShell 5.1 has no load contexts: AppDomain.AssemblyResolve loads the files from the same folder.</para>
    /// The folder is not next to CreateOs.dll on purpose: PowerShell probes a module's own folder and would load them
    /// into the default context first. This assembly is the manifest's first nested module, so the resolver is in place
    /// before PowerShell reflects over CreateOs.dll (whose exported types already reference CreateOs.Core).
    /// </summary>
    public sealed class DependencyLoader : IModuleAssemblyInitializer
    {
        public const string DependencyFolderName = "dependencies";

        /// <summary>Loaded into the private context before CreateOs.Core; order matters only in that Core comes last.</summary>
        private static readonly string[] IsolatedDependencies = { "BouncyCastle.Cryptography" };
        private const string CoreAssemblyName = "CreateOs.Core";
        private const string SharedDependencyName = "Newtonsoft.Json";

        private static readonly object Sync = new object();
        private static bool _registered;
        private static string _folder = "";
        private static object? _privateContext;
        private static MethodInfo? _loadFromPath;
        private static Assembly? _core;

        public void OnImport()
        {
            Register();
            AutoloadPath.Ensure();
        }

        /// <summary>Where the private assemblies live: dependencies/ beside this assembly (the module folder).</summary>
        public static string DependencyFolder
        {
            get
            {
                var own = Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? "";
                return Path.Combine(own, DependencyFolderName);
            }
        }

        /// <summary>The load context CreateOs.Core lives in ("CreateOs" when isolated, "Default" otherwise).</summary>
        public static string CoreLoadContextName
        {
            get
            {
                var coreAssembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == CoreAssemblyName);
                if (coreAssembly is null) return "(not loaded)";
                var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);
                var context = contextType?.GetMethod("GetLoadContext", BindingFlags.Public | BindingFlags.Static)?.Invoke(null, new object[] { coreAssembly });
                return context is null ? "(none)" : (string?)contextType!.GetProperty("Name")?.GetValue(context) ?? "(unnamed)";
            }
        }

        internal static void Register()
        {
            lock (Sync)
            {
                if (_registered) return;
                _registered = true;
                _folder = DependencyFolder;
                if (!Directory.Exists(_folder)) return; // a development layout with everything side by side: nothing to isolate

                var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);
                if (contextType is null || InternalHooks.ForceDesktopResolution)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
                    return;
                }
                // AppDomain.AssemblyResolve rather than the default context's Resolving event: the runtime raises both
                // for an assembly the default context cannot find, but checks a Resolving handler's answer with a
                // culture-aware name comparison whose first use costs about 10 ms of every import (ICU collation).
                AppDomain.CurrentDomain.AssemblyResolve += ResolveIsolated;
                _privateContext = Activator.CreateInstance(contextType, "CreateOs", false);
                _loadFromPath = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            }
        }

        /// <summary>
        /// CreateOs.Core from the private context for whoever asks (only this module has it); Newtonsoft.Json from
        /// dependencies/ only for CreateOs's own assemblies, and only in hosts that do not ship it themselves.
        /// </summary>
        private static Assembly? ResolveIsolated(object? sender, ResolveEventArgs args)
        {
            try
            {
                var name = new AssemblyName(args.Name).Name;
                if (string.Equals(name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase)) return LoadCoreIsolated();
                if (string.Equals(name, SharedDependencyName, StringComparison.OrdinalIgnoreCase) && IsOurs(args.RequestingAssembly))
                {
                    var path = Path.Combine(_folder, SharedDependencyName + ".dll");
                    return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                }
                return null;
            }
            catch (Exception)
            {
                return null; // the runtime then reports the original load failure, which names the assembly
            }
        }

        private static bool IsOurs(Assembly? requesting)
        {
            var name = requesting?.GetName().Name;
            return name is null || string.Equals(name, "CreateOs", StringComparison.Ordinal) || string.Equals(name, CoreAssemblyName, StringComparison.Ordinal);
        }

        private static Assembly? LoadCoreIsolated()
        {
            lock (Sync)
            {
                if (_core != null) return _core;
                if (_privateContext is null || _loadFromPath is null) return null;
                foreach (var dependency in IsolatedDependencies)
                {
                    var path = Path.Combine(_folder, dependency + ".dll");
                    if (File.Exists(path)) _loadFromPath.Invoke(_privateContext, new object[] { path });
                }
                var corePath = Path.Combine(_folder, CoreAssemblyName + ".dll");
                if (!File.Exists(corePath)) return null;
                _core = (Assembly)_loadFromPath.Invoke(_privateContext, new object[] { corePath })!;
                return _core;
            }
        }

        private static readonly HashSet<string> DesktopAssemblies = new HashSet<string>(
            IsolatedDependencies.Concat(new[] { CoreAssemblyName, SharedDependencyName }), StringComparer.OrdinalIgnoreCase);

        private static Assembly? ResolveOnDesktop(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            if (name.Name is null || !DesktopAssemblies.Contains(name.Name)) return null;
            var path = Path.Combine(_folder, name.Name + ".dll");
            if (!File.Exists(path)) return null;
            var candidate = AssemblyName.GetAssemblyName(path);
            // Never hand back an older version than the one asked for.
            if (name.Version != null && candidate.Version != null && candidate.Version < name.Version) return null;
            return Assembly.LoadFrom(path);
        }
    }

    /// <summary>
    /// Test seams (PSResourceGet's InternalHooks pattern): internal statics a test host sets by reflection before it imports
    /// the module. Nothing in the environment reaches them.
    /// </summary>
    internal static class InternalHooks
    {
        /// <summary>
        /// Makes PowerShell 7 take the Windows PowerShell 5.1 path (AppDomain.AssemblyResolve, which .NET raises too), so
        /// that path is exercised where no 5.1 exists (tools/CreateOs.ModuleTools probe-import --desktop-resolver).
        /// </summary>
        internal static bool ForceDesktopResolution = false;
    }
}
