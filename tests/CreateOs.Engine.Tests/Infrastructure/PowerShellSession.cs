using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using CreateOs.Hosting;

namespace CreateOs.Engine.Tests.Infrastructure;

/// <summary>
/// A real PowerShell engine (a runspace with a text host) with the BUILT module imported from out/CreateOs, so tests
/// exercise exactly what users install. Everything the host would show lands in <see cref="HostText"/>.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly StringWriter _hostOutput = new();

    /// <param name="width">The host's width in columns (what views are rendered to).</param>
    public PowerShellSession(bool importModule = true, int width = 140)
    {
        Host = new TextHost(_hostOutput, width);
        Runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        Runspace.Open();
        if (importModule)
        {
            Invoke("Import-Module $args[0] -ErrorAction Stop; if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }", ModuleLocator.BuiltManifest());
            Assert.Empty(Errors);
        }
    }

    public TextHost Host { get; }
    public Runspace Runspace { get; }
    public List<ErrorRecord> Errors { get; } = new();
    public List<WarningRecord> Warnings { get; } = new();
    public List<VerboseRecord> Verbose { get; } = new();
    public string HostText => _hostOutput.ToString();

    public static string ManifestPath => ModuleLocator.BuiltManifest();

    public void SetVariable(string name, object? value) => Runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Connects the runspace's default session to the sandbox with <paramref name="apiKey"/>.</summary>
    public void Connect(Uri apiUri, string apiKey)
    {
        SetVariable("__key", Secure(apiKey));
        Invoke("Connect-CreateOs -ApiKey $__key -ApiUri $args[0] -TimeoutSec 30", apiUri);
        Assert.Empty(Errors);
    }

    /// <summary>
    /// Creates a light keystore in a temp folder, connects it as the session's wallet and sets $walletPassword,
    /// $walletPath and $appFolder (a tiny static site) for scripts.
    /// </summary>
    public string ConnectTestWallet()
    {
        var folder = Directory.CreateTempSubdirectory("createos-test-").FullName;
        var app = Path.Combine(folder, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "index.html"), "<h1>hello from a test</h1>");
        SetVariable("walletPassword", Secure("test-password"));
        SetVariable("walletPath", Path.Combine(folder, "wallet.json"));
        SetVariable("appFolder", app);
        SetVariable("journalFolder", Path.Combine(folder, "journal"));
        Invoke("(Get-CreateOsContext).PaymentJournalDirectory = $journalFolder");
        Invoke("New-CreateOsWallet -Path $walletPath -Password $walletPassword -Light -Connect -Confirm:$false | Out-Null");
        Assert.Empty(Errors);
        return Path.Combine(folder, "wallet.json");
    }

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>Runs a script; non-terminating errors are collected in <see cref="Errors"/>, terminating ones throw.</summary>
    public Collection<PSObject> Invoke(string script, params object?[] args)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        shell.AddScript(script);
        foreach (var arg in args) shell.AddArgument(arg);
        Collection<PSObject> results;
        try
        {
            results = shell.Invoke();
        }
        finally
        {
            Errors.AddRange(shell.Streams.Error);
            Warnings.AddRange(shell.Streams.Warning);
            Verbose.AddRange(shell.Streams.Verbose);
        }
        return results;
    }

    /// <summary>Runs a script and returns what a pwsh user would see on screen (Out-Default through the host).</summary>
    public string Render(string script, params object?[] args)
    {
        var before = _hostOutput.GetStringBuilder().Length;
        Invoke("& { " + script + " } @args | Out-Default", args);
        return _hostOutput.ToString().Substring(before);
    }

    public void Dispose()
    {
        Runspace.Dispose();
        _hostOutput.Dispose();
    }
}
