using CreateOs.Core.Gateway;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Faults;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>Every failure after paying keeps the same transfer: exactly one payment on-chain, and the deploy still ends live.</summary>
[Collection(GatewayCollection.Name)]
public class AfterPaymentFailureTests
{
    private readonly GatewayFixture _fixture;

    public AfterPaymentFailureTests(GatewayFixture fixture) => _fixture = fixture;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private FaultRule OnPaidRetry(int? status = null, bool drop = false, int? retryAfter = null, int count = 1) =>
        _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = "X-Payment-Tx", Status = status, DropAfterActing = drop, RetryAfterSeconds = retryAfter, Count = count });

    private async Task<(MppDeployResult Result, PaymentRecord Record, string Wallet)> PaidDeployWithFaultAsync(FaultRule rule)
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        try
        {
            var output = ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, NewName("fault"));
            Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())));
            var result = (MppDeployResult)output.Single().BaseObject;
            var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
            Assert.Equal(1, rule.Applied);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            Assert.Equal("ready", result.Status);
            return (result, record, wallet);
        }
        finally
        {
            _fixture.Sandbox.Host.Faults.Remove(rule.Id);
        }
    }

    [Fact]
    public async Task Verification_failed_402_retries_the_same_hash()
    {
        var (_, record, _) = await PaidDeployWithFaultAsync(OnPaidRetry(status: 402, retryAfter: 0));
        Assert.Equal(PaymentState.Accepted, record.State);
        Assert.Equal(2, record.History.Count(h => h.State == PaymentState.Submitted));
        Assert.Single(record.TransactionHashes);
    }

    [Fact]
    public async Task A_401_is_answered_by_re_signing_with_a_fresh_nonce() =>
        Assert.Equal(PaymentState.Accepted, (await PaidDeployWithFaultAsync(OnPaidRetry(status: 401, retryAfter: 0))).Record.State);

    [Fact]
    public async Task A_429_honours_retry_after() =>
        Assert.Equal(PaymentState.Accepted, (await PaidDeployWithFaultAsync(OnPaidRetry(status: 429, retryAfter: 1))).Record.State);

    [Fact]
    public async Task A_502_is_retried_with_the_same_hash() =>
        Assert.Equal(PaymentState.Accepted, (await PaidDeployWithFaultAsync(OnPaidRetry(status: 502, retryAfter: 0))).Record.State);

    [Fact]
    public async Task A_lost_answer_after_the_gateway_acted_is_reconciled_through_the_project_list()
    {
        var (result, record, _) = await PaidDeployWithFaultAsync(OnPaidRetry(drop: true));
        Assert.Equal(PaymentState.Accepted, record.State);
        Assert.False(string.IsNullOrEmpty(result.Endpoint));
        using var http = new HttpClient();
        Assert.Contains("Hello from CreateOs", await http.GetStringAsync(result.Endpoint));
    }

    [Fact]
    public async Task A_downstream_500_after_the_top_up_never_pays_again_and_the_credits_deploy_under_a_new_name()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var taken = NewName("taken");
        await _fixture.TakeNameAsync(taken);

        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, taken);
        var error = Assert.Single(ps.Errors);
        Assert.StartsWith("CreateOs.MppDeployPaymentNotAccepted", error.FullyQualifiedErrorId);
        Assert.Contains("Resume-MppDeploy", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
        Assert.True(_fixture.Sandbox.Gateway.GetCreditsUsd(wallet) >= 0.5m);

        // Running it again resumes the same payment (it may have paid) instead of paying twice.
        ps.Errors.Clear();
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, taken);
        Assert.Contains(ps.Warnings, w => w.Message.Contains("unfinished"));
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));

        // A new name with the credits that payment bought: deployed, still one transfer.
        ps.Errors.Clear();
        var output = ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -UseExistingCredits -Confirm:$false -Force", _fixture.HelloFolder, NewName("renamed"));
        Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())));
        var result = (MppDeployResult)output.Single().BaseObject;
        Assert.Equal("ready", result.Status);
        Assert.Null(result.PaymentTx);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
    }
}
