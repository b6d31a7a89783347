using System.Numerics;
using CreateOs.Core.Gateway;

namespace CreateOs.Core.Tests.Gateway;

public class PaymentQuoteTests
{
    private const string Seed402 = """
        {"error":"Payment required","amount_usd":0.5,"amount_token":"500000","current_credit_balance_usd":0,"active_projects":0,
         "pay_to":"0x2664D5d0baa2D464D922c2137854ec33d95E12F8","payment_chain":"arbitrum","token":"usdc","decimals":6,
         "supported_chains":[{"chain":"arbitrum","chain_id":42161,"tokens":["usdc","usdt"]},{"chain":"base","chain_id":8453,"tokens":["usdc","usdt"]}]}
        """;

    [Fact]
    public void The_documented_quote_is_read_exactly()
    {
        var quote = PaymentQuote.Parse(Seed402, new Dictionary<string, string>());
        Assert.Equal(0.5m, quote.AmountUsd);
        Assert.Equal(new BigInteger(500000), quote.AmountToken);
        Assert.Equal("arbitrum", quote.PaymentChain);
        Assert.Equal(2, quote.SupportedChains.Count);
        Assert.Equal(8453UL, quote.SupportedChains[1].ChainId);
        Assert.False(quote.IsPaymentV2);
        Assert.Null(quote.Warning);
    }

    [Fact]
    public void Case_C_carries_the_warning_and_may_lack_amount_token()
    {
        var quote = PaymentQuote.Parse("""{"error":"Payment required","warning":"You have 2 active project(s) sharing credits...","amount_usd":0.5,"current_credit_balance_usd":1.2,"active_projects":2,"pay_to":"0x2664D5d0baa2D464D922c2137854ec33d95E12F8","payment_chain":"arbitrum","token":"usdc","decimals":6}""", new Dictionary<string, string>());
        Assert.StartsWith("You have 2", quote.Warning);
        Assert.Null(quote.AmountToken);
        Assert.Equal(2, quote.ActiveProjects);
    }

    [Theory]
    [InlineData("WWW-Authenticate", "Payment id=\"abc\", realm=\"mpp\", method=\"evm\", intent=\"charge\", request=\"e30\"")]
    [InlineData("PAYMENT-REQUIRED", "eyJ4NDAyVmVyc2lvbiI6Mn0=")]
    [InlineData("www-authenticate", "Bearer realm=\"x\", Payment id=\"abc\"")]
    public void A_v2_challenge_is_detected_from_its_headers(string header, string value)
    {
        var quote = PaymentQuote.Parse(Seed402, new Dictionary<string, string> { [header] = value });
        Assert.True(quote.IsPaymentV2);
    }

    [Fact]
    public void A_v2_challenge_without_a_json_body_is_still_recognised()
    {
        var quote = PaymentQuote.Parse("payment required", new Dictionary<string, string> { ["WWW-Authenticate"] = "Payment id=\"x\"" });
        Assert.True(quote.IsPaymentV2);
    }

    [Fact]
    public void A_non_json_v1_answer_is_a_protocol_error() =>
        Assert.Throws<GatewayProtocolException>(() => PaymentQuote.Parse("<html>", new Dictionary<string, string>()));
}
