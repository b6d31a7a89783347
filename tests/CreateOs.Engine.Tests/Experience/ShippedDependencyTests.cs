using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>
/// Every dependency earns its place: each package in Directory.Packages.props is used by the code of every project that
/// references it, each assembly shipped in out/CreateOs/dependencies is loaded when the module does its work, and the
/// shipped assemblies carry no switch an environment variable could flip.
/// </summary>
public class ShippedDependencyTests
{
    private static string Configuration => AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Debug/") ? "Debug" : "Release";

    [Fact]
    public void Every_package_in_Directory_Packages_props_is_used_by_every_project_that_references_it()
    {
        var root = ModuleTools.RepoRoot;
        var packages = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Select(p => (string)p.Attribute("Include")!).ToList();
        var projects = new[] { "src", "tools", "tests", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}"))
            .Select(ProjectUse.Read).ToList();

        var problems = new List<string>();
        foreach (var package in packages)
        {
            var referencing = projects.Where(p => p.References(package)).ToList();
            if (referencing.Count == 0) problems.Add($"{package}: referenced by no project (drop it from Directory.Packages.props)");
            foreach (var project in referencing)
            {
                var assemblies = project.CompileAssembliesOf(package);
                if (assemblies.Count == 0) continue; // build-time only (test SDK, test adapter): nothing to call
                if (!assemblies.Overlaps(project.ReferencedAssemblies()))
                    problems.Add($"{project.Name} references {package} but its code never uses {string.Join(" or ", assemblies)}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_assembly_shipped_in_dependencies_is_loaded_when_the_module_creates_and_connects_a_wallet()
    {
        // The probe imports the module in a fresh process and creates a wallet: CreateOs.Core, scrypt/Keccak/secp256k1
        // (BouncyCastle) and the keystore JSON (Newtonsoft.Json). A shipped assembly no path loads is dead weight.
        var (exit, output) = ModuleTools.PlainImportProbe;
        Assert.True(exit == 0, output);
        var probeHostFolder = Path.GetDirectoryName(ModuleTools.ToolPath)!;
        var shipped = Directory.GetFiles(Path.Combine(ModuleTools.ModuleFolder, "dependencies"), "*.dll");
        Assert.NotEmpty(shipped);
        foreach (var file in shipped)
        {
            var name = AssemblyName.GetAssemblyName(file);
            var loaded = output.Split('\n').FirstOrDefault(l => l.StartsWith($"loaded: {name.Name} {name.Version} ", StringComparison.Ordinal));
            Assert.True(loaded != null, $"{Path.GetFileName(file)} ({name.Version}) is shipped in dependencies/ but the module never loaded it:\n{output}");
            // Only an assembly the host already carries (Newtonsoft.Json in pwsh) may be served from the host's copy.
            if (!File.Exists(Path.Combine(probeHostFolder, Path.GetFileName(file))))
                Assert.Contains(Path.Combine("dependencies", Path.GetFileName(file)), loaded);
        }
    }

    [Fact]
    public void The_shipped_assemblies_read_no_test_switch_from_the_environment_and_keep_their_test_hooks_internal()
    {
        var assemblies = Directory.GetFiles(ModuleTools.ModuleFolder, "CreateOs*.dll")
            .Concat(Directory.GetFiles(Path.Combine(ModuleTools.ModuleFolder, "dependencies"), "CreateOs*.dll")).ToList();
        Assert.Equal(3, assemblies.Count); // CreateOs, CreateOs.Loader, CreateOs.Core
        foreach (var file in assemblies)
        {
            using var pe = new PEReader(File.OpenRead(file));
            var metadata = pe.GetMetadataReader();
            var literals = new List<string>();
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
                literals.Add(metadata.GetUserString(handle));
            Assert.DoesNotContain(literals, l => l.StartsWith("CREATEOS_TEST", StringComparison.OrdinalIgnoreCase));

            foreach (var type in metadata.TypeDefinitions.Select(metadata.GetTypeDefinition).Where(t => metadata.GetString(t.Name) == "InternalHooks"))
            {
                Assert.Equal(TypeAttributes.NotPublic, type.Attributes & TypeAttributes.VisibilityMask);
                foreach (var field in type.GetFields().Select(metadata.GetFieldDefinition))
                    Assert.Equal(FieldAttributes.Assembly, field.Attributes & FieldAttributes.FieldAccessMask);
            }
        }
    }

    /// <summary>A project file with what restore resolved for it (obj/project.assets.json) and what its build references.</summary>
    private sealed record ProjectUse(string Name, string OutputAssembly, HashSet<string> PackageReferences, JsonElement Target)
    {
        public static ProjectUse Read(string csproj)
        {
            var project = XDocument.Load(csproj);
            var directory = Path.GetDirectoryName(csproj)!;
            var name = Path.GetFileNameWithoutExtension(csproj);
            var assemblyName = project.Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault() ?? name;
            var framework = project.Descendants("TargetFramework").Single().Value;
            var references = project.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var assetsFile = Path.Combine(directory, "obj", "project.assets.json");
            Assert.True(File.Exists(assetsFile), $"{name} is not restored ({assetsFile}); run: dotnet build CreateOs.sln -c Release");
            var targets = JsonDocument.Parse(File.ReadAllText(assetsFile)).RootElement.GetProperty("targets");
            var target = targets.EnumerateObject().Single(t => !t.Name.Contains('/')).Value; // the framework, not a runtime-specific graph
            return new ProjectUse(name, Path.Combine(directory, "bin", Configuration, framework, assemblyName + ".dll"), references, target);
        }

        public bool References(string package) => PackageReferences.Contains(package);

        /// <summary>The assembly names a project can call from the package: its own compile assets, or for a package with none (a metapackage such as xunit) those of its dependencies; none for build-only packages ("_._").</summary>
        public HashSet<string> CompileAssembliesOf(string package)
        {
            var entry = Library(package);
            var own = CompileAssets(entry);
            if (own != null) return own;
            var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (entry.TryGetProperty("dependencies", out var dependencies))
                foreach (var dependency in dependencies.EnumerateObject()) result.UnionWith(CompileAssembliesOf(dependency.Name));
            return result;
        }

        public HashSet<string> ReferencedAssemblies()
        {
            Assert.True(File.Exists(OutputAssembly), $"{Name} is not built ({OutputAssembly}); run: dotnet build CreateOs.sln -c {Configuration}");
            using var pe = new PEReader(File.OpenRead(OutputAssembly));
            var metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        private JsonElement Library(string package) =>
            Target.EnumerateObject().First(l => l.Name.StartsWith(package + "/", StringComparison.OrdinalIgnoreCase)).Value;

        /// <summary>Null when the package declares no compile assets; empty when it declares only the "_._" placeholder.</summary>
        private static HashSet<string>? CompileAssets(JsonElement library)
        {
            if (!library.TryGetProperty("compile", out var compile) || !compile.EnumerateObject().Any()) return null;
            return compile.EnumerateObject().Select(a => Path.GetFileName(a.Name)).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase)!;
        }
    }
}
