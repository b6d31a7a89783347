namespace CreateOs.Hosting;

/// <summary>Finds the repository root and the built module (out/CreateOs/CreateOs.psd1).</summary>
public static class ModuleLocator
{
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CreateOs.sln"))) return dir.FullName;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CreateOs.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (the folder with CreateOs.sln).");
    }

    public static string BuiltManifest()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CREATEOS_MODULE");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        var manifest = Path.Combine(RepoRoot(), "out", "CreateOs", "CreateOs.psd1");
        if (!File.Exists(manifest))
            throw new FileNotFoundException($"The module is not built: {manifest} is missing. Run: dotnet build CreateOs.sln -c Release");
        return manifest;
    }
}
