using System.Management.Automation;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>Invoke-MppDeploy end to end: real quotes, real signed transfers on the sandbox's anvil chains, real on-chain verification.</summary>
[Collection(GatewayCollection.Name)]
public class PaidDeployTests
{
    private readonly GatewayFixture _fixture;

    public PaidDeployTests(GatewayFixture fixture) => _fixture = fixture;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static MppDeployResult Deploy(PowerShellSession ps, string folder, string name, string extra = "")
    {
        var output = ps.Invoke($"Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force {extra}", folder, name);
        Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())));
        return (MppDeployResult)output.Single().BaseObject;
    }

    [Fact]
    public async Task Hello_is_paid_in_USDC_on_Arbitrum_goes_live_and_serves_its_content()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var before = ps.Invoke("Get-WalletBalance -Chain arbitrum -Token usdc").Select(b => (WalletBalance)b.BaseObject).Single();
        Assert.Equal(10m, before.Balance);

        var result = Deploy(ps, _fixture.HelloFolder, NewName("hello"), "-Chain arbitrum -Token usdc -MaxPaymentUsd 1");

        Assert.Equal("ready", result.Status);
        Assert.Equal("arbitrum", result.Chain);
        Assert.Equal("usdc", result.Token);
        Assert.Equal(0.5m, result.AmountUsd);
        Assert.Matches("^0x[0-9a-f]{64}$", result.PaymentTx!);
        using var http = new HttpClient();
        Assert.Contains("Hello from CreateOs", await http.GetStringAsync(result.Endpoint));

        var rpc = new CreateOs.Core.Chain.EthRpcClient(new HttpClient(), new Uri(_fixture.Sandbox.Chains!.GetChain("arbitrum").RpcUrl));
        var receipt = await rpc.GetTransactionReceiptAsync(result.PaymentTx!);
        Assert.Equal(1, receipt!.Status);
        var transfer = CreateOs.Core.Chain.PaymentVerification.FindPayment(receipt, CreateOs.Core.Wallet.EthereumAddress.Parse("0xaf88d065e77c8cC2239327C5EDb3A432268e5831"),
            CreateOs.Core.Wallet.EthereumAddress.Parse(_fixture.Sandbox.Gateway.Options.PayTo), 500000, CreateOs.Core.Wallet.EthereumAddress.Parse(wallet));
        Assert.NotNull(transfer);
        Assert.Equal(new System.Numerics.BigInteger(500000), transfer!.Value);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
        var after = ps.Invoke("Get-WalletBalance -Chain arbitrum -Token usdc").Select(b => (WalletBalance)b.BaseObject).Single();
        Assert.Equal(9.5m, after.Balance);
        Assert.True(after.NativeBalance < before.NativeBalance);

        var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
        Assert.Equal(PaymentState.Accepted, record.State);
        Assert.NotNull(result.Endpoint);
        Assert.Equal(result.Endpoint, record.Endpoint); // where the app this payment bought went live
        Assert.Equal(new[] { PaymentState.Quoted, PaymentState.Signed, PaymentState.Broadcast, PaymentState.Mined, PaymentState.Submitted, PaymentState.Accepted }, record.History.Select(h => h.State));

        CreateOs.Engine.Tests.Experience.ProgressTests.AssertEveryActivityCompleted(ps, "Packing ", "Paying for the deploy", "Deploying ");

        var projects = ps.Invoke("Get-MppProject").Select(p => (MppProject)p.BaseObject).ToList();
        Assert.Contains(projects, p => p.Id == result.ProjectId);
        var status = (MppDeploymentStatus)ps.Invoke("$args[0] | Get-MppDeploymentStatus", result).Single().BaseObject;
        Assert.True(status.IsReady);
    }

    [Fact]
    public async Task Base_with_USDT_needs_the_explicit_opt_in_and_then_pays_there()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain base -Token usdt -Confirm:$false -Force", _fixture.HelloFolder, NewName("usdt"));
        var refused = Assert.Single(ps.Errors);
        Assert.StartsWith("CreateOs.MppDeployPaymentRefused", refused.FullyQualifiedErrorId);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        ps.Errors.Clear();

        var result = Deploy(ps, _fixture.HelloFolder, NewName("usdt"), "-Chain base -Token usdt -AllowUnofficialToken");
        Assert.Equal("ready", result.Status);
        Assert.Equal("base", result.Chain);
        Assert.Equal("usdt", result.Token);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync("base", wallet));
        Assert.Equal(9.5m, ps.Invoke("Get-WalletBalance -Chain base -Token usdt").Select(b => ((WalletBalance)b.BaseObject).Balance).Single());
    }

    [Fact]
    public async Task Case_A_credits_and_no_active_project_deploy_without_paying()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(5m);
        using var _ = ps;
        _fixture.Sandbox.Gateway.GrantCredits(wallet, 2m);
        var result = Deploy(ps, _fixture.HelloFolder, NewName("case-a"));
        Assert.Null(result.PaymentTx);
        Assert.Equal("ready", result.Status);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task Case_B_and_C_shared_credits_are_used_only_with_UseExistingCredits_otherwise_paid()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var first = Deploy(ps, _fixture.HelloFolder, NewName("case-c"));
        Assert.NotNull(first.PaymentTx);
        _fixture.Sandbox.Gateway.GrantCredits(wallet, 5m);

        var shared = Deploy(ps, _fixture.HelloFolder, NewName("case-b"), "-UseExistingCredits");
        Assert.Null(shared.PaymentTx);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));

        var paid = Deploy(ps, _fixture.HelloFolder, NewName("case-c2"));
        Assert.NotNull(paid.PaymentTx);
        Assert.Contains(ps.Warnings, w => w.Message.Contains("active project"));
        Assert.Equal(2, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task Case_D_without_enough_tokens_fails_before_signing_saying_what_is_missing()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(0.25m);
        using var _ = ps;
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, NewName("poor"));
        var error = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.QuotaExceeded, error.CategoryInfo.Category);
        Assert.Contains("0.25 more USDC", error.Exception.Message);
        Assert.Contains("Arbitrum", error.Exception.Message);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task A_price_above_the_cap_is_refused_before_signing()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Months 3 -MaxPaymentUsd 1 -Confirm:$false -Force", _fixture.HelloFolder, NewName("cap"));
        var error = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.QuotaExceeded, error.CategoryInfo.Category);
        Assert.StartsWith("CreateOs.MppDeployPaymentOverCap", error.FullyQualifiedErrorId);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task An_unexpected_recipient_is_refused_before_signing()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        ps.Invoke("(Get-CreateOsContext).PinnedRecipients.Add('0x04a3D3F1000000000000000000000000000C39D0')");
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, NewName("payto"));
        var error = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("pinned recipients", error.Exception.Message);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task WhatIf_sends_nothing_to_the_gateway_and_reports_the_plan()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(1m);
        using var _ = ps;
        var before = _fixture.Sandbox.Gateway.Requests.Count(r => string.Equals(r.Wallet, wallet, StringComparison.OrdinalIgnoreCase));
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name whatif-hello -Port 80 -Chain base -MaxPaymentUsd 3 -WhatIf", _fixture.HelloFolder);
        Assert.Empty(ps.Errors);
        Assert.Equal(before, _fixture.Sandbox.Gateway.Requests.Count(r => string.Equals(r.Wallet, wallet, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("What if:", ps.HostText);
        Assert.Contains("1 files", ps.HostText);
        Assert.Contains(wallet, ps.HostText);
        Assert.Contains("on base, at most 3 USD", ps.HostText);
    }

    [Fact]
    public async Task Declining_the_payment_pays_nothing_and_closes_the_quote()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        // The text host cannot prompt, so without -Force the extra payment confirmation is refused.
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false", _fixture.HelloFolder, NewName("decline"));
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        var records = ps.Invoke("Get-MppPayment").Select(r => (PaymentRecord)r.BaseObject).ToList();
        Assert.All(records, r => Assert.True(r.State == PaymentState.Closed || r.State == PaymentState.Quoted));
    }

    [Fact]
    public async Task The_daily_budget_counts_earlier_payments_from_the_journal_and_refuses_before_signing()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        Assert.Equal(PaymentLimits.SafeDefaultDailyBudgetUsd, (decimal)ps.Invoke("(Get-CreateOsContext).DailyBudgetUsd").Single().BaseObject);
        ps.Invoke("(Get-CreateOsContext).DailyBudgetUsd = 0.75");
        Deploy(ps, _fixture.HelloFolder, NewName("budget"));

        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, NewName("budget"));
        var refused = Assert.Single(ps.Errors);
        Assert.StartsWith("CreateOs.MppDeployPaymentOverBudget", refused.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.QuotaExceeded, refused.CategoryInfo.Category);
        Assert.Contains("daily budget of 0.75", refused.Exception.Message);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task Gateway_cmdlets_pipe_into_each_other()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var chains = ps.Invoke("Get-MppChain").Select(c => (MppChain)c.BaseObject).ToList();
        Assert.Equal(new[] { "arbitrum", "base" }, chains.Select(c => c.Chain).OrderBy(c => c));
        Assert.All(chains, c => Assert.True(c.IsPinned));

        var fromGateway = ps.Invoke("Get-WalletBalance -Source Gateway -Chain base -Token usdc").Select(b => (WalletBalance)b.BaseObject).Single();
        Assert.Equal(10m, fromGateway.Balance);
        Assert.Equal("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", fromGateway.Contract);
        Assert.Equal("Gateway", fromGateway.Source);

        var name = NewName("pipes");
        var accepted = Deploy(ps, _fixture.HelloFolder, name, "-NoWait");
        Assert.Equal("accepted", accepted.Status);
        var final = (MppDeploymentStatus)ps.Invoke("$args[0] | Wait-MppDeployment -Timeout 60", accepted).Single().BaseObject;
        Assert.True(final.IsReady, final.ToString());

        // Running the same deploy again follows the paid deployment instead of paying a second time.
        var again = Deploy(ps, _fixture.HelloFolder, name);
        Assert.Equal(accepted.ProjectId, again.ProjectId);
        Assert.Contains(ps.Warnings, w => w.Message.Contains("already deployed and paid"));
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));

        ps.Invoke("Get-MppProject -Name $args[0] | Remove-MppProject -Confirm:$false", name);
        Assert.Empty(ps.Errors);
        var left = ps.Invoke("Get-MppProject -Name $args[0]", name).Select(p => (MppProject)p.BaseObject).ToList();
        Assert.True(left.Count == 0 || left.All(p => p.Status is "deleting" or "deleted"), string.Join(", ", left.Select(p => p.Status)));
    }
}
