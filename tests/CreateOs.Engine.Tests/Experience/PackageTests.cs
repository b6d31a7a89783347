using System.IO.Compression;
using System.Xml.Linq;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>The module folder and the PowerShell Gallery package, as users install them.</summary>
public class PackageTests
{
    private static System.Collections.Hashtable Manifest()
    {
        var ast = System.Management.Automation.Language.Parser.ParseFile(PowerShellSession.ManifestPath, out _, out var errors);
        Assert.Empty(errors);
        return (System.Collections.Hashtable)((System.Management.Automation.Language.HashtableAst)ast.Find(a => a is System.Management.Automation.Language.HashtableAst, false)!).SafeGetValue();
    }

    [Fact]
    public void The_manifest_is_complete_for_the_gallery()
    {
        var manifest = Manifest();
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)manifest["ModuleVersion"]!);
        Assert.True(((string)manifest["Description"]!).Length > 40);
        Assert.False(string.IsNullOrWhiteSpace((string)manifest["Author"]!));
        var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)manifest["PrivateData"]!)["PSData"]!;
        Assert.StartsWith("https://", (string)psData["ProjectUri"]!);
        Assert.StartsWith("https://", (string)psData["LicenseUri"]!);
        Assert.True(((string)psData["ReleaseNotes"]!).Length > 40);
        var tags = ((object[])psData["Tags"]!).Cast<string>().ToList();
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.Contains("PSEdition_Core", tags);
        var formats = manifest["FormatsToProcess"] is object[] many ? many.Cast<string>().ToList() : new List<string> { (string)manifest["FormatsToProcess"]! };
        Assert.NotEmpty(formats);
        Assert.All(formats, f => Assert.True(File.Exists(Path.Combine(ModuleTools.ModuleFolder, f)), $"FormatsToProcess: {f} is not in the module folder"));
        // No types file: its fixed cost at every import buys nothing C# properties cannot do (bench import --breakdown).
        Assert.False(manifest.ContainsKey("TypesToProcess"));
    }

    [Fact]
    public void The_module_folder_has_help_views_and_private_dependencies()
    {
        var folder = ModuleTools.ModuleFolder;
        Assert.True(File.Exists(Path.Combine(folder, "en-US", "CreateOs.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(folder, "en-US", "about_CreateOs_Payments.help.txt")));
        Assert.True(File.Exists(Path.Combine(folder, "dependencies", "CreateOs.Core.dll")));
        Assert.True(File.Exists(Path.Combine(folder, "dependencies", "BouncyCastle.Cryptography.dll")));
        // Nothing but the cmdlets and the loader beside the manifest: PowerShell would load others into the default context.
        Assert.Equal(new[] { "CreateOs.Loader.dll", "CreateOs.dll" }, Directory.GetFiles(folder, "*.dll").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void The_nupkg_is_laid_out_for_the_gallery_and_imports_from_a_fresh_folder()
    {
        var work = Directory.CreateTempSubdirectory("createos-package-").FullName;
        try
        {
            var (exit, output) = ModuleTools.Run(TimeSpan.FromMinutes(2), "package", "--module", ModuleTools.ModuleFolder, "--out", work);
            Assert.True(exit == 0, output);
            var version = (string)Manifest()["ModuleVersion"]!;
            var package = Path.Combine(work, $"CreateOs.{version}.nupkg");
            Assert.True(File.Exists(package), output);

            var unpacked = Path.Combine(work, "CreateOs");
            ZipFile.ExtractToDirectory(package, unpacked);
            foreach (var part in new[] { "CreateOs.nuspec", "CreateOs.psd1", "CreateOs.dll", "CreateOs.Loader.dll", "CreateOs.format.ps1xml", "en-US/CreateOs.dll-Help.xml", "dependencies/CreateOs.Core.dll", "[Content_Types].xml", "_rels/.rels" })
                Assert.True(File.Exists(Path.Combine(unpacked, part)), part + " is missing from the package");
            Assert.Single(Directory.GetFiles(Path.Combine(unpacked, "package", "services", "metadata", "core-properties"), "*.psmdcp"));

            var nuspec = XDocument.Load(Path.Combine(unpacked, "CreateOs.nuspec"));
            XNamespace ns = nuspec.Root!.Name.NamespaceName;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("CreateOs", metadata.Element(ns + "id")!.Value);
            Assert.Equal(version, metadata.Element(ns + "version")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "authors")!.Value));
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")!.Value));
            Assert.StartsWith("https://", metadata.Element(ns + "projectUrl")!.Value);
            Assert.StartsWith("https://", metadata.Element(ns + "licenseUrl")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "releaseNotes")!.Value));
            var tagList = metadata.Element(ns + "tags")!.Value;
            Assert.InRange(tagList.Length, 1, 4000);
            var tags = tagList.Split(' ');
            foreach (var tag in new[] { "PSModule", "PSIncludes_Cmdlet", "PSEdition_Desktop", "PSEdition_Core", "PSCommand_Get-CreateOsContext", "PSCommand_Invoke-MppDeploy" })
                Assert.Contains(tag, tags);
            Assert.DoesNotContain(tags, t => t.StartsWith("PSCmdlet_", StringComparison.Ordinal));

            // A fresh process and engine import the unpacked module, like Install-Module leaves it.
            var (importExit, importOutput) = ModuleTools.Run(TimeSpan.FromMinutes(2), "probe-import", "--module", Path.Combine(unpacked, "CreateOs.psd1"));
            Assert.True(importExit == 0, importOutput);
            Assert.Matches(@"context: 0x[0-9a-fA-F]{40}", importOutput);
            Assert.Contains($"from {Path.Combine(unpacked, "dependencies", "CreateOs.Core.dll")}", importOutput);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
