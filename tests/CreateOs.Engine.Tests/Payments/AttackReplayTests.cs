using System.Management.Automation;
using System.Text.RegularExpressions;
using CreateOs.Core.Gateway;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Faults;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// Issue 11, replayed through the cmdlets against the sandbox with its real chains: each attack of the adversarial
/// review, and the proof that it no longer moves money (the chain itself is asked how many transfers left the wallet).
/// </summary>
[Collection(GatewayCollection.Name)]
public class AttackReplayTests
{
    private readonly GatewayFixture _fixture;

    public AttackReplayTests(GatewayFixture fixture) => _fixture = fixture;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private string PayTo => _fixture.Sandbox.Gateway.Options.PayTo;

    [Fact]
    public async Task A_failed_recipient_lookup_pays_nobody_until_a_recipient_is_pinned()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(5m);
        using var _ = ps;
        var fault = _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/agent/recipients", Status = 500, Message = "recipients are down" });
        try
        {
            ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -Confirm:$false -Force", _fixture.HelloFolder, NewName("unlisted"));
            var refused = Assert.Single(ps.Errors);
            Assert.Equal("CreateOs.MppDeployPaymentRefused", refused.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("could not be read", refused.ToString());
            Assert.Contains($"(Get-CreateOsContext).PinnedRecipients.Add('{PayTo}')", refused.ToString());
            Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
            ps.Errors.Clear();

            ps.Invoke("(Get-CreateOsContext).PinnedRecipients.Add($args[0])", PayTo);
            var result = (MppDeployResult)ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -NoWait -Confirm:$false -Force", _fixture.HelloFolder, NewName("pinned")).Single().BaseObject;
            Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors));
            Assert.Equal("accepted", result.Status);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
        }
        finally
        {
            _fixture.Sandbox.Host.Faults.Remove(fault.Id);
        }
    }

    [Fact]
    public async Task Terminal_escapes_in_a_gateway_error_reach_neither_the_error_record_nor_the_screen()
    {
        var (ps, _) = await _fixture.FundedSessionAsync(0m);
        using var __ = ps;
        const string spoof = "\u001b]0;all good\u0007\u001b[2K\r\u001b[32mOK: deployed, nothing was paid\u001b[0m";
        var fault = _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", Status = 400, Message = spoof, Count = 1 });
        try
        {
            var screen = ps.Render("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force 2>&1", _fixture.HelloFolder, NewName("spoof"));
            var record = (ErrorRecord)ps.Invoke("$Error[0]").Single().BaseObject;
            foreach (var text in new[] { screen, record.ToString(), record.Exception.Message, record.ErrorDetails.Message, ((CreateOs.Core.Http.ApiException)record.Exception).ServiceMessage! })
            {
                Assert.DoesNotMatch("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]", text);
                Assert.DoesNotContain("]0;all good", text);
            }
            Assert.Contains("OK: deployed, nothing was paid", record.ErrorDetails.Message);
            Assert.Equal(1, fault.Applied);
        }
        finally
        {
            _fixture.Sandbox.Host.Faults.Remove(fault.Id);
        }
    }

    [Fact]
    public async Task A_gateway_other_than_the_official_one_reads_and_pays_on_no_public_rpc_unless_one_is_named()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(5m);
        using var _ = ps;
        // The same sandbox, but reached as a plain gateway: nothing says which chains come with it.
        ps.Invoke("Connect-CreateOs -ApiUri $args[0] -GatewayUri $args[0] -ApiKey $__key", _fixture.BaseUri);
        Assert.Empty(ps.Errors);
        ps.Invoke("Get-WalletBalance");
        Assert.Equal("CreateOs.WalletBalanceChainNotAvailable", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("not the official CreateOS gateway", ps.Errors[0].ToString());
        ps.Errors.Clear();

        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -Confirm:$false -Force", _fixture.HelloFolder, NewName("public"));
        var refused = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.MppDeployChainNotAvailable", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ResourceUnavailable, refused.CategoryInfo.Category);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        Assert.DoesNotContain(ps.Invoke("Get-MppPayment").Select(p => (PaymentRecord)p.BaseObject), p => p.MayHavePaid);
        ps.Errors.Clear();

        var arbitrumRpc = _fixture.Sandbox.Chains!.GetChain("arbitrum").RpcUrl;
        ps.Invoke("Connect-CreateOs -ApiUri $args[0] -GatewayUri $args[0] -ChainRpcUri @{ arbitrum = $args[1] } -ApiKey $__key", _fixture.BaseUri, arbitrumRpc);
        var balances = ps.Invoke("Get-WalletBalance").Select(b => (CreateOs.Core.Models.WalletBalance)b.BaseObject).ToList();
        Assert.Empty(ps.Errors);
        Assert.All(balances, b => Assert.Equal("arbitrum", b.Chain));
        Assert.Contains(balances, b => b.Token == "usdc" && b.Balance == 5m);
    }

    [Fact]
    public async Task A_daily_budget_of_zero_pays_nothing()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(5m);
        using var _ = ps;
        ps.Invoke("(Get-CreateOsContext).DailyBudgetUsd = 0");
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, NewName("zero"));
        var refused = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.MppDeployPaymentOverBudget", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("which means no payments", refused.ToString());
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task What_was_paid_from_another_journal_folder_counts_against_the_daily_budget()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(5m);
        using var _ = ps;
        var first = Directory.CreateTempSubdirectory("journal-first-").FullName;
        var second = Directory.CreateTempSubdirectory("journal-second-").FullName;
        ps.Invoke("(Get-CreateOsContext).PaymentJournalDirectory = $args[0]", first);
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -Confirm:$false -Force", _fixture.HelloFolder, NewName("first"));
        Assert.Empty(ps.Errors);
        var price = ((PaymentRecord)ps.Invoke("Get-MppPayment").Single().BaseObject).AmountUsd;

        // A budget that holds one more payment of this price but not two, in a fresh folder that has paid nothing.
        ps.Invoke("$ctx = Get-CreateOsContext; $ctx.PaymentJournalDirectory = $args[0]; $ctx.DailyBudgetUsd = $args[1]", second, price * 1.5m);
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -Confirm:$false -Force", _fixture.HelloFolder, NewName("second"));

        var refused = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.MppDeployPaymentOverBudget", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains($"paid in the last 24 hours to {price * 2} USD", refused.ToString());
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task Budget_variables_are_read_when_connecting_zero_is_kept_and_nonsense_is_named()
    {
        var work = Directory.CreateTempSubdirectory("budget-env-").FullName;
        string Script(string extra) => string.Join("; ",
            $"(Get-CreateOsContext).PaymentJournalDirectory = '{Path.Combine(work, "journal")}'",
            "try { " + $"Connect-CreateOs -SandboxUri '{_fixture.BaseUri}' -ApiKey ([System.Net.NetworkCredential]::new('', '{GatewayFixture.ApiKey}').SecurePassword) -ErrorAction Stop; 'CONNECTED' " + "} catch { 'ERROR ' + $_.FullyQualifiedErrorId + ' ' + $_.Exception.Message }",
            extra);

        var nonsense = await CrashTrial.RunChildAsync(Script(""), new Dictionary<string, string> { ["CREATEOS_DAILY_BUDGET_USD"] = "fifty" }, null, TimeSpan.FromMinutes(1));
        Assert.Contains("ERROR CreateOs.SessionBudgetInvalid", nonsense);
        Assert.Contains("$CREATEOS_DAILY_BUDGET_USD is 'fifty'", nonsense);
        var negative = await CrashTrial.RunChildAsync(Script(""), new Dictionary<string, string> { ["CREATEOS_MONTHLY_BUDGET_USD"] = "-10" }, null, TimeSpan.FromMinutes(1));
        Assert.Contains("ERROR CreateOs.SessionBudgetInvalid", negative);
        Assert.Contains("$CREATEOS_MONTHLY_BUDGET_USD is -10, but a budget cannot be negative", negative);

        var zero = await CrashTrial.RunChildAsync(Script("'DAILY ' + (Get-CreateOsContext).DailyBudgetUsd"), new Dictionary<string, string> { ["CREATEOS_DAILY_BUDGET_USD"] = "0" }, null, TimeSpan.FromMinutes(1));
        Assert.Contains("CONNECTED", zero);
        Assert.Contains("DAILY 0", zero);
    }

    [Fact]
    public async Task A_crash_then_a_run_through_another_spelling_of_the_gateway_resumes_instead_of_paying_again()
    {
        var port = _fixture.BaseUri.Port;
        var outcome = await CrashTrial.RunAsync(_fixture.Sandbox, GatewayFixture.ApiKey, _fixture.HelloFolder, PaymentState.Mined, dropAnswer: false, TimeSpan.FromMinutes(2),
            resumeGatewayUri: $"http://LOCALHOST:{port}");
        Assert.True(outcome.OnChainPayments == 1, outcome.Log);
        Assert.True(outcome.Live, outcome.Log);
        Assert.Contains("is unfinished (Mined); finishing it instead of paying again", outcome.Log);
    }

    [Fact]
    public async Task A_crash_then_a_run_with_another_journal_folder_pays_nothing_beside_the_unfinished_payment()
    {
        var outcome = await CrashTrial.RunAsync(_fixture.Sandbox, GatewayFixture.ApiKey, _fixture.HelloFolder, PaymentState.Mined, dropAnswer: false, TimeSpan.FromMinutes(2),
            resumeJournalFolder: "journal-elsewhere");
        Assert.True(outcome.OnChainPayments == 1, outcome.Log);
        Assert.Contains("is unfinished (Mined) in another journal folder", outcome.Log);
        Assert.Contains("Nothing was paid now", outcome.Log);
    }

    [Fact]
    public async Task The_wallet_lock_is_let_go_once_the_gateway_holds_the_payment_not_when_the_app_is_ready()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(5m);
        using var _ = ps;
        var journal = new PaymentJournal((string)ps.Invoke("(Get-CreateOsContext).PaymentJournalDirectory").Single().BaseObject);
        var slowStatus = _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "GET", PathPattern = "/agent/deploy/*/*/status", LatencyMs = 2000 });
        try
        {
            var name = NewName("held");
            var run = Task.Run(() => ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -Confirm:$false -Force", _fixture.HelloFolder, name));
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!run.IsCompleted && DateTime.UtcNow < deadline && !journal.All().Any(r => r.UniqueName == name && r.State == PaymentState.Accepted))
                await Task.Delay(50);
            Assert.False(run.IsCompleted, "the deploy ended before it was followed: " + string.Join("; ", ps.Errors));

            // While the paid deployment is followed (each status answer takes 2 s), the next payment may take the lock.
            using (journal.LockWallet(wallet, TimeSpan.FromSeconds(1), CancellationToken.None)) { }
            await run;
            Assert.Empty(ps.Errors);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
        }
        finally
        {
            _fixture.Sandbox.Host.Faults.Remove(slowStatus.Id);
        }
    }

    [Fact]
    public async Task Two_runs_at_once_with_two_journal_folders_pay_once()
    {
        var outcome = await CrashTrial.RunSimultaneousAsync(_fixture.Sandbox, GatewayFixture.ApiKey, _fixture.HelloFolder, TimeSpan.FromMinutes(2));
        Assert.True(outcome.OnChainPayments == 1, outcome.Log);
        Assert.True(outcome.Live, outcome.Log);
        Assert.Matches(new Regex("already deployed|Another CreateOs session is paying"), outcome.Log);
    }
}
