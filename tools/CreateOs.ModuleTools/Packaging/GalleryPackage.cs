using System.IO.Compression;
using System.Management.Automation.Language;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace CreateOs.ModuleTools.Packaging;

/// <summary>
/// Writes out/packages/CreateOs.&lt;version&gt;.nupkg the way Publish-Module/Publish-PSResource do: the module's files at
/// the package root, a CreateOs.nuspec generated from the manifest (tags PSModule, PSIncludes_Cmdlet, PSCommand_&lt;name&gt;,
/// PSEdition_*), and the OPC parts nuget writes ([Content_Types].xml, _rels/.rels, package/services/metadata/...).
/// Install-Module/Install-PSResource from a local folder repository install it as is.
/// </summary>
internal static class GalleryPackage
{
    /// <summary>Publish-Module warns above this many characters of tags: some NuGet feeds refuse longer lists.</summary>
    public const int MaxTagsLength = 4000;

    private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd";

    public static int Run(string moduleFolder, string outFolder)
    {
        var manifestPath = Path.Combine(moduleFolder, "CreateOs.psd1");
        if (!File.Exists(manifestPath)) throw new ToolException($"{manifestPath} is missing: build first (dotnet build CreateOs.sln -c Release)");
        if (!File.Exists(Path.Combine(moduleFolder, "en-US", "CreateOs.dll-Help.xml")))
            throw new ToolException("the module folder has no en-US/CreateOs.dll-Help.xml: build the whole solution (the help step runs in tools/CreateOs.ModuleTools)");
        var manifest = ReadManifest(manifestPath);
        var version = (string)manifest["ModuleVersion"]!;
        Directory.CreateDirectory(outFolder);
        var target = Path.Combine(outFolder, $"CreateOs.{version}.nupkg");
        Write(moduleFolder, manifest, target);
        Console.WriteLine($"Package: {target}");
        return 0;
    }

    public static System.Collections.Hashtable ReadManifest(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        if (errors.Length > 0) throw new ToolException($"{path}: {errors[0].Message}");
        var table = (HashtableAst?)ast.Find(a => a is HashtableAst, false) ?? throw new ToolException($"{path} holds no hashtable");
        return (System.Collections.Hashtable)table.SafeGetValue();
    }

    public static void Write(string moduleFolder, System.Collections.Hashtable manifest, string target)
    {
        var files = Directory.GetFiles(moduleFolder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(moduleFolder, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (File.Exists(target)) File.Delete(target);
        using var zip = ZipFile.Open(target, ZipArchiveMode.Create);
        var nuspec = BuildNuspec(manifest);
        AddText(zip, "CreateOs.nuspec", nuspec.ToString(SaveOptions.None));
        foreach (var file in files)
            zip.CreateEntryFromFile(Path.Combine(moduleFolder, file), file, CompressionLevel.Optimal);
        AddText(zip, "[Content_Types].xml", ContentTypes(files));
        var propertiesId = Guid.NewGuid().ToString("N");
        AddText(zip, "_rels/.rels", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/CreateOs.nuspec" Id="R{Guid.NewGuid():N}" />
              <Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/package/services/metadata/core-properties/{propertiesId}.psmdcp" Id="R{Guid.NewGuid():N}" />
            </Relationships>
            """);
        var metadata = nuspec.Root!.Element(Nuspec + "metadata")!;
        AddText(zip, $"package/services/metadata/core-properties/{propertiesId}.psmdcp", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">
              <dc:creator>{SecurityElement.Escape(metadata.Element(Nuspec + "authors")!.Value)}</dc:creator>
              <dc:description>{SecurityElement.Escape(metadata.Element(Nuspec + "description")!.Value)}</dc:description>
              <dc:identifier>CreateOs</dc:identifier>
              <version>{metadata.Element(Nuspec + "version")!.Value}</version>
              <keywords>{SecurityElement.Escape(metadata.Element(Nuspec + "tags")!.Value)}</keywords>
              <lastModifiedBy>CreateOs.ModuleTools</lastModifiedBy>
            </coreProperties>
            """);
    }

    public static XDocument BuildNuspec(System.Collections.Hashtable manifest)
    {
        var psData = (System.Collections.Hashtable)((System.Collections.Hashtable)manifest["PrivateData"]!)["PSData"]!;
        var cmdlets = Strings(manifest["CmdletsToExport"]);
        var editions = Strings(manifest["CompatiblePSEditions"]);
        // PSCommand_<name> is what Find-Module -Command and Find-PSResource -CommandName search; the older PSCmdlet_<name>
        // twin that Publish-Module also writes doubled the list past the 4,000 characters PowerShellGet warns about.
        var tags = Strings(psData["Tags"]).Concat(new[] { "PSModule", "PSIncludes_Cmdlet" })
            .Concat(editions.Select(e => "PSEdition_" + e))
            .Concat(cmdlets.Select(c => "PSCommand_" + c))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var tagList = string.Join(" ", tags);
        if (tagList.Length > MaxTagsLength)
            throw new ToolException($"the package tags are {tagList.Length} characters, over the {MaxTagsLength} PowerShellGet accepts without a warning: shorten PrivateData.PSData.Tags");
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Nuspec + "package",
                new XElement(Nuspec + "metadata",
                    new XElement(Nuspec + "id", "CreateOs"),
                    new XElement(Nuspec + "version", (string)manifest["ModuleVersion"]!),
                    new XElement(Nuspec + "authors", (string)manifest["Author"]!),
                    new XElement(Nuspec + "owners", (string?)manifest["CompanyName"] ?? (string)manifest["Author"]!),
                    new XElement(Nuspec + "requireLicenseAcceptance", "false"),
                    // What Publish-Module writes: the manifest's LicenseUri as licenseUrl (the gallery shows it as is).
                    new XElement(Nuspec + "licenseUrl", (string)psData["LicenseUri"]!),
                    new XElement(Nuspec + "projectUrl", (string)psData["ProjectUri"]!),
                    new XElement(Nuspec + "description", (string)manifest["Description"]!),
                    new XElement(Nuspec + "releaseNotes", (string?)psData["ReleaseNotes"] ?? ""),
                    new XElement(Nuspec + "copyright", (string?)manifest["Copyright"] ?? ""),
                    new XElement(Nuspec + "tags", tagList))));
    }

    private static List<string> Strings(object? value) => value switch
    {
        null => new List<string>(),
        string single => new List<string> { single },
        object[] many => many.Select(v => v.ToString()!).ToList(),
        _ => new List<string> { value.ToString()! },
    };

    private static string ContentTypes(IEnumerable<string> files)
    {
        var extensions = files.Select(f => Path.GetExtension(f).TrimStart('.')).Where(e => e.Length > 0)
            .Concat(new[] { "nuspec", "psmdcp", "rels" }).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(e => e, StringComparer.Ordinal);
        var types = new XNamespace[] { "http://schemas.openxmlformats.org/package/2006/content-types" }[0];
        var document = new XElement(types + "Types",
            extensions.Select(e => new XElement(types + "Default", new XAttribute("Extension", e), new XAttribute("ContentType",
                e switch
                {
                    "rels" => "application/vnd.openxmlformats-package.relationships+xml",
                    "psmdcp" => "application/vnd.openxmlformats-package.core-properties+xml",
                    _ => "application/octet",
                }))));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + document.ToString(SaveOptions.DisableFormatting);
    }

    private static void AddText(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(text.TrimStart());
        stream.Write(bytes, 0, bytes.Length);
    }
}
