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
    [InlineData("\"amount_token\":\"500000\",\"amount_token\":\"500000000\"")]
    [InlineData("\"pay_to\":\"0x2664D5d0baa2D464D922c2137854ec33d95E12F8\",\"pay_to\":\"0x0000000000000000000000000000000000000001\"")]
    [InlineData("\"supported_chains\":[{\"chain\":\"base\",\"chain_id\":8453,\"chain_id\":1}]")]
    public void A_quote_that_names_a_field_twice_is_refused_instead_of_read_one_way(string twice)
    {
        var body = "{\"error\":\"Payment required\",\"amount_usd\":0.5,\"payment_chain\":\"arbitrum\",\"token\":\"usdc\",\"decimals\":6," + twice + "}";
        var ex = Assert.Throws<GatewayProtocolException>(() => PaymentQuote.Parse(body, new Dictionary<string, string>()));
        Assert.Contains("already exists", ex.Message);
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

    [Theory]
    [InlineData("1e30")]
    [InlineData("6.9")]
    [InlineData("-1")]
    [InlineData("256")]
    [InlineData("\"six\"")]
    [InlineData("\"6.0\"")]
    [InlineData("true")]
    public void Quote_decimals_that_are_not_a_whole_number_from_0_to_255_are_refused_not_read_as_6(string decimals)
    {
        var error = Assert.Throws<GatewayProtocolException>(() => PaymentQuote.Parse(Seed402.Replace("\"decimals\":6", "\"decimals\":" + decimals), new Dictionary<string, string>()));
        Assert.Contains("decimals", error.Message);
        Assert.Contains("not a whole number from 0 to 255", error.Message);
        Assert.Contains("Nothing was paid", error.Message);
    }

    [Theory]
    [InlineData("6", 6)]
    [InlineData("\"6\"", 6)]
    [InlineData("18", 18)]
    [InlineData("null", 6)]
    public void Whole_decimals_are_read_as_given(string decimals, int expected) =>
        Assert.Equal(expected, PaymentQuote.Parse(Seed402.Replace("\"decimals\":6", "\"decimals\":" + decimals), new Dictionary<string, string>()).Decimals);

    [Theory]
    [InlineData("\"amount_usd\":0.5", "\"amount_usd\":1e30", "amount_usd")]
    [InlineData("\"amount_usd\":0.5", "\"amount_usd\":\"lots\"", "amount_usd")]
    [InlineData("\"active_projects\":0", "\"active_projects\":1e20", "active_projects")]
    [InlineData("\"active_projects\":0", "\"active_projects\":99999999999", "active_projects")]
    [InlineData("\"amount_token\":\"500000\"", "\"amount_token\":1e30", "amount_token")]
    [InlineData("\"amount_token\":\"500000\"", "\"amount_token\":\"5e5\"", "amount_token")]
    [InlineData("\"current_credit_balance_usd\":0", "\"current_credit_balance_usd\":1e99", "current_credit_balance_usd")]
    public void Overflowing_or_malformed_quote_numbers_are_refused_naming_the_field_never_an_overflow(string field, string replacement, string name)
    {
        var error = Assert.Throws<GatewayProtocolException>(() => PaymentQuote.Parse(Seed402.Replace(field, replacement), new Dictionary<string, string>()));
        Assert.Contains(name, error.Message);
        Assert.DoesNotContain("too large or too small", error.Message);
    }

    [Theory]
    [InlineData("{\"x402Version\":2,\"resource\":{\"url\":\"https://g/agent/deploy\"},\"accepts\":[{\"scheme\":\"exact\",\"maxTimeoutSeconds\":99999999999}]}", "maxTimeoutSeconds")]
    [InlineData("{\"x402Version\":99999999999,\"accepts\":[]}", "x402Version")]
    public void Overflowing_x402_numbers_give_a_clear_message(string document, string field)
    {
        var header = Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(document));
        var error = Assert.Throws<GatewayProtocolException>(() =>
        {
            var quote = PaymentQuote.Parse(Seed402, new Dictionary<string, string> { ["PAYMENT-REQUIRED"] = header });
            foreach (var offer in quote.X402!.Accepts) _ = offer.MaxTimeoutSeconds;
        });
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void A_quote_for_more_than_a_trillion_tokens_is_refused_before_any_conversion_can_overflow()
    {
        var quote = PaymentQuote.Parse(Seed402.Replace("\"amount_token\":\"500000\"", "\"amount_token\":\"" + new string('9', 60) + "\""), new Dictionary<string, string>());
        var refused = Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(quote, null, null, new PaymentLimits { MaxPaymentUsd = 5m },
            CreateOs.Core.Wallet.EthereumAddress.Parse("0x5b6c00000000000000000000000000000000a3f2"), null));
        Assert.Equal(PaymentRefusal.OverCap, refused.Reason);
        Assert.Contains("more than a trillion", refused.Message);
    }
}
