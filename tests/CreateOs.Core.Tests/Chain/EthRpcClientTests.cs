using System.Net;
using System.Text;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

/// <summary>JSON-RPC behaviour with a fake HTTP handler: error objects, odd key casing, broadcast outcomes, receipt polling.</summary>
public class EthRpcClientTests
{
    private sealed class FakeHandler : HttpMessageHandler
    {
        private readonly Func<JObject, (HttpStatusCode, string)> _respond;
        public readonly List<JObject> Requests = new();

        public FakeHandler(Func<JObject, (HttpStatusCode, string)> respond) => _respond = respond;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            Requests.Add(body);
            var (status, text) = _respond(body);
            return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        }
    }

    private static (EthRpcClient, FakeHandler) Client(Func<JObject, (HttpStatusCode, string)> respond)
    {
        var handler = new FakeHandler(respond);
        return (new EthRpcClient(new HttpClient(handler), new Uri("http://rpc.test")), handler);
    }

    private static string Result(JObject request, string resultJson) => $"{{\"jsonrpc\":\"2.0\",\"id\":{request["id"]},\"result\":{resultJson}}}";

    [Fact]
    public async Task Error_object_with_http_200_becomes_typed_exception()
    {
        var (rpc, _) = Client(r => (HttpStatusCode.OK,
            $"{{\"jsonrpc\":\"2.0\",\"id\":{r["id"]},\"error\":{{\"code\":3,\"message\":\"execution reverted: nope\",\"data\":\"0x08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000046e6f706500000000000000000000000000000000000000000000000000000000\"}}}}"));
        var ex = await Assert.ThrowsAsync<JsonRpcException>(() => rpc.EstimateGasAsync(new CallRequest()));
        Assert.Equal(3, ex.Code);
        Assert.True(ex.IsExecutionReverted);
        Assert.Equal("nope", ex.RevertReason);
        Assert.StartsWith("0x08c379a0", ex.ErrorData);
    }

    [Fact]
    public async Task Http_error_without_json_is_a_transport_error()
    {
        var (rpc, _) = Client(_ => (HttpStatusCode.BadGateway, "<html>bad gateway</html>"));
        var ex = await Assert.ThrowsAsync<EthRpcException>(() => rpc.GetChainIdAsync());
        Assert.IsNotType<JsonRpcException>(ex);
    }

    [Fact]
    public async Task Quantities_and_requests_are_well_formed()
    {
        var (rpc, handler) = Client(r => (HttpStatusCode.OK, Result(r, (string)r["method"]! switch
        {
            "eth_chainId" => "\"0xa4b1\"",
            "eth_getTransactionCount" => "\"0x0\"",
            "eth_getBalance" => "\"0xde0b6b3a7640000\"",
            _ => "null",
        })));
        Assert.Equal(42161UL, await rpc.GetChainIdAsync());
        var who = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        Assert.Equal(0UL, await rpc.GetTransactionCountAsync(who));
        Assert.Equal(System.Numerics.BigInteger.Pow(10, 18), await rpc.GetBalanceAsync(who));
        var countRequest = handler.Requests[1];
        Assert.Equal("2.0", (string)countRequest["jsonrpc"]!);
        Assert.Equal("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", (string)countRequest["params"]![0]!);
        Assert.Equal("pending", (string)countRequest["params"]![1]!);
    }

    [Fact]
    public async Task Block_keys_are_read_case_insensitively()
    {
        var (rpc, _) = Client(r => (HttpStatusCode.OK, Result(r, "{\"Number\":\"0x10\",\"hash\":\"0xab\",\"timestamp\":\"0x5\",\"BASEFEEPERGAS\":\"0x3b9aca00\"}")));
        RpcBlock? block = await rpc.GetBlockByNumberAsync();
        Assert.Equal(16UL, block!.Number);
        Assert.Equal(new System.Numerics.BigInteger(1_000_000_000), block.BaseFeePerGas);
    }

    [Theory]
    [InlineData("already known", BroadcastStatus.AlreadyKnown)]
    [InlineData("nonce too low: next nonce 5, tx nonce 4", BroadcastStatus.NonceTooLow)]
    public async Task Duplicate_broadcasts_are_not_failures(string message, BroadcastStatus expected)
    {
        var (rpc, _) = Client(r => (HttpStatusCode.OK, $"{{\"jsonrpc\":\"2.0\",\"id\":{r["id"]},\"error\":{{\"code\":-32000,\"message\":\"{message}\"}}}}"));
        byte[] raw = { 0x02, 0xc0 };
        BroadcastResult result = await rpc.SendRawTransactionAsync(raw);
        Assert.Equal(expected, result.Status);
        Assert.Equal(Hex.Encode(Keccak256.Hash(raw)), result.TransactionHash);
    }

    [Fact]
    public async Task Other_broadcast_errors_throw()
    {
        var (rpc, _) = Client(r => (HttpStatusCode.OK, $"{{\"jsonrpc\":\"2.0\",\"id\":{r["id"]},\"error\":{{\"code\":-32000,\"message\":\"insufficient funds for gas * price + value\"}}}}"));
        await Assert.ThrowsAsync<JsonRpcException>(() => rpc.SendRawTransactionAsync(new byte[] { 0x02, 0xc0 }));
    }

    [Fact]
    public async Task Broadcast_hash_must_match_keccak_of_raw()
    {
        var (rpc, _) = Client(r => (HttpStatusCode.OK, Result(r, "\"0x" + new string('1', 64) + "\"")));
        await Assert.ThrowsAsync<EthRpcException>(() => rpc.SendRawTransactionAsync(new byte[] { 0x02, 0xc0 }));
    }

    [Fact]
    public async Task Receipt_waiter_backs_off_and_ends_pending_at_deadline()
    {
        var (rpc, handler) = Client(r => (HttpStatusCode.OK, Result(r, "null")));
        var delays = new List<TimeSpan>();
        var waiter = new ReceiptWaiter(rpc, null, (d, _) => { delays.Add(d); Thread.Sleep(d.TotalMilliseconds > 30 ? 30 : (int)d.TotalMilliseconds); return Task.CompletedTask; });
        string hash = "0x" + new string('a', 64);
        ReceiptWaitResult result = await waiter.WaitAsync(hash, TimeSpan.FromMilliseconds(250));
        Assert.Equal(ReceiptWaitStatus.Pending, result.Status);
        Assert.True(delays.Count >= 2);
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromMilliseconds(250), "a delay never overshoots the deadline"));
    }

    [Fact]
    public async Task Receipt_waiter_polls_every_quarter_then_half_block_of_the_pinned_chain_then_backs_off_to_five_seconds()
    {
        int calls = 0;
        var (rpc, _) = Client(r =>
        {
            if ((string)r["method"]! == "eth_getBlockByNumber") return (HttpStatusCode.OK, Result(r, "null")); // pace unknown: keep the pinned one
            calls++;
            return (HttpStatusCode.OK, Result(r, calls <= ReceiptWaiter.EagerPolls + 5 ? "null"
                : "{\"transactionHash\":\"0x" + new string('a', 64) + "\",\"status\":\"0x0\",\"blockNumber\":\"0x2\",\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"to\":null,\"gasUsed\":\"0x5208\",\"logs\":[]}"));
        });
        var delays = new List<TimeSpan>();
        var waiter = new ReceiptWaiter(rpc, TokenRegistry.Base, (d, _) => { delays.Add(d); return Task.CompletedTask; });
        ReceiptWaitResult result = await waiter.WaitAsync("0x" + new string('a', 64), TimeSpan.FromHours(1));
        Assert.Equal(ReceiptWaitStatus.Reverted, result.Status);
        Assert.Equal(Enumerable.Repeat(0.5, 8).Concat(Enumerable.Repeat(1.0, 36)).Concat(new[] { 2.0, 4, 5, 5, 5 }), delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Receipt_waiter_takes_the_pace_of_the_nodes_recent_blocks_when_it_differs_from_the_pinned_one()
    {
        var blocksAnswered = 0;
        var receiptCallsAfter = 0;
        var (rpc, _) = Client(r =>
        {
            if ((string)r["method"]! == "eth_getBlockByNumber")
            {
                Interlocked.Increment(ref blocksAnswered);
                return (HttpStatusCode.OK, Result(r, (string)r["params"]![0]! == "latest"
                    ? "{\"number\":\"0x64\",\"hash\":\"0x01\",\"timestamp\":\"0x3e8\"}"    // block 100 at t=1000
                    : "{\"number\":\"0x3c\",\"hash\":\"0x02\",\"timestamp\":\"0x3d4\"}")); // block 60 at t=980: 0.5 s a block
            }
            var mined = Volatile.Read(ref blocksAnswered) == 2 && ++receiptCallsAfter > 2;
            return (HttpStatusCode.OK, Result(r, mined
                ? "{\"transactionHash\":\"0x" + new string('a', 64) + "\",\"status\":\"0x1\",\"blockNumber\":\"0x65\",\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"to\":null,\"gasUsed\":\"0x5208\",\"logs\":[]}"
                : "null"));
        });
        var delays = new List<TimeSpan>();
        var waiter = new ReceiptWaiter(rpc, TokenRegistry.Base, (d, _) => { delays.Add(d); return Task.Delay(1); });
        Assert.Equal(ReceiptWaitStatus.Succeeded, (await waiter.WaitAsync("0x" + new string('a', 64), TimeSpan.FromHours(1))).Status);
        Assert.Equal(TimeSpan.FromSeconds(0.5), delays[0]); // a quarter of the pinned Base pace until the measurement is in
        Assert.Equal(TimeSpan.FromMilliseconds(125), delays[^1]); // then a quarter of the measured 0.5 s
    }

    [Fact]
    public async Task Receipt_waiter_is_cancellable()
    {
        var (rpc, _) = Client(r => (HttpStatusCode.OK, Result(r, "null")));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ReceiptWaiter(rpc).WaitAsync("0x" + new string('a', 64), TimeSpan.FromMinutes(5), cts.Token));
    }

    [Fact]
    public async Task Transient_errors_while_polling_do_not_fail_the_wait()
    {
        var (rpc, _) = Client(_ => (HttpStatusCode.ServiceUnavailable, "down"));
        var waiter = new ReceiptWaiter(rpc, null, (_, _) => Task.Delay(10));
        ReceiptWaitResult result = await waiter.WaitAsync("0x" + new string('b', 64), TimeSpan.FromMilliseconds(100));
        Assert.Equal(ReceiptWaitStatus.Pending, result.Status);
    }

    private static string ReceiptOf(string hash, string status) =>
        "{\"transactionHash\":\"" + hash + "\",\"status\":\"" + status + "\",\"blockNumber\":\"0x2\",\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"to\":null,\"gasUsed\":\"0x5208\",\"logs\":[]}";

    [Fact]
    public async Task A_successful_receipt_of_another_transaction_never_confirms_ours()
    {
        var ours = "0x" + new string('a', 64);
        var someoneElses = "0x" + new string('c', 64);
        var (rpc, _) = Client(r => (HttpStatusCode.OK, Result(r, (string)r["method"]! == "eth_getBlockByNumber" ? "null" : ReceiptOf(someoneElses, "0x1"))));
        var ex = await Assert.ThrowsAsync<EthRpcException>(() => rpc.GetTransactionReceiptAsync(ours));
        Assert.Contains("not " + ours, ex.Message);
        var waited = await new ReceiptWaiter(rpc, null, (_, _) => Task.Delay(5)).WaitAsync(ours, TimeSpan.FromMilliseconds(100));
        Assert.Equal(ReceiptWaitStatus.Pending, waited.Status);
        // Its own receipt, in upper-case hex, is ours.
        var (honest, _) = Client(r => (HttpStatusCode.OK, Result(r, ReceiptOf("0x" + new string('A', 64), "0x1"))));
        Assert.True((await honest.GetTransactionReceiptAsync(ours))!.Succeeded);
    }

    [Fact]
    public async Task A_transaction_looked_up_by_hash_must_be_that_transaction()
    {
        var (rpc, _) = Client(r => (HttpStatusCode.OK, Result(r,
            "{\"hash\":\"0x" + new string('c', 64) + "\",\"nonce\":\"0x7\",\"from\":\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"to\":null,\"value\":\"0x0\",\"input\":\"0x\",\"blockNumber\":\"0x2\"}")));
        await Assert.ThrowsAsync<EthRpcException>(() => rpc.GetTransactionByHashAsync("0x" + new string('a', 64)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0x2")]
    public async Task A_receipt_without_a_status_or_with_another_one_is_neither_paid_nor_reverted_and_the_wait_stays_pending(string? status)
    {
        var hash = "0x" + new string('a', 64);
        var receipt = status is null ? ReceiptOf(hash, "0x1").Replace("\"status\":\"0x1\",", "") : ReceiptOf(hash, status);
        var (rpc, _) = Client(r => (HttpStatusCode.OK, Result(r, (string)r["method"]! == "eth_getBlockByNumber" ? "null" : receipt)));
        await Assert.ThrowsAsync<EthRpcException>(() => rpc.GetTransactionReceiptAsync(hash));
        var waited = await new ReceiptWaiter(rpc, null, (_, _) => Task.Delay(5)).WaitAsync(hash, TimeSpan.FromMilliseconds(100));
        Assert.Equal(ReceiptWaitStatus.Pending, waited.Status);
        var (reverted, _) = Client(r => (HttpStatusCode.OK, Result(r, ReceiptOf(hash, "0x0"))));
        Assert.Equal(0, (await reverted.GetTransactionReceiptAsync(hash))!.Status);
    }

    [Theory]
    [InlineData("\"id\":999,")]
    [InlineData("\"id\":\"1\",")]
    [InlineData("\"id\":null,")]
    [InlineData("")]
    public async Task An_answer_with_another_id_or_none_is_not_taken_for_the_answer_to_this_call(string id)
    {
        var (rpc, _) = Client(_ => (HttpStatusCode.OK, "{\"jsonrpc\":\"2.0\"," + id + "\"result\":\"0xa4b1\"}"));
        var ex = await Assert.ThrowsAsync<EthRpcException>(() => rpc.GetChainIdAsync());
        Assert.Contains("not 1", ex.Message);
        var (echoing, _) = Client(r => (HttpStatusCode.OK, Result(r, "\"0xa4b1\"")));
        Assert.Equal(42161UL, await echoing.GetChainIdAsync());
    }

    [Fact]
    public async Task A_megabyte_error_message_from_the_node_stays_a_short_single_line()
    {
        var huge = string.Concat(Enumerable.Repeat("gas \\u001b[31mtoo\\n high ", 60_000));
        var (rpc, _) = Client(r => (HttpStatusCode.OK, $"{{\"jsonrpc\":\"2.0\",\"id\":{r["id"]},\"error\":{{\"code\":-32000,\"message\":\"{huge}\"}}}}"));
        var ex = await Assert.ThrowsAsync<JsonRpcException>(() => rpc.GetGasPriceAsync());
        Assert.True(ex.Message.Length < 1000, $"the message is {ex.Message.Length} characters");
        Assert.DoesNotContain('\u001b', ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
