using System.Diagnostics;
using CreateOs.Hosting;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>Runs the built tools/CreateOs.ModuleTools (same configuration as the tests) in a child process.</summary>
internal static class ModuleTools
{
    public static string RepoRoot => ModuleLocator.RepoRoot();
    public static string ModuleFolder => Path.GetDirectoryName(ModuleLocator.BuiltManifest())!;
    public static string Docs => Path.Combine(RepoRoot, "docs", "en-US");

    public static string ToolPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Debug/") ? "Debug" : "Release";
            foreach (var candidate in new[] { configuration, configuration == "Release" ? "Debug" : "Release" })
            {
                var path = Path.Combine(RepoRoot, "tools", "CreateOs.ModuleTools", "bin", candidate, "net10.0", "CreateOs.ModuleTools.dll");
                if (File.Exists(path)) return path;
            }
            throw new FileNotFoundException("tools/CreateOs.ModuleTools is not built. Run: dotnet build CreateOs.sln -c Release");
        }
    }

    /// <summary>One plain probe-import (import, create a wallet, list the loaded dependencies) shared by the tests that read it.</summary>
    public static (int ExitCode, string Output) PlainImportProbe => PlainProbe.Value;

    private static readonly Lazy<(int, string)> PlainProbe = new(() => Run(TimeSpan.FromMinutes(2), "probe-import"));

    public static (int ExitCode, string Output) Run(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"CreateOs.ModuleTools {string.Join(' ', args)} did not finish in {timeout}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
