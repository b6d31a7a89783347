using System.Numerics;
using CreateOs.Core.Gateway;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Tests.Gateway;

public class PaymentPolicyTests
{
    private static readonly EthereumAddress Payer = EthereumAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    private const string PayTo = "0x2664D5d0baa2D464D922c2137854ec33d95E12F8";
    private static readonly string[] Listed = { PayTo };

    private static PaymentQuote Quote(string chain = "arbitrum", string amountToken = "500000", decimal amountUsd = 0.5m, string payTo = PayTo, int decimals = 6, string token = "usdc") => new()
    {
        AmountUsd = amountUsd,
        AmountToken = amountToken.Length == 0 ? null : BigInteger.Parse(amountToken),
        PayTo = payTo,
        PaymentChain = chain,
        Token = token,
        Decimals = decimals,
        SupportedChains = new List<MppChain>
        {
            new() { Chain = "arbitrum", ChainId = 42161, Tokens = new List<string> { "usdc", "usdt" } },
            new() { Chain = "base", ChainId = 8453, Tokens = new List<string> { "usdc", "usdt" } },
        },
    };

    private static PaymentRefusal RefusalOf(PaymentQuote quote, string? chain = null, string? token = null, PaymentLimits? limits = null, IReadOnlyCollection<string>? advertised = null) =>
        Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(quote, chain, token, limits ?? new PaymentLimits(), Payer, advertised ?? Listed)).Reason;

    [Fact]
    public void A_sound_quote_yields_terms_with_the_pinned_contract()
    {
        var terms = PaymentPolicy.Validate(Quote(), null, null, new PaymentLimits(), Payer, Listed);
        Assert.Equal("0xaf88d065e77c8cC2239327C5EDb3A432268e5831", terms.Token.Address.ToChecksumString());
        Assert.Equal(new BigInteger(500000), terms.Amount);
        Assert.Equal(42161UL, terms.Chain.ChainId);
        Assert.Equal("usdc", terms.TokenId);
    }

    [Fact]
    public void The_user_may_choose_base_and_usdt_is_refused_there_unless_allowed()
    {
        Assert.Equal(8453UL, PaymentPolicy.Validate(Quote(), "base", "usdc", new PaymentLimits(), Payer, Listed).Chain.ChainId);
        Assert.Equal(PaymentRefusal.UnknownToken, RefusalOf(Quote(), "base", "usdt"));
        var allowed = PaymentPolicy.Validate(Quote(), "base", "usdt", new PaymentLimits { AllowUnofficialTokens = true }, Payer, Listed);
        Assert.Equal("0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2", allowed.Token.Address.ToChecksumString());
    }

    [Fact] public void An_unknown_chain_is_refused() => Assert.Equal(PaymentRefusal.UnknownChain, RefusalOf(Quote(chain: "ethereum")));
    [Fact] public void A_testnet_chain_is_refused() => Assert.Equal(PaymentRefusal.UnknownChain, RefusalOf(Quote(chain: "421614")));
    [Fact] public void An_unknown_token_is_refused() => Assert.Equal(PaymentRefusal.UnknownToken, RefusalOf(Quote(token: "dai")));
    [Fact] public void A_lookalike_token_name_is_refused() => Assert.Equal(PaymentRefusal.UnknownToken, RefusalOf(Quote(), token: "usdc.e"));
    [Fact] public void A_quote_without_amount_token_is_not_paid_automatically() => Assert.Equal(PaymentRefusal.IncompleteQuote, RefusalOf(Quote(amountToken: "")));
    [Fact] public void Disagreeing_amounts_are_refused() => Assert.Equal(PaymentRefusal.InconsistentQuote, RefusalOf(Quote(amountToken: "5000000", amountUsd: 0.5m)));
    [Fact] public void Wrong_decimals_are_refused() => Assert.Equal(PaymentRefusal.InconsistentQuote, RefusalOf(Quote(decimals: 18)));

    [Fact]
    public void An_amount_above_the_cap_is_refused_and_the_default_cap_is_small()
    {
        Assert.Equal(PaymentRefusal.OverCap, RefusalOf(Quote(amountToken: "6000000", amountUsd: 6m)));
        Assert.Equal(PaymentRefusal.OverCap, RefusalOf(Quote(amountToken: "2000000", amountUsd: 2m), limits: new PaymentLimits { MaxPaymentUsd = 1.5m }));
        Assert.Equal(5m, new PaymentLimits().MaxPaymentUsd);
    }

    [Fact] public void A_recipient_that_is_a_token_contract_is_refused() => Assert.Equal(PaymentRefusal.UnexpectedRecipient, RefusalOf(Quote(payTo: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831")));
    [Theory]
    [InlineData("0x0000000000000000000000000000000000000001")] // ecrecover
    [InlineData("0x000000000000000000000000000000000000000a")] // point evaluation
    [InlineData("0x0000000000000000000000000000000000000100")] // P-256 verify
    [InlineData("0x0000000000000000000000000000000000000064")] // ArbSys
    [InlineData("0x0000000000000000000000000000000000000000")]
    public void A_precompile_or_system_recipient_is_refused_even_when_the_gateway_lists_it_and_it_is_pinned(string recipient)
    {
        var ex = Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(Quote(payTo: recipient), null, null,
            new PaymentLimits { PinnedRecipients = new[] { recipient } }, Payer, new[] { recipient }));
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, ex.Reason);
    }

    [Fact] public void Paying_oneself_is_refused() => Assert.Equal(PaymentRefusal.UnexpectedRecipient, RefusalOf(Quote(payTo: Payer.ToChecksumString())));
    [Fact] public void A_malformed_recipient_is_refused() => Assert.Equal(PaymentRefusal.UnexpectedRecipient, RefusalOf(Quote(payTo: "0x7EA5...")));

    [Fact]
    public void A_recipient_other_than_the_pinned_one_is_refused()
    {
        var limits = new PaymentLimits { PinnedRecipients = new[] { "0x04a3D3F1000000000000000000000000000C39D0" } };
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, RefusalOf(Quote(), limits: limits));
    }

    [Fact]
    public void A_recipient_the_gateway_does_not_advertise_is_refused() =>
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, RefusalOf(Quote(), advertised: new[] { "0x04a3D3F1000000000000000000000000000C39D0" }));

    [Fact]
    public void An_empty_recipient_list_with_nothing_pinned_refuses_and_says_how_to_pin()
    {
        var ex = Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(Quote(), null, null, new PaymentLimits(), Payer, Array.Empty<string>()));
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, ex.Reason);
        Assert.Contains("is empty", ex.Message);
        Assert.Contains($"(Get-CreateOsContext).PinnedRecipients.Add('{PayTo}')", ex.Message);
        Assert.Contains("Nothing was signed", ex.Message);
    }

    [Fact]
    public void A_recipient_list_that_could_not_be_read_with_nothing_pinned_refuses()
    {
        var ex = Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(Quote(), null, null, new PaymentLimits(), Payer, null));
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, ex.Reason);
        Assert.Contains("could not be read", ex.Message);
        Assert.Contains("PinnedRecipients.Add", ex.Message);
    }

    [Fact]
    public void Without_a_recipient_list_only_a_pinned_recipient_is_paid()
    {
        var pinned = new PaymentLimits { PinnedRecipients = new[] { PayTo } };
        Assert.Equal(PayTo, PaymentPolicy.Validate(Quote(), null, null, pinned, Payer, null).PayTo.ToChecksumString());
        Assert.Equal(PayTo, PaymentPolicy.Validate(Quote(), null, null, pinned, Payer, Array.Empty<string>()).PayTo.ToChecksumString());
        var other = new PaymentLimits { PinnedRecipients = new[] { "0x04a3D3F1000000000000000000000000000C39D0" } };
        Assert.Equal(PaymentRefusal.UnexpectedRecipient, Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.Validate(Quote(), null, null, other, Payer, null)).Reason);
    }

    [Fact]
    public void A_v2_challenge_is_refused_before_anything_else()
    {
        var quote = Quote();
        quote.IsPaymentV2 = true;
        Assert.Equal(PaymentRefusal.UnsupportedProtocol, RefusalOf(quote));
    }
}

public class PaymentBudgetTests
{
    private const string Wallet = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static PaymentTerms Terms(decimal usd) => new(
        new PaymentQuote { AmountUsd = usd, AmountToken = new BigInteger(usd * 1_000_000m), PayTo = "0x2664D5d0baa2D464D922c2137854ec33d95E12F8" },
        CreateOs.Core.Chain.TokenRegistry.Arbitrum, CreateOs.Core.Chain.TokenRegistry.GetToken("arbitrum", "usdc"), new BigInteger(usd * 1_000_000m),
        EthereumAddress.Parse("0x2664D5d0baa2D464D922c2137854ec33d95E12F8"));

    private static PaymentRecord Paid(decimal usd, TimeSpan ago, PaymentState state = PaymentState.Accepted, string wallet = Wallet) =>
        new() { Wallet = wallet, AmountUsd = usd, AmountToken = ((long)(usd * 1_000_000m)).ToString(), State = state, CreatedAt = Now - ago, TransactionHash = "0x1" };

    [Fact]
    public void Counts_what_may_have_moved_money_in_the_window_across_the_whole_journal()
    {
        var limits = new PaymentLimits { DailyBudgetUsd = 10m, MonthlyBudgetUsd = 30m };
        var journal = new[]
        {
            Paid(4m, TimeSpan.FromHours(2)),
            Paid(4m, TimeSpan.FromHours(20), PaymentState.RetryLater),
            Paid(9m, TimeSpan.FromHours(30)),                                 // outside the day, inside the month
            Paid(9m, TimeSpan.FromHours(1), PaymentState.Closed),            // closed without paying: not counted
            Paid(9m, TimeSpan.FromHours(1), wallet: "0x00000000000000000000000000000000000000aa"),
        };
        journal[3].TransactionHash = null;
        PaymentPolicy.CheckBudget(Terms(2m), limits, journal, Wallet, Now);
        var daily = Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.CheckBudget(Terms(2.5m), limits, journal, Wallet, Now));
        Assert.Equal(PaymentRefusal.OverBudget, daily.Reason);
        Assert.Contains("daily budget of 10", daily.Message);

        var monthly = new PaymentLimits { DailyBudgetUsd = null, MonthlyBudgetUsd = 18m };
        Assert.Contains("monthly budget of 18", Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.CheckBudget(Terms(2m), monthly, journal, Wallet, Now)).Message);
        PaymentPolicy.CheckBudget(Terms(1m), monthly, journal, Wallet, Now);
        PaymentPolicy.CheckBudget(Terms(1000m), new PaymentLimits { DailyBudgetUsd = null, MonthlyBudgetUsd = null }, journal, Wallet, Now);
    }
}
