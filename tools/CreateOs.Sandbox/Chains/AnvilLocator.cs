using System.Runtime.InteropServices;

namespace CreateOs.Sandbox.Chains;

/// <summary>anvil could not be found or could not be started.</summary>
public sealed class AnvilNotFoundException : Exception
{
    public const string InstallHint =
        "Install it with \"npm install\" in the CreateOs repository root (installs the pinned anvil into node_modules), " +
        "or set CREATEOS_ANVIL to the anvil executable, or install Foundry (https://getfoundry.sh) so that anvil is on PATH.";

    public AnvilNotFoundException(string message, Exception? inner = null) : base(message + " " + InstallHint, inner) { }
}

/// <summary>Finds the anvil executable: CREATEOS_ANVIL, then the repository's node_modules, then PATH.</summary>
public static class AnvilLocator
{
    public const string EnvironmentVariable = "CREATEOS_ANVIL";
    private const string SolutionFileName = "CreateOs.sln";

    /// <summary>
    /// Returns the path (or bare command name "anvil" for a PATH lookup) to start. An explicit path wins; it must exist.
    /// </summary>
    public static string Locate(string? explicitPath = null) =>
        Locate(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), [AppContext.BaseDirectory, Environment.CurrentDirectory]);

    internal static string Locate(string? explicitPath, string? environmentValue, IEnumerable<string> searchStarts)
    {
        foreach (var (candidate, origin) in new[] { (explicitPath, "the configured anvil path"), (environmentValue, EnvironmentVariable) })
        {
            if (string.IsNullOrWhiteSpace(candidate)) continue;
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
            throw new AnvilNotFoundException($"anvil was not found at '{candidate}' ({origin}).");
        }

        foreach (var start in searchStarts)
        {
            var repoRoot = FindRepositoryRoot(start);
            if (repoRoot is null) continue;
            foreach (var candidate in NodeModulesCandidates(repoRoot))
                if (File.Exists(candidate)) return candidate;
        }

        return FindOnPath() ?? throw new AnvilNotFoundException(
            $"anvil was not found ({EnvironmentVariable} is not set, no node_modules with anvil above {AppContext.BaseDirectory}, and not on PATH).");
    }

    internal static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName))) return directory.FullName;
        return null;
    }

    private static IEnumerable<string> NodeModulesCandidates(string repoRoot)
    {
        var nodeModules = Path.Combine(repoRoot, "node_modules");
        var isWindows = OperatingSystem.IsWindows();
        var platform = isWindows ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        var binary = isWindows ? "anvil.exe" : "anvil";

        // Prefer the native binary of the platform package: the .bin shim is a node script that adds a process layer.
        yield return Path.Combine(nodeModules, "@foundry-rs", $"anvil-{platform}-{architecture}", "bin", binary);
        yield return Path.Combine(nodeModules, "@foundry-rs", "anvil", "dist", binary);
        if (isWindows) yield return Path.Combine(nodeModules, ".bin", "anvil.cmd");
        else yield return Path.Combine(nodeModules, ".bin", "anvil");
    }

    private static string? FindOnPath()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "anvil.exe", "anvil.cmd" } : new[] { "anvil" };
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
