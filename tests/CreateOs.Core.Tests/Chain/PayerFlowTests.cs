using System.Net;
using System.Numerics;
using System.Text;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

/// <summary>Erc20Payer against a scripted Base node: call order, L1 data fee, and the self-checked signed output.</summary>
public class PayerFlowTests
{
    private sealed class BaseNode : HttpMessageHandler
    {
        public readonly List<string> Methods = new();
        public JObject? OracleCall;
        public string EthBalance = "0xde0b6b3a7640000"; // 1 ETH

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            string method = (string)body["method"]!;
            Methods.Add(method);
            string result = method switch
            {
                "eth_chainId" => "\"0x2105\"",
                "eth_getTransactionCount" => "\"0x7\"",
                "eth_getBlockByNumber" => "{\"number\":\"0x1\",\"hash\":\"0x01\",\"timestamp\":\"0x1\",\"baseFeePerGas\":\"0x4c4b40\"}",
                "eth_maxPriorityFeePerGas" => "\"0xf4240\"",
                "eth_estimateGas" => "\"0xc350\"",
                "eth_getBalance" => $"\"{EthBalance}\"",
                "eth_call" => OracleOrBalance(body),
                _ => "null",
            };
            string json = $"{{\"jsonrpc\":\"2.0\",\"id\":{body["id"]},\"result\":{result}}}";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }

        private string OracleOrBalance(JObject body)
        {
            var call = (JObject)body["params"]![0]!;
            if ((string)call["to"]! == "0x420000000000000000000000000000000000000f")
            {
                OracleCall = call;
                return "\"0x" + 1_000_000_000_000L.ToString("x64") + "\""; // 1e12 wei L1 fee
            }
            return "\"0x" + 100_000_000L.ToString("x64") + "\""; // balanceOf: 100 USDC
        }
    }

    [Fact]
    public async Task Base_transfer_includes_l1_fee_and_signs_a_verifiable_transaction()
    {
        var node = new BaseNode();
        var rpc = new EthRpcClient(new HttpClient(node), new Uri("http://base.test"));
        using var key = EthereumKey.FromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var recipient = EthereumAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        TokenInfo usdc = TokenRegistry.GetToken("base", "usdc");

        SignedTransaction tx = await new Erc20Payer(rpc, TokenRegistry.Base).BuildTransferAsync(key, usdc, recipient, 25_000_000);

        Assert.Equal("eth_chainId", node.Methods[0]);
        Assert.DoesNotContain("eth_sendRawTransaction", node.Methods);
        Assert.Equal(new BigInteger(1_000_000_000_000L), tx.EstimatedL1FeeWei);
        Assert.NotNull(node.OracleCall);
        Assert.StartsWith("0x49948e0e", (string)node.OracleCall!["data"]!);

        Assert.Equal(7UL, tx.Nonce);
        Assert.Equal(8453UL, tx.ChainId);
        Assert.Equal(new BigInteger(1_000_000), tx.MaxPriorityFeePerGas);           // 0.001 gwei, within the cap
        Assert.Equal(new BigInteger(2 * 5_000_000 + 1_000_000), tx.MaxFeePerGas);   // 2 × base + tip
        Assert.Equal(60_000UL, tx.GasLimit);                                        // 50,000 + 20%

        DecodedTransaction decoded = TransactionDecoder.Decode(tx.Raw);
        Assert.Equal(key.Address, decoded.From);
        Assert.Equal(usdc.Address, decoded.To);
        Assert.Equal(Erc20Abi.EncodeTransfer(recipient, 25_000_000), decoded.Data);
        Assert.Equal(tx.Hash, decoded.Hash);
    }

    [Fact]
    public async Task L1_fee_counts_in_the_eth_balance_check()
    {
        var node = new BaseNode { EthBalance = "0x" + (660_000_000_000L + 500_000_000_000L).ToString("x") }; // gas worst case + half the L1 fee
        var rpc = new EthRpcClient(new HttpClient(node), new Uri("http://base.test"));
        using var key = EthereumKey.Generate();
        var ex = await Assert.ThrowsAsync<InsufficientFundsException>(() =>
            new Erc20Payer(rpc, TokenRegistry.Base).BuildTransferAsync(key, TokenRegistry.GetToken("base", "usdc"), EthereumAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), 1));
        Assert.Equal("ETH", ex.Asset);
        Assert.Equal(new BigInteger(660_000_000_000L + 1_000_000_000_000L), ex.Required);
    }

    [Fact]
    public void GetL1Fee_calldata_matches_cast()
    {
        Assert.Equal("0x49948e0e0000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000202c0000000000000000000000000000000000000000000000000000000000000",
            Hex.Encode(Erc20Abi.EncodeGetL1Fee(new byte[] { 0x02, 0xc0 })));
    }
}
