using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace CreateOs.Sandbox.Chains;

/// <summary>How to start a local anvil node.</summary>
public sealed record AnvilStartOptions
{
    public long ChainId { get; init; } = 31337;

    /// <summary>anvil executable; null → <see cref="AnvilLocator"/> (CREATEOS_ANVIL, node_modules, PATH).</summary>
    public string? AnvilPath { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Initial base fee in wei. The default 0.01 gwei is Arbitrum's floor, so fees look like an L2's rather than
    /// mainnet's. Null keeps anvil's own default.
    /// </summary>
    public BigInteger? BaseFeeWei { get; init; } = 10_000_000;

    /// <summary>Passed to anvil after the sandbox's own arguments (e.g. "--hardfork", "cancun").</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The process whose death makes anvil exit (Unix). Null → this process. Tests point it at a throwaway process.
    /// </summary>
    internal int? WatchdogParentProcessId { get; init; }
}

/// <summary>
/// A local EVM node: an anvil process this object started (and kills on dispose), or a node it attached to by URL
/// (left running on dispose). Mining is automatic: every transaction is mined in its own block at once.
/// </summary>
public sealed class AnvilChain : IAsyncDisposable
{
    // Registered once: kills every anvil still owned by this process when it exits normally or on SIGTERM.
    // A hard kill of this process is covered by the Unix watchdog wrapper (WatchdogScript) or the Windows job object.
    private static readonly ConcurrentDictionary<AnvilChain, byte> OwnedChains = new();
    private static int _processExitHookInstalled;

    // Runs anvil as a background job and exits as soon as either anvil exits or the parent process disappears.
    // $1 = parent pid, $2… = anvil and its arguments. The first stdout line tells us anvil's own pid.
    private const string WatchdogScript =
        """
        parent=$1; shift
        "$@" &
        child=$!
        echo "anvil-pid:$child"
        ( while kill -0 "$parent" 2>/dev/null; do sleep 1; done; kill "$child" 2>/dev/null ) &
        watcher=$!
        trap 'kill "$child" 2>/dev/null' TERM INT HUP
        wait "$child"; status=$?
        kill "$watcher" 2>/dev/null
        exit $status
        """;

    private const int OutputLinesKept = 40;

    private readonly Process? _process;
    private readonly ConcurrentQueue<string> _recentOutput = new();
    private readonly TaskCompletionSource<int> _anvilPidReported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private AnvilChain(string rpcUrl, long chainId, Process? process)
    {
        RpcUrl = rpcUrl;
        ChainId = chainId;
        Rpc = new ChainRpcClient(rpcUrl);
        _process = process;
    }

    public string RpcUrl { get; }

    public long ChainId { get; }

    public ChainRpcClient Rpc { get; }

    /// <summary>True when this object started the anvil process (and will kill it on dispose).</summary>
    public bool IsOwned => _process is not null;

    /// <summary>The pid of the anvil process itself when known, else of the process we launched; null when attached.</summary>
    public int? ProcessId => _process is null ? null : _anvilPidReported.Task.IsCompletedSuccessfully ? _anvilPidReported.Task.Result : SafeProcessId(_process);

    /// <summary>The last lines anvil (or its wrapper) wrote, for diagnostics.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _recentOutput);

    /// <summary>Starts anvil and waits until it answers eth_chainId with the expected chain id.</summary>
    public static async Task<AnvilChain> StartAsync(AnvilStartOptions options, CancellationToken cancellationToken = default)
    {
        var anvilPath = AnvilLocator.Locate(options.AnvilPath);
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FindFreePort(options.Host);
            var chain = Launch(anvilPath, options, port);
            try
            {
                await chain.WaitUntilReadyAsync(options.ChainId, options.StartupTimeout, cancellationToken).ConfigureAwait(false);
                // The wrapper reports anvil's pid before anvil listens; give the output reader a moment to deliver it.
                await Task.WhenAny(chain._anvilPidReported.Task, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)).ConfigureAwait(false);
                return chain;
            }
            catch (AnvilStartException) when (options.Port == 0 && attempt < attempts && chain.RecentOutput.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                // Another process took the free port between our probe and anvil's bind: try another one.
                await chain.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await chain.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Uses a node that is already running (e.g. an anvil started by docker compose). Waits up to
    /// <paramref name="timeout"/> for it to answer, and checks its chain id when <paramref name="expectedChainId"/> is given.
    /// </summary>
    public static async Task<AnvilChain> AttachAsync(string rpcUrl, long? expectedChainId = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"Not an http(s) RPC URL: '{rpcUrl}'.", nameof(rpcUrl));

        var probe = new AnvilChain(rpcUrl, expectedChainId ?? 0, process: null);
        try
        {
            var chainId = await probe.WaitUntilReadyAsync(expectedChainId, timeout ?? TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (expectedChainId is not null) return probe;
            await probe.DisposeAsync().ConfigureAwait(false);
            return new AnvilChain(rpcUrl, chainId, process: null);
        }
        catch
        {
            await probe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        OwnedChains.TryRemove(this, out _);
        if (_process is not null)
        {
            KillProcessTree();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Already asked to die with SIGKILL; nothing more we can do.
            }
            _process.Dispose();
        }
        Rpc.Dispose();
    }

    private static AnvilChain Launch(string anvilPath, AnvilStartOptions options, int port)
    {
        var anvilArguments = new List<string>
        {
            "--host", options.Host,
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", options.ChainId.ToString(CultureInfo.InvariantCulture),
            "--silent",
        };
        // Not --disable-min-priority-fee: anvil 1.7 then still fills eth_sendTransaction with a 1 gwei tip above the
        // lowered max fee and rejects its own transaction. Wallets therefore pay base fee + 1 gwei, still cheap.
        if (options.BaseFeeWei is { } baseFee)
            anvilArguments.AddRange(["--base-fee", baseFee.ToString(CultureInfo.InvariantCulture)]);
        anvilArguments.AddRange(options.ExtraArguments);

        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };

        var useWatchdog = !OperatingSystem.IsWindows() && File.Exists("/bin/sh");
        if (useWatchdog)
        {
            startInfo.FileName = "/bin/sh";
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(WatchdogScript);
            startInfo.ArgumentList.Add("createos-anvil-watchdog");
            startInfo.ArgumentList.Add((options.WatchdogParentProcessId ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture));
            startInfo.ArgumentList.Add(anvilPath);
        }
        else
        {
            startInfo.FileName = anvilPath;
        }
        foreach (var argument in anvilArguments) startInfo.ArgumentList.Add(argument);

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var chain = new AnvilChain($"http://{FormatHost(options.Host)}:{port}", options.ChainId, process);
        process.OutputDataReceived += (_, e) => chain.OnOutputLine(e.Data, fromStdout: true);
        process.ErrorDataReceived += (_, e) => chain.OnOutputLine(e.Data, fromStdout: false);

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            chain.Rpc.Dispose();
            throw new AnvilNotFoundException($"Could not start anvil at '{anvilPath}': {e.Message}.", e);
        }

        // Read both pipes asynchronously from the start so a chatty anvil can never block on a full pipe.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!useWatchdog) chain._anvilPidReported.TrySetResult(process.Id);
        if (OperatingSystem.IsWindows()) WindowsKillOnCloseJob.TryAssign(process);

        EnsureProcessExitHook();
        OwnedChains.TryAdd(chain, 0);
        return chain;
    }

    private void OnOutputLine(string? line, bool fromStdout)
    {
        if (line is null) return;
        if (fromStdout && line.StartsWith("anvil-pid:", StringComparison.Ordinal)
            && int.TryParse(line.AsSpan("anvil-pid:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            _anvilPidReported.TrySetResult(pid);
            return;
        }
        _recentOutput.Enqueue(line);
        while (_recentOutput.Count > OutputLinesKept && _recentOutput.TryDequeue(out _)) { }
    }

    /// <summary>Polls eth_chainId until it answers; returns the chain id.</summary>
    private async Task<long> WaitUntilReadyAsync(long? expectedChainId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var probeClient = new ChainRpcClient(RpcUrl, TimeSpan.FromSeconds(2));
        string lastError = "no answer yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process is { HasExited: true })
            {
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false); // flushes the output events
                var exitCode = _process.ExitCode;
                var output = RecentOutput;
                if (exitCode is 126 or 127)
                    throw new AnvilNotFoundException($"anvil could not be executed (exit code {exitCode}): {output}");
                throw new AnvilStartException($"anvil exited with code {exitCode} before answering at {RpcUrl}." + (output.Length > 0 ? $" Output:{Environment.NewLine}{output}" : ""));
            }

            try
            {
                var chainId = await probeClient.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
                if (expectedChainId is { } expected && chainId != expected)
                    throw new AnvilStartException($"The node at {RpcUrl} reports chain id {chainId}, expected {expected}.");
                return chainId;
            }
            catch (ChainRpcException e)
            {
                lastError = e.RpcMessage;
            }

            if (stopwatch.Elapsed > timeout)
            {
                var what = IsOwned ? $"anvil (started as pid {ProcessId})" : "The node";
                throw new AnvilStartException(
                    $"{what} did not answer eth_chainId at {RpcUrl} within {timeout.TotalSeconds:0} s (last error: {lastError}). " +
                    (IsOwned ? AnvilNotFoundException.InstallHint : "Check that the node is running and the URL is right."));
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private void KillProcessTree()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // Already gone or not ours to kill any more.
        }

        // Belt and braces: if the wrapper died first, anvil may no longer be in its tree.
        if (_anvilPidReported.Task.IsCompletedSuccessfully)
        {
            try
            {
                using var anvil = Process.GetProcessById(_anvilPidReported.Task.Result);
                if (!anvil.HasExited && anvil.ProcessName.Contains("anvil", StringComparison.OrdinalIgnoreCase)) anvil.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception)
            {
                // Not running: the normal case.
            }
        }
    }

    private static void EnsureProcessExitHook()
    {
        if (Interlocked.Exchange(ref _processExitHookInstalled, 1) != 0) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var chain in OwnedChains.Keys) chain.KillProcessTree();
        };
    }

    private static int FindFreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FormatHost(string host) =>
        host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "::" => "[::1]",
            _ when host.Contains(':') && !host.StartsWith('[') => $"[{host}]",
            _ => host,
        };

    private static int? SafeProcessId(Process process)
    {
        try { return process.Id; }
        catch (InvalidOperationException) { return null; }
    }
}

/// <summary>anvil started but did not become ready, or a node answered with the wrong chain id.</summary>
public sealed class AnvilStartException(string message) : Exception(message);
