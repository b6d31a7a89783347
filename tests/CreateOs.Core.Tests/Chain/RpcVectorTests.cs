using System.Net;
using System.Text;
using CreateOs.Core.Chain;
using CreateOs.Core.Tests.Wallet;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

/// <summary>The rpc[] vectors: our client sends the same request shape and reads the documented result.</summary>
public class RpcVectorTests
{
    public static IEnumerable<object[]> Cases => TestVectors.Ids("rpc");

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly JToken _result;
        public JObject? Request;
        public RecordingHandler(JToken result) => _result = result;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var body = new JObject { ["jsonrpc"] = "2.0", ["id"] = Request["id"], ["result"] = _result };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Rpc_vector(string id)
    {
        var v = TestVectors.Get(id);
        var handler = new RecordingHandler(v["exampleResult"]!);
        var rpc = new EthRpcClient(new HttpClient(handler), new Uri("http://rpc.test"));
        var expectedRequest = (JObject)v["request"]!;
        switch ((string)v["method"]!)
        {
            case "eth_chainId":
                Assert.Equal(1UL, await rpc.GetChainIdAsync());
                break;
            case "eth_maxPriorityFeePerGas":
                Assert.Equal(new System.Numerics.BigInteger(0x773c23ba), await rpc.GetMaxPriorityFeePerGasAsync());
                break;
            case "eth_feeHistory":
                JToken result = await rpc.RequestAsync("eth_feeHistory", new object?[] { "0x5", "latest", new[] { 20, 30 } });
                Assert.Equal(6, ((JArray)((JObject)result).GetValue("baseFeePerGas", StringComparison.OrdinalIgnoreCase)!).Count);
                break;
            case "eth_sendRawTransaction":
                byte[] raw = Hex.Decode((string)expectedRequest["params"]![0]!);
                Assert.Equal((string)v["actualKeccakOfParam"]!, Hex.Encode(Keccak256.Hash(raw)));
                // the spec's illustrative result is not keccak(raw): the client must refuse it
                await Assert.ThrowsAsync<EthRpcException>(() => rpc.SendRawTransactionAsync(raw));
                break;
            default:
                throw new InvalidOperationException("unknown rpc vector");
        }
        Assert.Equal((string)expectedRequest["method"]!, (string)handler.Request!["method"]!);
        Assert.Equal("2.0", (string)handler.Request["jsonrpc"]!);
        Assert.True(JToken.DeepEquals(expectedRequest["params"], handler.Request["params"]),
            $"params {handler.Request["params"]} != {expectedRequest["params"]}");
    }
}
