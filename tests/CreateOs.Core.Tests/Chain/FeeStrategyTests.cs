using System.Net;
using System.Numerics;
using System.Text;
using CreateOs.Core.Chain;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

public class FeeStrategyTests
{
    private sealed class ScriptedRpc : HttpMessageHandler
    {
        private readonly Dictionary<string, string> _results;
        public ScriptedRpc(Dictionary<string, string> results) => _results = results;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            string method = (string)body["method"]!;
            string json = _results.TryGetValue(method, out var result)
                ? $"{{\"jsonrpc\":\"2.0\",\"id\":{body["id"]},\"result\":{result}}}"
                : $"{{\"jsonrpc\":\"2.0\",\"id\":{body["id"]},\"error\":{{\"code\":-32601,\"message\":\"the method {method} does not exist\"}}}}";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }

    private static EthRpcClient Rpc(Dictionary<string, string> results) =>
        new(new HttpClient(new ScriptedRpc(results)), new Uri("http://rpc.test"));

    private const string Block = "{\"number\":\"0x1\",\"hash\":\"0x01\",\"timestamp\":\"0x1\",\"baseFeePerGas\":\"0x989680\"}"; // 10,000,000 wei

    [Fact]
    public async Task Arbitrum_pays_no_tip_and_twice_the_base_fee()
    {
        var rpc = Rpc(new() { ["eth_getBlockByNumber"] = Block, ["eth_gasPrice"] = "\"0x989680\"", ["eth_maxPriorityFeePerGas"] = "\"0x3b9aca00\"" });
        FeeEstimate fees = await FeeStrategy.EstimateAsync(rpc, TokenRegistry.Arbitrum);
        Assert.Equal(BigInteger.Zero, fees.MaxPriorityFeePerGas);
        Assert.Equal(new BigInteger(20_000_000), fees.MaxFeePerGas);
    }

    [Fact]
    public async Task Base_caps_the_tip_and_adds_it_to_twice_the_base_fee()
    {
        var rpc = Rpc(new() { ["eth_getBlockByNumber"] = Block, ["eth_maxPriorityFeePerGas"] = "\"0x77359400\"" }); // 2 gwei asked
        FeeEstimate fees = await FeeStrategy.EstimateAsync(rpc, TokenRegistry.Base);
        Assert.Equal(FeeStrategy.DefaultMaxPriorityFeeCapWei, fees.MaxPriorityFeePerGas);
        Assert.Equal(2 * new BigInteger(10_000_000) + FeeStrategy.DefaultMaxPriorityFeeCapWei, fees.MaxFeePerGas);

        var cheap = Rpc(new() { ["eth_getBlockByNumber"] = Block, ["eth_maxPriorityFeePerGas"] = "\"0x1388\"" }); // 5000 wei
        Assert.Equal(new BigInteger(5000), (await FeeStrategy.EstimateAsync(cheap, TokenRegistry.Base)).MaxPriorityFeePerGas);
    }

    [Fact]
    public async Task Missing_priority_fee_method_falls_back_to_the_cap()
    {
        var rpc = Rpc(new() { ["eth_getBlockByNumber"] = Block });
        FeeEstimate fees = await FeeStrategy.EstimateAsync(rpc, TokenRegistry.Base, maxPriorityFeeCapWei: 1234);
        Assert.Equal(new BigInteger(1234), fees.MaxPriorityFeePerGas);
    }

    [Fact]
    public async Task Chain_id_is_checked_before_anything_is_signed()
    {
        var rpc = Rpc(new() { ["eth_chainId"] = "\"0x1\"" });
        using var key = CreateOs.Core.Wallet.EthereumKey.Generate();
        var payer = new Erc20Payer(rpc, TokenRegistry.Arbitrum);
        var ex = await Assert.ThrowsAsync<ChainIdMismatchException>(() => payer.BuildTransferAsync(key,
            TokenRegistry.GetToken("arbitrum", "usdc"), CreateOs.Core.Wallet.EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), 1));
        Assert.Equal(1UL, ex.ActualChainId);
    }
}
