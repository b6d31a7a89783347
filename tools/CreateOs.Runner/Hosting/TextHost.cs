using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CreateOs.Hosting;

/// <summary>
/// A PowerShell host whose UI writes to a TextWriter: the console for the runner, a buffer for tests. Out-Default
/// renders format views and help through it exactly as pwsh does. It never prompts: reads fail, so a script that
/// would wait for input fails instead of hanging.
/// </summary>
public sealed class TextHost : PSHost
{
    private readonly TextHostUserInterface _ui;
    private readonly Guid _id = Guid.NewGuid();

    public TextHost(TextWriter output, int width = 120)
    {
        _ui = new TextHostUserInterface(output, width);
    }

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.GetCultureInfo("en-US");
    public override Guid InstanceId => _id;
    public override string Name => "CreateOsTextHost";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public int? ExitCode { get; private set; }
    /// <summary>Everything Write-Progress reported, for tests.</summary>
    public IReadOnlyList<ProgressRecord> Progress => _ui.Progress;

    /// <summary>
    /// Tests only: answers for confirmation prompts, in order (0 = the first choice, "Yes"). While it holds answers the
    /// host answers prompts from it and records them in <see cref="Prompts"/>; when it is empty, prompting fails as usual.
    /// </summary>
    public Queue<int> ChoiceAnswers => _ui.ChoiceAnswers;

    /// <summary>Every prompt answered from <see cref="ChoiceAnswers"/>: caption and message.</summary>
    public IReadOnlyList<(string Caption, string Message)> Prompts => _ui.Prompts;

    public override void EnterNestedPrompt() => throw new NotSupportedException("nested prompts are not supported");
    public override void ExitNestedPrompt() => throw new NotSupportedException("nested prompts are not supported");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}

internal sealed class TextHostUserInterface : PSHostUserInterface
{
    private readonly TextWriter _output;
    private readonly TextHostRawUserInterface _raw;
    private readonly List<ProgressRecord> _progress = new();

    public TextHostUserInterface(TextWriter output, int width)
    {
        _output = output;
        _raw = new TextHostRawUserInterface(width);
    }

    public IReadOnlyList<ProgressRecord> Progress { get { lock (_progress) return _progress.ToList(); } }
    public Queue<int> ChoiceAnswers { get; } = new();
    private readonly List<(string Caption, string Message)> _prompts = new();
    public IReadOnlyList<(string Caption, string Message)> Prompts { get { lock (_prompts) return _prompts.ToList(); } }
    public override PSHostRawUserInterface RawUI => _raw;

    // The formatter styles labels and headers with ANSI sequences even when output is plain text; a text host shows text.
    private static readonly System.Text.RegularExpressions.Regex AnsiSequence = new("\u001b\\[[0-9;?]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static string Plain(string value) => value.IndexOf('\u001b') < 0 ? value : AnsiSequence.Replace(value, "");

    public override void Write(string value) => _output.Write(Plain(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _output.Write(Plain(value));
    public override void WriteLine(string value) => _output.WriteLine(Plain(value));
    public override void WriteErrorLine(string value) => _output.WriteLine(Plain(value));
    public override void WriteDebugLine(string message) => _output.WriteLine("DEBUG: " + message);
    public override void WriteVerboseLine(string message) => _output.WriteLine("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => _output.WriteLine("WARNING: " + message);
    public override void WriteInformation(InformationRecord record) => _output.WriteLine(record.ToString());

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        lock (_progress) _progress.Add(record);
    }

    public override string ReadLine() => throw new PSInvalidOperationException("This host cannot read input; pass values as parameters (for example -Confirm:$false).");
    public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("This host cannot read input; pass secrets as parameters.");
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new PSInvalidOperationException($"This host cannot prompt ({caption}); pass the values as parameters.");
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        lock (_prompts)
        {
            if (ChoiceAnswers.Count > 0)
            {
                _prompts.Add((caption, message));
                return ChoiceAnswers.Dequeue();
            }
        }
        throw new PSInvalidOperationException($"This host cannot ask '{message}'; use -Confirm:$false or -Force to proceed, or -WhatIf to preview.");
    }
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PSInvalidOperationException("This host cannot prompt for credentials; pass -Credential.");
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new PSInvalidOperationException("This host cannot prompt for credentials; pass -Credential.");
}

internal sealed class TextHostRawUserInterface : PSHostRawUserInterface
{
    private readonly int _width;

    public TextHostRawUserInterface(int width) => _width = width;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get => new(_width, 9999); set { } }
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(_width, 100);
    public override Size MaxWindowSize => new(_width, 100);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => new(_width, 100); set { } }
    public override string WindowTitle { get; set; } = "CreateOs";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new PSInvalidOperationException("This host cannot read keys.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
