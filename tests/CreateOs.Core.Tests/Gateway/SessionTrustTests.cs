using System.Security;
using CreateOs.Core.Chain;
using CreateOs.Core.Gateway;
using CreateOs.Core.Tests.Http;

namespace CreateOs.Core.Tests.Gateway;

/// <summary>
/// Issue 11, items 1, 4 and 13 at the session: which chain RPCs a session may use (they come with the gateway), which
/// endpoints it may talk to in cleartext, and what the budget variables mean. Each refusal happens before any request.
/// </summary>
public class SessionTrustTests
{
    private static SecureString Key()
    {
        var key = new SecureString();
        foreach (var c in "skp_session_tests") key.AppendChar(c);
        return key;
    }

    private static readonly ChainInfo Arbitrum = TokenRegistry.GetChain("arbitrum");
    private static readonly ChainInfo Base = TokenRegistry.GetChain("base");

    [Theory]
    [InlineData("https://api-createos.nodeops.network/v1", null, "ApiUri", "give the service's root (https://api-createos.nodeops.network/)")]
    [InlineData("https://proxy.example/createos/V1/", null, "ApiUri", "(https://proxy.example/createos)")]
    [InlineData("https://api-createos.nodeops.network/?region=eu", null, "ApiUri", "has a query")]
    [InlineData("https://api-createos.nodeops.network/#top", null, "ApiUri", "has a fragment")]
    [InlineData(null, "https://mpp-createos.nodeops.network/agent", "GatewayUri", "adds /agent/… to every request")]
    public void A_request_path_query_or_fragment_pasted_into_a_service_address_is_refused_when_connecting(string? api, string? gateway, string field, string expected)
    {
        var session = new CreateOsSession();
        var ex = Assert.Throws<CreateOs.Core.Validation.ValidationException>(() => session.Connect(Key(), api is null ? null : new Uri(api), gateway is null ? null : new Uri(gateway)));
        Assert.Equal(field, ex.Field);
        Assert.Contains(expected, ex.Message);
        Assert.False(session.IsConnected);
        Assert.Equal(CreateOsSession.DefaultApiUri, session.ApiUri);
    }

    [Fact]
    public void A_service_under_a_path_of_its_own_is_accepted()
    {
        var session = new CreateOsSession();
        session.Connect(Key(), new Uri("https://proxy.example/createos/"), new Uri("https://proxy.example/mpp"));
        Assert.True(session.IsConnected);
        Assert.Equal("https://proxy.example/createos/", session.ApiUri.AbsoluteUri);
    }

    // ---- item 1: the chain RPCs come with the gateway ----

    [Fact]
    public void A_sandbox_session_never_falls_back_to_a_public_rpc()
    {
        var handler = new FakeHandler();
        var session = new CreateOsSession(new Uri("http://127.0.0.1:8787"), new Uri("http://127.0.0.1:8787")) { SandboxUri = new Uri("http://127.0.0.1:8787") };
        session.UseHttpClient(new HttpClient(handler));
        var ex = Assert.Throws<ChainNotAvailableException>(() => session.GetRpcClient(Arbitrum));
        Assert.Equal("arbitrum", ex.Chain);
        Assert.Contains("does not run Arbitrum One", ex.Message);
        Assert.Contains("never uses a public chain", ex.Message);
        Assert.False(session.HasRpcFor(Arbitrum));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void A_sandbox_session_uses_exactly_the_chains_the_sandbox_lists()
    {
        var session = new CreateOsSession(new Uri("http://127.0.0.1:8787"), new Uri("http://127.0.0.1:8787")) { SandboxUri = new Uri("http://127.0.0.1:8787") };
        session.ChainRpcUris["arbitrum"] = new Uri("http://127.0.0.1:9545");
        Assert.Equal(new Uri("http://127.0.0.1:9545"), session.GetRpcUri(Arbitrum));
        Assert.Contains("lists only arbitrum", Assert.Throws<ChainNotAvailableException>(() => session.GetRpcUri(Base)).Message);
    }

    [Fact]
    public void A_gateway_that_is_not_the_official_one_pays_on_no_public_rpc_unless_one_is_named()
    {
        var session = new CreateOsSession(gatewayUri: new Uri("https://gateway.example.test"));
        var ex = Assert.Throws<ChainNotAvailableException>(() => session.GetRpcUri(Arbitrum));
        Assert.Contains("not the official CreateOS gateway", ex.Message);
        Assert.Contains("-ChainRpcUri @{arbitrum='https://…'}", ex.Message);
        session.ChainRpcUris["arbitrum"] = new Uri("https://my-node.example.test/rpc");
        Assert.Equal(new Uri("https://my-node.example.test/rpc"), session.GetRpcUri(Arbitrum));
    }

    [Theory]
    [InlineData("https://mpp-createos.nodeops.network")]
    [InlineData("https://MPP-CreateOS.nodeops.network/")]
    public void The_official_gateway_keeps_the_public_rpcs(string gateway)
    {
        var session = new CreateOsSession(gatewayUri: new Uri(gateway));
        Assert.True(session.IsOfficialGateway);
        Assert.Equal(new Uri("https://arb1.arbitrum.io/rpc"), session.GetRpcUri(Arbitrum));
        Assert.Equal(new Uri("https://mainnet.base.org"), session.GetRpcUri(Base));
    }

    // ---- item 13: no credentials in cleartext ----

    [Theory]
    [InlineData("http://api.example.test")]
    [InlineData("http://10.0.0.5:8787")]
    [InlineData("ftp://api.example.test")]
    public void Cleartext_to_another_machine_is_refused_for_the_api_before_anything_is_sent(string apiUri)
    {
        var handler = new FakeHandler();
        var session = new CreateOsSession();
        session.UseHttpClient(new HttpClient(handler));
        var ex = Assert.Throws<InsecureTransportException>(() => session.Connect(Key(), new Uri(apiUri)));
        Assert.False(session.IsConnected);
        Assert.Contains(apiUri.StartsWith("ftp", StringComparison.Ordinal) ? "is not an http(s) address" : "connect with -AllowInsecureTransport", ex.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Cleartext_to_another_machine_is_refused_for_the_gateway_and_the_rpc()
    {
        var session = new CreateOsSession();
        Assert.Throws<InsecureTransportException>(() => session.Connect(Key(), gatewayUri: new Uri("http://gateway.example.test")));
        session.Connect(Key());
        session.ChainRpcUris["arbitrum"] = new Uri("http://rpc.example.test");
        Assert.Contains("the Arbitrum One RPC endpoint", Assert.Throws<InsecureTransportException>(() => session.GetRpcClient(Arbitrum)).Message);
    }

    [Theory]
    [InlineData("http://localhost:8787")]
    [InlineData("http://127.0.0.1:8787")]
    [InlineData("http://[::1]:8787")]
    [InlineData("https://api.example.test")]
    public void Https_and_this_machine_need_no_opt_in(string apiUri)
    {
        var session = new CreateOsSession();
        session.Connect(Key(), new Uri(apiUri), new Uri(apiUri));
        Assert.True(session.IsConnected);
    }

    [Fact]
    public void The_explicit_opt_in_lets_cleartext_through()
    {
        var session = new CreateOsSession { AllowInsecureTransport = true };
        session.Connect(Key(), new Uri("http://api.example.test"), new Uri("http://gateway.example.test"));
        session.ChainRpcUris["base"] = new Uri("http://rpc.example.test");
        Assert.Equal(new Uri("http://rpc.example.test"), session.GetRpcUri(Base));
    }

    // ---- item 4: budgets mean what they say ----

    private static Func<string, string?> Environment(string? daily, string? monthly = null) =>
        name => name == PaymentBudgets.DailyVariable ? daily : name == PaymentBudgets.MonthlyVariable ? monthly : null;

    [Fact]
    public void A_budget_of_zero_in_the_environment_means_no_payments()
    {
        var session = new CreateOsSession();
        session.LoadBudgetsFromEnvironment(Environment("0", "0.00"));
        Assert.Equal(0m, session.DailyBudgetUsd);
        Assert.Equal(0m, session.MonthlyBudgetUsd);
        var terms = new PaymentTerms(new PaymentQuote { AmountUsd = 0.01m }, Arbitrum, TokenRegistry.GetToken(Arbitrum, "usdc", false), 10_000, CreateOs.Core.Wallet.EthereumAddress.Parse("0x2664D5d0baa2D464D922c2137854ec33d95E12F8"));
        var limits = new PaymentLimits { DailyBudgetUsd = session.DailyBudgetUsd, MonthlyBudgetUsd = session.MonthlyBudgetUsd };
        var ex = Assert.Throws<PaymentRefusedException>(() => PaymentPolicy.CheckBudget(terms, limits, Array.Empty<PaymentRecord>(), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", DateTimeOffset.UtcNow));
        Assert.Equal(PaymentRefusal.OverBudget, ex.Reason);
        Assert.Contains("budget is 0 USD, which means no payments", ex.Message);
    }

    [Theory]
    [InlineData("abc", "not an amount of USD")]
    [InlineData("-1", "cannot be negative")]
    [InlineData("1e3", "not an amount of USD")]
    [InlineData("50 USD", "not an amount of USD")]
    [InlineData("NaN", "not an amount of USD")]
    [InlineData("99999999999999999999999999999999", "not an amount of USD")]
    public void A_budget_that_is_not_a_non_negative_amount_is_an_error_naming_the_variable(string value, string reason)
    {
        var session = new CreateOsSession();
        var daily = Assert.Throws<BudgetConfigurationException>(() => session.LoadBudgetsFromEnvironment(Environment(value)));
        Assert.Equal(PaymentBudgets.DailyVariable, daily.Variable);
        Assert.Contains("$CREATEOS_DAILY_BUDGET_USD", daily.Message);
        Assert.Contains(reason, daily.Message);
        var monthly = Assert.Throws<BudgetConfigurationException>(() => session.LoadBudgetsFromEnvironment(Environment(null, value)));
        Assert.Contains("$CREATEOS_MONTHLY_BUDGET_USD", monthly.Message);
        Assert.Equal(PaymentLimits.SafeDefaultDailyBudgetUsd, session.DailyBudgetUsd);
    }

    [Fact]
    public void Unset_means_the_safe_defaults_and_a_value_set_on_the_session_wins()
    {
        var session = new CreateOsSession();
        session.LoadBudgetsFromEnvironment(Environment(null, " "));
        Assert.Equal(50m, session.DailyBudgetUsd);
        Assert.Equal(500m, session.MonthlyBudgetUsd);
        session.DailyBudgetUsd = 7m;
        session.LoadBudgetsFromEnvironment(Environment("12.5", "100"));
        Assert.Equal(7m, session.DailyBudgetUsd);
        Assert.Equal(100m, session.MonthlyBudgetUsd);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.MonthlyBudgetUsd = -1m);
    }
}
