using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CreateOs.Core.Api;
using CreateOs.Core.Chain;
using CreateOs.Core.Http;
using CreateOs.Core.Models;

namespace CreateOs.Core.Tests.Http;

/// <summary>
/// Issue 11, items 10, 11 and 14, replayed against fake servers: answers that never end or never come, bodies of
/// hundreds of megabytes, and server text carrying terminal escapes. Every call stays bounded in time and memory, and
/// nothing a server says reaches a message with a control character in it.
/// </summary>
public class HostileServerTests
{
    private const long Slack = 256 * 1024; // one read's worth beyond a cap, at most

    private static (JsonApiClient Client, FakeHandler Handler) Client(TimeSpan? timeout = null, int maxAttempts = 1)
    {
        var handler = new FakeHandler();
        var client = new JsonApiClient(new HttpClient(handler), new Uri("https://api.example.test"), null, "CreateOs/test", timeout ?? TimeSpan.FromSeconds(30), new RetryPolicy(maxAttempts, seed: 1))
        {
            Delay = (_, _) => Task.CompletedTask,
        };
        return (client, handler);
    }

    // ---- item 11: every body capped while streaming ----

    [Fact]
    public async Task A_200_MB_non_json_402_is_read_only_to_64_KiB_and_its_error_stays_small()
    {
        var (client, handler) = Client();
        var body = HostileContent.Of("<html>", "payment required! ", 200L * 1024 * 1024 / 17, "</html>");
        handler.Respond(402, null, r => r.Content = body);
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Post, "agent/deploy"), CancellationToken.None));
        Assert.Equal(402, ex.Status);
        Assert.True(body.Produced <= BoundedBody.MaxErrorBodyBytes + Slack, $"read {body.Produced} bytes of a {body.Length}-byte error");
        Assert.True(ex.RawBody!.Length <= BoundedBody.MaxErrorBodyBytes, $"the error keeps {ex.RawBody.Length} characters");
        Assert.True(ex.Message.Length <= 1000, $"the message is {ex.Message.Length} characters");
    }

    [Fact]
    public async Task An_endless_success_body_is_cut_at_the_cap_while_streaming()
    {
        var (client, handler) = Client();
        client.MaxResponseBytes = 1024 * 1024;
        var body = HostileContent.Of("{\"status\":\"success\",\"data\":[", "{\"id\":\"x\"},", long.MaxValue);
        handler.Respond(200, null, r => r.Content = body);
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/projects"), CancellationToken.None));
        Assert.Equal(ApiFailureKind.InvalidResponse, ex.Kind);
        Assert.Contains("larger than 1 MiB", ex.Message);
        Assert.Contains("https://api.example.test/v1/projects", ex.Message);
        Assert.True(body.Produced <= 1024 * 1024 + Slack, $"read {body.Produced} bytes");
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_without_reading_the_body()
    {
        var (client, handler) = Client();
        var body = HostileContent.Of("[", "1,", 20_000_000, "1]", declareLength: true);
        handler.Respond(200, null, r => r.Content = body);
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/projects"), CancellationToken.None));
        Assert.Contains("declared", ex.Message);
        Assert.Equal(0, body.Produced);
    }

    [Fact]
    public async Task A_rest_list_of_a_million_items_is_refused_at_the_cap_instead_of_taking_gigabytes()
    {
        var (client, handler) = Client();
        var item = "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"uniqueName\":\"some-project\",\"displayName\":\"Some project\",\"type\":\"vcs\",\"status\":\"active\"},";
        var body = HostileContent.Of("{\"status\":\"success\",\"data\":{\"data\":[", item, 1_000_000, "{}],\"pagination\":{\"total\":1000001,\"limit\":20,\"offset\":0}}}");
        handler.Respond(200, null, r => r.Content = body);
        var api = new CreateOsClient(client);
        var ex = await Assert.ThrowsAsync<ApiException>(() => api.Projects.ListPageAsync(new ProjectFilter(), 0, 20, CancellationToken.None));
        Assert.Equal(ApiFailureKind.InvalidResponse, ex.Kind);
        Assert.True(body.Produced <= BoundedBody.DefaultMaxResponseBytes + Slack, $"read {body.Produced} of {body.Length} bytes");
    }

    [Fact]
    public async Task An_rpc_answer_over_the_cap_is_cut_while_streaming()
    {
        var handler = new FakeHandler();
        var body = HostileContent.Of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x", "00", long.MaxValue);
        handler.Respond(200, null, r => r.Content = body);
        var rpc = new EthRpcClient(new HttpClient(handler), new Uri("https://rpc.example.test/key-in-path"), maxResponseBytes: 512 * 1024);
        var ex = await Assert.ThrowsAsync<EthRpcException>(() => rpc.GetChainIdAsync());
        Assert.Contains("larger than 512 KiB", ex.Message);
        Assert.DoesNotContain("key-in-path", ex.Message);
        Assert.True(body.Produced <= 512 * 1024 + Slack, $"read {body.Produced} bytes");
    }

    // ---- item 10: every call has a timeout, the RPC included ----

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_times_out_naming_the_endpoint()
    {
        var (client, handler) = Client(TimeSpan.FromMilliseconds(300));
        handler.Respond(200, null, r => r.Content = HostileContent.Stalling("{\"status\":\"success\",\"data\":["));
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/projects"), CancellationToken.None));
        Assert.Equal(ApiFailureKind.Timeout, ex.Kind);
        Assert.Contains("https://api.example.test/v1/projects", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_rpc_that_never_answers_times_out_naming_the_endpoint()
    {
        var handler = new FakeHandler().Hang();
        var rpc = new EthRpcClient(new HttpClient(handler), new Uri("https://rpc.example.test/secret-key"), TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<RpcTimeoutException>(() => rpc.GetTransactionReceiptAsync("0x" + new string('1', 64)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal("https://rpc.example.test", ex.Endpoint);
        Assert.Contains("no answer from the RPC endpoint https://rpc.example.test within 0.3 s", ex.Message);
        Assert.DoesNotContain("secret-key", ex.Message);
    }

    [Fact]
    public async Task An_rpc_body_that_stalls_times_out_too()
    {
        var handler = new FakeHandler();
        handler.Respond(200, null, r => r.Content = HostileContent.Stalling("{\"jsonrpc\":\"2.0\","));
        var rpc = new EthRpcClient(new HttpClient(handler), new Uri("https://rpc.example.test"), TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<RpcTimeoutException>(() => rpc.GetChainIdAsync());
    }

    [Fact]
    public async Task The_receipt_deadline_interrupts_an_rpc_call_that_never_answers()
    {
        var handler = new FakeHandler().Hang();
        var rpc = new EthRpcClient(new HttpClient(handler), new Uri("https://rpc.example.test"), TimeSpan.FromHours(1));
        var watch = Stopwatch.StartNew();
        var result = await new ReceiptWaiter(rpc).WaitAsync("0x" + new string('2', 64), TimeSpan.FromMilliseconds(400));
        Assert.Equal(ReceiptWaitStatus.Pending, result.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the 0.4 s deadline took {watch.Elapsed}");
    }

    [Fact]
    public async Task Cancelling_a_receipt_wait_still_cancels_rather_than_reporting_pending()
    {
        var handler = new FakeHandler().Hang();
        var rpc = new EthRpcClient(new HttpClient(handler), new Uri("https://rpc.example.test"), TimeSpan.FromHours(1));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReceiptWaiter(rpc).WaitAsync("0x" + new string('2', 64), TimeSpan.FromMinutes(5), cts.Token));
    }

    [Fact]
    public async Task A_download_that_stalls_times_out_and_leaves_no_partial_file()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[4096];
            await socket.ReceiveAsync(buffer, SocketFlags.None);
            await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nfirst bytes"), SocketFlags.None);
            await Task.Delay(TimeSpan.FromSeconds(20));
        });
        var target = Path.Combine(Directory.CreateTempSubdirectory("download-").FullName, "archive.zip");
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ApiException>(() => CreateOsClient.DownloadToFileAsync($"http://127.0.0.1:{port}/signed?sig=secret", target, TimeSpan.FromMilliseconds(500), null, CancellationToken.None));
        Assert.Equal(ApiFailureKind.Timeout, ex.Kind);
        Assert.Contains($"http://127.0.0.1:{port}/signed", ex.Message);
        Assert.DoesNotContain("secret", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.False(File.Exists(target + ".partial"));
        Assert.False(File.Exists(target));
    }

    // ---- item 14: server text is data, not terminal control ----

    private const string Spoof = "\u001b]0;owned\u0007\u001b[2K\r\u001b[32mOK: deployed, nothing was paid\u001b[0m\u009b31m\u202e";

    /// <summary>No control character at all; with <paramref name="lines"/>, line ends (LF, CR LF) and tabs may stay: they cannot rewrite what is shown.</summary>
    private static void AssertNoControl(string? text, bool lines = false)
    {
        Assert.NotNull(text);
        var withoutLineEnds = lines ? text!.Replace("\r\n", "\n") : text!;
        Assert.DoesNotContain(withoutLineEnds, c => (c < ' ' && !(lines && (c == '\n' || c == '\t'))) || (c >= '\u007f' && c <= '\u009f') || (c >= '\u202a' && c <= '\u202e'));
    }

    [Fact]
    public async Task Escapes_in_a_gateway_error_never_reach_the_exception()
    {
        var (client, handler) = Client();
        var json = "{\"error\":" + Newtonsoft.Json.JsonConvert.ToString(Spoof) + "}";
        handler.Respond(502, json, r => r.Headers.TryAddWithoutValidation("X-Request-Id", "req\u001b[2K-1"));
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Post, "agent/deploy"), CancellationToken.None));
        AssertNoControl(ex.Message);
        AssertNoControl(ex.ServiceMessage);
        AssertNoControl(ex.RawBody);
        AssertNoControl(ex.RequestId);
        Assert.Contains("OK: deployed, nothing was paid", ex.ServiceMessage);
        Assert.DoesNotContain("]0;owned", ex.ServiceMessage);
    }

    [Fact]
    public async Task Escapes_in_a_non_json_error_body_never_reach_the_exception()
    {
        var (client, handler) = Client();
        handler.Respond(500, Spoof);
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None));
        AssertNoControl(ex.Message);
        AssertNoControl(ex.RawBody, lines: true);
    }

    [Fact]
    public async Task Strings_of_a_successful_answer_lose_their_control_characters_but_logs_keep_their_lines()
    {
        var (client, handler) = Client();
        var json = "{\"status\":\"success\",\"data\":{\"name\":" + Newtonsoft.Json.JsonConvert.ToString(Spoof) + ",\"log\":\"line one\\r\\n\\u001b[1mline two\\u001b[0m\\tend\\n\"}}";
        handler.Respond(200, json, r => r.Headers.TryAddWithoutValidation("X-Note", "a\u001b[2Kb"));
        var response = await client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None);
        AssertNoControl(response.Payload!["name"]!.ToString(), lines: true);
        Assert.Equal("line one\r\nline two\tend\n", response.Payload!["log"]!.ToString());
        AssertNoControl(HeaderMap.Of(response.Headers)["X-Note"]);
    }

    [Fact]
    public async Task Escapes_in_an_rpc_error_never_reach_the_exception()
    {
        var handler = new FakeHandler();
        handler.Respond(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":" + Newtonsoft.Json.JsonConvert.ToString(Spoof) + "}}");
        var rpc = new EthRpcClient(new HttpClient(handler), new Uri("https://rpc.example.test"));
        var ex = await Assert.ThrowsAsync<JsonRpcException>(() => rpc.GetChainIdAsync());
        AssertNoControl(ex.Message);
        AssertNoControl(ex.RpcMessage);
    }

    [Theory]
    [InlineData("\u001b]0;title\u0007visible", "visible")]
    [InlineData("\u001b]8;;https://evil\u001b\\link\u001b]8;;\u001b\\", "link")]
    [InlineData("\u001b[2K\u001b[1;31mred\u001b[0m", "red")]
    [InlineData("\u009b2Kc1 csi\u009d0;x\u009cdone", "c1 csidone")]
    [InlineData("a\rb", "a\nb")]
    [InlineData("a\r\nb\tc", "a\r\nb\tc")]
    [InlineData("spoof\r\r\nok", "spoof\n\r\nok")]
    [InlineData("nul\0bell\u0007del\u007f", "nulbelldel")]
    [InlineData("safe\u202etxt.exe", "safetxt.exe")]
    [InlineData("unterminated \u001b]0;title", "unterminated ")]
    [InlineData("plain text ünïcödé 🙂", "plain text ünïcödé 🙂")]
    public void Server_text_is_cleaned_of_terminal_control(string raw, string expected) => Assert.Equal(expected, ServerText.Clean(raw));

    [Fact]
    public void A_server_message_for_an_error_is_one_short_line()
    {
        Assert.Equal(new string('x', ServerText.MaxMessageLength) + "…", ServerText.Message("\n" + new string('x', 5000)));
        Assert.Equal("one two three", ServerText.Message("one\r\ntwo\rthree"));
    }

    [Fact]
    public void A_clean_json_body_is_kept_byte_for_byte_and_a_dirty_one_keeps_its_values()
    {
        const string clean = "{\"amount_usd\":0.50,\"amount_token\":\"500000\",\"big\":1e400}";
        Assert.Same(clean, ServerText.CleanBody(clean));
        var dirty = ServerText.CleanBody("{\"amount_usd\":0.50,\"warning\":\"\\u001b[2Kspoof\"}");
        Assert.Equal("{\"amount_usd\":0.50,\"warning\":\"spoof\"}", dirty);
    }

    // ---- item 12, at the wire: a total no server could mean ----

    [Fact]
    public void An_absurd_total_is_read_as_no_total()
    {
        var body = Newtonsoft.Json.Linq.JToken.Parse("{\"status\":\"success\",\"data\":{\"data\":[{\"id\":\"a\"}],\"pagination\":{\"total\":1e30,\"offset\":-5}}}");
        var page = CreateOsClient.ReadPage<Project>(new ApiResponse(200, body, null, new HttpResponseMessage().Headers), new ApiRequest(HttpMethod.Get, "v1/x"), 0);
        Assert.Null(page.Total);
        Assert.Equal(0, page.Offset);
    }
}
