using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CreateOs.Hosting;
using CreateOs.Runner;

// Runs a PowerShell script in the hosted engine with the built CreateOs module imported, rendering its output through
// Out-Default like pwsh. Usage: dotnet run --project tools/CreateOs.Runner -- <script.ps1> [-Name value ...]
string? haltAfterJournal = null;
if (args.Length >= 2 && args[0] == JournalCrashPoint.Option)
{
    haltAfterJournal = args[1];
    args = args[2..];
}

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: CreateOs.Runner <script.ps1> [script arguments]");
    Console.WriteLine("       CreateOs.Runner -Command '<powershell>'");
    Console.WriteLine($"       CreateOs.Runner {JournalCrashPoint.Option} <PaymentState> ...   (crash trials: hang after that journal write)");
    return args.Length == 0 ? 2 : 0;
}

if (args.Length == 2 && args[0] == "--measure-import") return MeasureImport(args[1]);

var host = new TextHost(Console.Out, Console.IsOutputRedirected ? 160 : Math.Max(80, SafeWidth()));
var state = InitialSessionState.CreateDefault2();
if (OperatingSystem.IsWindows()) state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
using var runspace = RunspaceFactory.CreateRunspace(host, state);
runspace.Open();
using var shell = PowerShell.Create();
shell.Runspace = runspace;

shell.AddCommand("Import-Module").AddParameter("Name", ModuleLocator.BuiltManifest()).AddParameter("ErrorAction", "Stop");
shell.Invoke();
if (shell.HadErrors) return Fail(shell);
shell.Commands.Clear();
if (haltAfterJournal != null)
{
    try { JournalCrashPoint.Install(haltAfterJournal); }
    catch (ArgumentException ex) { Console.Error.WriteLine(ex.Message); return 2; }
}
if (Console.IsOutputRedirected)
{
    shell.AddScript("if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }").Invoke();
    shell.Commands.Clear();
}

if (args[0] == "-Command")
{
    shell.AddScript(string.Join(" ", args.Skip(1)));
}
else
{
    var script = Path.GetFullPath(args[0]);
    if (!File.Exists(script)) { Console.Error.WriteLine($"no such script: {script}"); return 2; }
    shell.AddCommand(script);
    AddScriptArguments(shell, args.Skip(1).ToArray());
}
// Like pwsh: errors, warnings, verbose and information are rendered in order with the output.
shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.All, PipelineResultTypes.Output);
shell.AddCommand("Out-Default");

Console.CancelKeyPress += (_, e) => { e.Cancel = true; shell.BeginStop(null, null); };
try
{
    shell.Invoke();
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
    return 1;
}
if (shell.InvocationStateInfo.State == PSInvocationState.Stopped) return 130;
return host.ExitCode ?? (shell.HadErrors || LastErrorSet(shell) ? 1 : 0);

static bool LastErrorSet(PowerShell shell)
{
    shell.Commands.Clear();
    var count = shell.AddScript("$Error.Count").Invoke<int>();
    return count.Count > 0 && count[0] > 0;
}

// For bench/CreateOs.Bench "import": times Import-Module of one manifest in this fresh process (which, like pwsh,
// has none of the module's assemblies loaded) after the engine itself is warm, and prints the milliseconds.
static int MeasureImport(string manifest)
{
    using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    runspace.Open();
    using var shell = PowerShell.Create();
    shell.Runspace = runspace;
    shell.AddScript("$null").Invoke();
    shell.Commands.Clear();
    shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop");
    var watch = System.Diagnostics.Stopwatch.StartNew();
    shell.Invoke();
    watch.Stop();
    Console.WriteLine(watch.Elapsed.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    return shell.HadErrors ? 1 : 0;
}

static void AddScriptArguments(PowerShell shell, string[] rest)
{
    for (var i = 0; i < rest.Length; i++)
    {
        if (rest[i].StartsWith('-') && rest[i].Length > 1)
        {
            var name = rest[i].TrimStart('-').TrimEnd(':');
            if (i + 1 < rest.Length && !rest[i + 1].StartsWith('-')) shell.AddParameter(name, rest[++i]);
            else shell.AddParameter(name);
        }
        else shell.AddArgument(rest[i]);
    }
}

static int Fail(PowerShell shell)
{
    foreach (var error in shell.Streams.Error) Console.Error.WriteLine(error);
    return 1;
}

static int SafeWidth()
{
    try { return Console.WindowWidth; } catch (IOException) { return 120; }
}
