using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using CreateOs.Core.Api;
using CreateOs.Core.Chain;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using Newtonsoft.Json.Linq;

namespace CreateOs.Bench;

/// <summary>
/// Issue 11, items 10–12: peak memory (VmHWM) and time of the module's HTTP, RPC and paging code against a hostile
/// local server, each case in a fresh child process. Baselines in the same run: a tiny answer (the floor), and the
/// pre-issue-11 way of reading the same hostile answers (buffer the whole body, keep it in the error, parse every item).
/// </summary>
public sealed class BoundedInputBenchmark : IBenchmark
{
    private const string ChildFlag = "--case";
    private const long ErrorBodyBytes = 200L * 1024 * 1024;
    private const int ListItems = 1_000_000;
    private const string ListItem = "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"uniqueName\":\"some-project\",\"displayName\":\"Some project\",\"type\":\"vcs\",\"status\":\"active\"}";

    public string Name => "bounded";
    public string Description => "hostile answers (200 MB 402, 1M-item list, total=int.MaxValue paging, hanging RPC, stalled body): peak RSS and time per child process vs the buffering baseline";

    private static readonly (string Case, string What)[] Cases =
    {
        ("floor", "a tiny answer (the process's floor)"),
        ("error402", "200 MB non-JSON 402 through the API client"),
        ("error402-buffered", "baseline: the same 402 buffered whole and kept in the error (before issue 11)"),
        ("list", "1M-item REST list (~128 MB), asking for 20"),
        ("list-buffered", "baseline: the same list buffered, parsed and every item read (before issue 11)"),
        ("paging", "-All over a server claiming total 2147483647 that repeats its page"),
        ("rpc-hang", "chain RPC that accepts and never answers (RpcTimeout 2 s)"),
        ("receipt-deadline", "receipt wait (deadline 1 s) on an RPC that never answers (RpcTimeout 1 h)"),
        ("stall", "API answer whose body stalls after the headers (timeout 2 s)"),
    };

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 2 && args[0] == ChildFlag) return await RunCaseAsync(args[1]);
        var only = args.Length > 0 ? args[0] : null;
        var results = new Dictionary<string, (double PeakMb, double Ms, string Note)>();
        foreach (var (name, what) in Cases.Where(c => only is null || c.Case == only || c.Case == "floor"))
        {
            var (peak, ms, note) = await RunChildAsync(name);
            results[name] = (peak, ms, note);
            Console.WriteLine($"  {name,-18} peak RSS {peak,8:0.0} MB  time {ms,8:0} ms  {note}   ({what})");
        }
        double Ratio(string a, string b) => results.TryGetValue(a, out var x) && results.TryGetValue(b, out var y) ? (x.PeakMb - results["floor"].PeakMb) / Math.Max(1, y.PeakMb - results["floor"].PeakMb) : double.NaN;
        Console.WriteLine($"Memory above the floor, bounded / buffered: 402 {Ratio("error402", "error402-buffered"):0.000}, list {Ratio("list", "list-buffered"):0.000}");
        return 0;
    }

    private static async Task<(double PeakMb, double Ms, string Note)> RunChildAsync(string name)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        start.ArgumentList.Add("bounded");
        start.ArgumentList.Add(ChildFlag);
        start.ArgumentList.Add(name);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (line is null) return (double.NaN, double.NaN, "failed: " + (error + output).Trim());
        var parts = line.Split(' ', 4);
        return (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture), parts.Length > 3 ? parts[3] : "");
    }

    private static async Task<int> RunCaseAsync(string name)
    {
        using var server = new HostileServer();
        var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = Timeout.InfiniteTimeSpan };
        var api = new JsonApiClient(http, server.BaseUri, null, "bench", TimeSpan.FromSeconds(100), new RetryPolicy(1));
        var watch = Stopwatch.StartNew();
        string note;
        object? kept = null; // what a PowerShell session would keep ($Error, the output)
        switch (name)
        {
            case "floor":
                note = (await api.SendAsync(new ApiRequest(HttpMethod.Get, "small"), CancellationToken.None)).Payload?.ToString() ?? "";
                break;
            case "error402":
                try { await api.SendAsync(new ApiRequest(HttpMethod.Post, "error402"), CancellationToken.None); note = "no error?"; }
                catch (ApiException ex) { kept = ex; note = $"HTTP {ex.Status}, error keeps {ex.RawBody?.Length ?? 0} chars, message {ex.Message.Length} chars"; }
                break;
            case "error402-buffered":
            {
                using var response = await http.PostAsync(new Uri(server.BaseUri, "error402"), new StringContent(""));
                var raw = await response.Content.ReadAsStringAsync();
                kept = new ApiException(ApiFailureKind.ServiceError, "buffered") { RawBody = raw };
                note = $"HTTP {(int)response.StatusCode}, error keeps {raw.Length} chars";
                break;
            }
            case "list":
                try
                {
                    var page = await new CreateOsClient(api).Projects.ListPageAsync(new ProjectFilter(), 0, 20, CancellationToken.None);
                    note = $"{page.Items.Count} items";
                }
                catch (ApiException ex) { kept = ex; note = "refused: " + ex.Message[..Math.Min(90, ex.Message.Length)]; }
                break;
            case "list-buffered":
            {
                using var response = await http.GetAsync(new Uri(server.BaseUri, "list"));
                var raw = await response.Content.ReadAsStringAsync();
                var body = JToken.Parse(raw);
                var items = ((JArray)body["data"]!["data"]!).Select(i => i.ToObject<Project>(Json.Serializer)!).ToList();
                kept = items.Take(20).ToList();
                note = $"{items.Count} items parsed to show 20";
                break;
            }
            case "paging":
            {
                var client = new CreateOsClient(api);
                var warnings = new List<string>();
                long delivered = 0;
                await CreateOsClient.WalkPagesAsync<Project>((o, l, ct) => client.GetPageAsync<Project>(new ApiRequest(HttpMethod.Get, "page").WithQuery("offset", o).WithQuery("limit", l), o, ct),
                    0, null, items => delivered += items.Count, CancellationToken.None, warnings.Add);
                note = $"{server.Requests("page")} requests, {delivered} items, warning: {warnings.FirstOrDefault()?[..60]}…";
                break;
            }
            case "rpc-hang":
                try { await new EthRpcClient(http, new Uri(server.BaseUri, "hang"), TimeSpan.FromSeconds(2)).GetChainIdAsync(); note = "answered?"; }
                catch (RpcTimeoutException ex) { note = ex.Message; }
                break;
            case "receipt-deadline":
            {
                var waited = await new ReceiptWaiter(new EthRpcClient(http, new Uri(server.BaseUri, "hang"), TimeSpan.FromHours(1))).WaitAsync("0x" + new string('1', 64), TimeSpan.FromSeconds(1));
                note = "receipt wait: " + waited.Status;
                break;
            }
            case "stall":
                try
                {
                    await new JsonApiClient(http, server.BaseUri, null, "bench", TimeSpan.FromSeconds(2), new RetryPolicy(1)).SendAsync(new ApiRequest(HttpMethod.Get, "stall"), CancellationToken.None);
                    note = "answered?";
                }
                catch (ApiException ex) { note = ex.Kind + ": " + ex.Message; }
                break;
            default:
                Console.Error.WriteLine("unknown case " + name);
                return 2;
        }
        watch.Stop();
        GC.KeepAlive(kept);
        Console.WriteLine(FormattableString.Invariant($"RESULT {PeakRssMb():0.0} {watch.Elapsed.TotalMilliseconds:0} {note}"));
        return 0;
    }

    /// <summary>The process's peak resident set (VmHWM) in MB; the peak working set elsewhere.</summary>
    private static double PeakRssMb()
    {
        if (File.Exists("/proc/self/status"))
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line != null) return double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024;
    }

    /// <summary>A raw HTTP/1.1 server on 127.0.0.1 whose answers are made up on the fly, never held in memory.</summary>
    private sealed class HostileServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Dictionary<string, int> _requests = new();

        public HostileServer()
        {
            _listener.Start();
            BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = Task.Run(AcceptAsync);
        }

        public Uri BaseUri { get; }

        public int Requests(string path) { lock (_requests) return _requests.GetValueOrDefault(path); }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
                catch (Exception) { return; }
                _ = Task.Run(() => ServeAsync(socket));
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using var _ = socket;
            using var stream = new NetworkStream(socket);
            try
            {
                while (true)
                {
                    var head = await ReadHeadAsync(stream);
                    if (head is null) return;
                    var path = head.Split(' ')[1].TrimStart('/').Split('?')[0];
                    lock (_requests) _requests[path] = _requests.GetValueOrDefault(path) + 1;
                    switch (path)
                    {
                        case "small":
                            await WriteAsync(stream, 200, "{\"status\":\"success\",\"data\":\"ok\"}");
                            break;
                        case "error402":
                            await StreamAsync(stream, "402 Payment Required", "text/html", "<html>", "payment required! ", ErrorBodyBytes / 17, "</html>", declareLength: true);
                            break;
                        case "list":
                        case "v1/projects":
                            // No Content-Length: the body runs until the connection closes, so only a cap while streaming can stop it.
                            await StreamAsync(stream, "200 OK", "application/json", "{\"status\":\"success\",\"data\":{\"data\":[", ListItem + ",", ListItems - 1, ListItem + "],\"pagination\":{\"total\":1000000,\"limit\":20,\"offset\":0}}}", declareLength: false);
                            return;
                        case "page":
                            await WriteAsync(stream, 200, "{\"status\":\"success\",\"data\":{\"data\":[" + string.Join(",", Enumerable.Range(0, 20).Select(i => ListItem.Replace("000000000000\"", $"{i:000000000000}\""))) + "],\"pagination\":{\"total\":2147483647,\"limit\":20,\"offset\":0}}}");
                            break;
                        case "stall":
                            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\":"));
                            await Task.Delay(Timeout.Infinite, _stop.Token);
                            return;
                        default: // hang
                            await Task.Delay(Timeout.Infinite, _stop.Token);
                            return;
                    }
                }
            }
            catch (Exception) { /* the client hung up: that is the point */ }
        }

        private static async Task<string?> ReadHeadAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one) == 0) return null;
                head.Append((char)one[0]);
            }
            var text = head.ToString();
            var length = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var remaining = length is null ? 0 : int.Parse(length.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
            var body = new byte[Math.Max(1, remaining)];
            while (remaining > 0) remaining -= await stream.ReadAsync(body.AsMemory(0, remaining));
            return text;
        }

        private static Task WriteAsync(NetworkStream stream, int status, string json)
        {
            var body = Encoding.UTF8.GetBytes(json);
            return stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n").Concat(body).ToArray()).AsTask();
        }

        private static async Task StreamAsync(NetworkStream stream, string status, string type, string head, string repeat, long count, string tail, bool declareLength)
        {
            var repeatBytes = Encoding.UTF8.GetBytes(repeat);
            var length = Encoding.UTF8.GetByteCount(head) + repeatBytes.Length * count + Encoding.UTF8.GetByteCount(tail);
            var framing = declareLength ? $"Content-Length: {length}" : "Connection: close";
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: {type}\r\n{framing}\r\n\r\n{head}"));
            var chunk = new byte[repeatBytes.Length * Math.Max(1, 65536 / repeatBytes.Length)];
            for (var i = 0; i < chunk.Length; i++) chunk[i] = repeatBytes[i % repeatBytes.Length];
            var perChunk = chunk.Length / repeatBytes.Length;
            for (long sent = 0; sent < count; sent += perChunk)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(perChunk, count - sent) * repeatBytes.Length));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(tail));
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
