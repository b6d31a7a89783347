using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;

namespace CreateOs.Bench;

/// <summary>What the benches that drive the module in a hosted engine share: running a script, a secure key, the machine's load.</summary>
internal static class EngineBench
{
    /// <summary>Runs <paramref name="script"/> in <paramref name="runspace"/>; any error stops the bench.</summary>
    public static Collection<PSObject> Run(Runspace runspace, string script, params object[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        foreach (var arg in args) shell.AddArgument(arg);
        var output = shell.Invoke();
        if (shell.HadErrors)
            throw new InvalidOperationException($"'{script}' failed: {string.Join("; ", shell.Streams.Error.Select(e => e.ToString()))}");
        return output;
    }

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>The machine's 1-minute load average where the OS tells it (shared machines make timings noisy).</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
