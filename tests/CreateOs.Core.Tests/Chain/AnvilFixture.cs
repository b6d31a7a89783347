using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CreateOs.Core.Chain;

namespace CreateOs.Core.Tests.Chain;

/// <summary>Starts a private anvil (chain id 42161) on a free port for the test class and kills it afterwards.</summary>
public sealed class AnvilFixture : IDisposable
{
    public const string Account0Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const ulong ChainId = 42161;

    private readonly Process _process;

    public AnvilFixture()
    {
        string anvil = Path.Combine(RepoRoot(), "node_modules", ".bin", "anvil");
        if (!File.Exists(anvil)) throw new FileNotFoundException("anvil not installed (npm install)", anvil);
        Port = FreePort();
        var start = new ProcessStartInfo(anvil, $"--port {Port} --chain-id {ChainId} --silent")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Rpc = new EthRpcClient(Http, new Uri($"http://127.0.0.1:{Port}"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (Rpc.GetChainIdAsync().GetAwaiter().GetResult() == ChainId) break;
            }
            catch (EthRpcException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    public int Port { get; }
    public HttpClient Http { get; }
    public EthRpcClient Rpc { get; }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
        Http.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CreateOs.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("CreateOs.sln");
    }
}
