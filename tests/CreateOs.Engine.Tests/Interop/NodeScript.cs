using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CreateOs.Engine.Tests.Interop;

/// <summary>
/// Runs one of the reference-implementation scripts of <c>tests/interop</c> (mppx, @x402/*, installed by npm from the
/// repository's package.json) with Node.js: a client to completion (its one <c>RESULT {json}</c> line), or a gateway
/// server until disposed (its <c>LISTENING port</c> line, then its <c>SETTLED {json}</c> lines).
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeScript(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data is null ? null : "stderr: " + e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"{script} exited ({_process.ExitCode}) before listening:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Folder => Path.Combine(Infrastructure.Repo.Root, "tests", "interop");

    public string Output
    {
        get { lock (_output) return string.Join("\n", _output); }
    }

    /// <summary>The JSON of every line that starts with <paramref name="tag"/>.</summary>
    public IReadOnlyList<JsonObject> Lines(string tag)
    {
        lock (_output)
            return _output.Where(l => l.StartsWith(tag + " ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[(tag.Length + 1)..])!.AsObject()).ToList();
    }

    /// <summary>Runs a client script to its end (at most <paramref name="timeout"/>) and returns its RESULT.</summary>
    public static async Task<JsonObject> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        await using var node = new NodeScript(script, arguments);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await node._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{script} did not finish in {timeout.TotalSeconds} s:\n{node.Output}");
        }
        node._process.WaitForExit(); // drains the redirected streams
        var result = node.Lines("RESULT").SingleOrDefault() ?? throw new InvalidOperationException($"{script} reported no RESULT:\n{node.Output}");
        Assert.True(result["error"] is null, $"{script} failed:\n{node.Output}");
        return result;
    }

    /// <summary>Starts a gateway script and waits until it listens; returns it with its base URI.</summary>
    public static async Task<(NodeScript Server, Uri BaseUri)> StartServerAsync(string script, params string[] arguments)
    {
        var node = new NodeScript(script, arguments);
        try
        {
            var port = await node._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return (node, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (line.StartsWith("LISTENING ", StringComparison.Ordinal) && int.TryParse(line[10..], out var port)) _listening.TrySetResult(port);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        _process.Dispose();
    }
}
