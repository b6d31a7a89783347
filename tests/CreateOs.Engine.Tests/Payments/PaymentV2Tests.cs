using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Core.Wallet;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Faults;
using CreateOs.Sandbox.Gateway;
using PaymentCredentialKind = CreateOs.Core.Gateway.PaymentCredentialKind;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// Invoke-MppDeploy against a gateway speaking payment v2: the wallet signs an EIP-3009 authorization, the sandbox
/// gateway's settler executes it on the anvil chains (paying the gas), and every failure path ends with one payment at
/// most — counted on the chain itself.
/// </summary>
[Collection(GatewayCollection.Name)]
public class PaymentV2Tests
{
    private readonly GatewayFixture _fixture;

    public PaymentV2Tests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayOptions Options => _fixture.Sandbox.Gateway.Options;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>Runs <paramref name="body"/> with the gateway in a v2 mode, restoring v1 (and all faults) afterwards.</summary>
    private async Task WithGatewayAsync(GatewayProtocol protocol, GatewayChallengeForms forms, Func<Task> body)
    {
        Options.Protocol = protocol;
        Options.ChallengeForms = forms;
        try { await body(); }
        finally
        {
            Options.Protocol = GatewayProtocol.V1;
            Options.ChallengeForms = GatewayChallengeForms.All;
            Options.SettlementFault = SettlementFault.None;
            _fixture.Sandbox.Host.Faults.Clear();
        }
    }

    private static MppDeployResult Deploy(PowerShellSession ps, string folder, string name, string extra = "")
    {
        var output = ps.Invoke($"Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force {extra}", folder, name);
        Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())));
        return (MppDeployResult)output.Single().BaseObject;
    }

    /// <summary>Runs a deploy expected to fail; returns its one error and the wallet's one unfinished payment record.</summary>
    private static (System.Management.Automation.ErrorRecord Error, PaymentRecord Record) FailingDeploy(PowerShellSession ps, string wallet, string folder, string name, string expectedErrorId)
    {
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", folder, name);
        var error = Assert.Single(ps.Errors);
        Assert.StartsWith(expectedErrorId, error.FullyQualifiedErrorId);
        ps.Errors.Clear();
        var record = ps.Invoke("Get-MppPayment -Unfinished").Select(p => (PaymentRecord)p.BaseObject).Single(r => r.Wallet == wallet);
        return (error, record);
    }

    private EthRpcClient Rpc(string chain) => new(new HttpClient(), new Uri(_fixture.Sandbox.Chains!.GetChain(chain).RpcUrl));

    private async Task<bool> AuthorizationUsedAsync(string chain, PaymentRecord record) =>
        await new BalanceReader(Rpc(chain)).IsAuthorizationUsedAsync(TokenRegistry.GetToken(chain, "usdc"), EthereumAddress.Parse(record.Wallet), Hex.Decode(record.AuthorizationNonce!));

    /// <summary>
    /// Waits (in real time: the chains are shared, so their clocks are not warped) until a moment has passed, then
    /// mines a block so the chain's latest timestamp is past it.
    /// </summary>
    private async Task MineAfterAsync(string chain, long unixSeconds)
    {
        var wait = DateTimeOffset.FromUnixTimeSeconds(unixSeconds + 1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await Rpc(chain).RequestAsync("evm_mine", Array.Empty<object?>());
    }

    [Theory]
    [InlineData("arbitrum", GatewayChallengeForms.All, PaymentCredentialKind.Mpp)]
    [InlineData("base", GatewayChallengeForms.All, PaymentCredentialKind.Mpp)]
    [InlineData("arbitrum", GatewayChallengeForms.X402, PaymentCredentialKind.X402)]
    [InlineData("base", GatewayChallengeForms.X402, PaymentCredentialKind.X402)]
    public async Task A_v2_gateway_is_paid_by_a_signed_authorization_the_wallet_spends_no_gas(string chain, GatewayChallengeForms forms, PaymentCredentialKind expected)
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, forms, async () =>
        {
            var gasBefore = await Rpc(chain).GetBalanceAsync(EthereumAddress.Parse(wallet));
            var result = Deploy(ps, _fixture.HelloFolder, NewName("v2"), $"-Chain {chain}");

            Assert.Equal("ready", result.Status);
            Assert.Equal(expected.ToString(), result.PaymentProtocol);
            Assert.Equal(chain, result.Chain);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(chain, wallet));
            Assert.Equal(9.5m, ps.Invoke($"Get-WalletBalance -Chain {chain} -Token usdc").Select(b => ((WalletBalance)b.BaseObject).Balance).Single());
            Assert.Equal(gasBefore, await Rpc(chain).GetBalanceAsync(EthereumAddress.Parse(wallet)));

            var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
            Assert.Equal(expected, record.Protocol);
            Assert.Equal(new[] { PaymentState.Quoted, PaymentState.Signed, PaymentState.Submitted, PaymentState.Accepted }, record.History.Select(h => h.State));
            Assert.Matches("^0x[0-9a-f]{64}$", record.AuthorizationNonce!);
            Assert.True(await AuthorizationUsedAsync(chain, record));
            // The settlement was sent by the gateway's settler, not by the wallet.
            var settlement = await Rpc(chain).GetTransactionByHashAsync(result.PaymentTx!);
            Assert.NotNull(settlement);
            Assert.Equal(EthereumAddress.Parse(Options.SettlerAddress), settlement!.From);
            CreateOs.Engine.Tests.Experience.ProgressTests.AssertEveryActivityCompleted(ps, "Packing ", "Paying for the deploy", "Deploying ");
        });
    }

    [Fact]
    public async Task Protocol_negotiation_Auto_prefers_v2_V1_forces_a_transfer_and_v2_only_refuses_V1()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.Both, GatewayChallengeForms.All, async () =>
        {
            Assert.Equal("Mpp", Deploy(ps, _fixture.HelloFolder, NewName("auto")).PaymentProtocol);
            Assert.Equal("Transfer", Deploy(ps, _fixture.HelloFolder, NewName("force-v1"), "-PaymentProtocol V1").PaymentProtocol);
            Assert.Equal(2, await _fixture.OnChainPaymentsAsync(wallet));

            Options.Protocol = GatewayProtocol.V2;
            ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force -PaymentProtocol V1", _fixture.HelloFolder, NewName("v2-only"));
            var refused = Assert.Single(ps.Errors);
            Assert.StartsWith("CreateOs.MppDeployPaymentRefused", refused.FullyQualifiedErrorId);
            Assert.Contains("only payment v2", refused.Exception.Message);
            ps.Errors.Clear();

            ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force -Token usdt", _fixture.HelloFolder, NewName("v2-usdt"));
            Assert.Contains("only USDC", Assert.Single(ps.Errors).Exception.Message);
            ps.Errors.Clear();
            Assert.Equal(2, await _fixture.OnChainPaymentsAsync(wallet));
        });
        Options.Protocol = GatewayProtocol.V1;
        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force -PaymentProtocol V2", _fixture.HelloFolder, NewName("v1-only"));
        Assert.Contains("offers only payment v1", Assert.Single(ps.Errors).Exception.Message);
        Assert.Equal(2, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task WhatIf_shows_the_offer_and_signs_nothing()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.All, async () =>
        {
            ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -WhatIf", _fixture.HelloFolder, NewName("whatif"));
            Assert.Empty(ps.Errors);
            Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
            Assert.DoesNotContain(ps.Invoke("Get-MppPayment").Select(p => (PaymentRecord)p.BaseObject), r => r.Wallet == wallet && r.State != PaymentState.Closed);
        });
    }

    [Fact]
    public async Task A_challenge_too_close_to_expiry_is_refused_before_signing()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.Mpp, async () =>
        {
            Options.ChallengeLifetime = TimeSpan.FromSeconds(5);
            try
            {
                ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, NewName("expiring"));
            }
            finally { Options.ChallengeLifetime = TimeSpan.FromMinutes(5); }
            var error = Assert.Single(ps.Errors);
            Assert.StartsWith("CreateOs.MppDeployPaymentRefused", error.FullyQualifiedErrorId);
            Assert.Contains("expired", error.Exception.Message);
            Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        });
    }

    [Fact]
    public async Task A_dropped_answer_after_settlement_is_recovered_with_the_same_credential_not_a_second_payment()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.All, async () =>
        {
            _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = "Authorization", DropAfterActing = true, Count = 1 });
            var result = Deploy(ps, _fixture.HelloFolder, NewName("dropped"));
            Assert.Equal("ready", result.Status);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
            Assert.Equal(PaymentState.Accepted, record.State);
            Assert.Contains("/agent/projects", record.History.Last().Note);
        });
    }

    [Fact]
    public async Task A_transient_502_is_retried_with_the_same_credential()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.X402, async () =>
        {
            _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = "PAYMENT-SIGNATURE", Status = 502, Message = "Payment settlement failed: upstream", Count = 1 });
            var result = Deploy(ps, _fixture.HelloFolder, NewName("t502"));
            Assert.Equal("ready", result.Status);
            Assert.Equal("X402", result.PaymentProtocol);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
        });
    }

    [Fact]
    public async Task Settlement_failing_leaves_the_payment_resumable_and_Resume_pays_it_once()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.Mpp, async () =>
        {
            Options.SettlementFault = SettlementFault.FailBeforeSending;
            var (_, record) = FailingDeploy(ps, wallet, _fixture.HelloFolder, NewName("settle"), "CreateOs.MppDeployPaymentNotAccepted");
            Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
            Assert.Equal(PaymentState.RetryLater, record.State);
            var credential = record.Credential;

            Options.SettlementFault = SettlementFault.None;
            var resumed = (MppDeployResult)ps.Invoke("Resume-MppDeploy -Id $args[0] -Confirm:$false", record.Id).Single().BaseObject;
            Assert.Empty(ps.Errors);
            Assert.Equal("ready", resumed.Status);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            var after = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", record.Id).Single().BaseObject;
            Assert.Equal(credential, after.Credential);
            Assert.Equal(PaymentState.Accepted, after.State);
        });
    }

    [Fact]
    public async Task A_refused_authorization_is_never_replaced_while_it_can_settle_and_is_closed_once_proven_dead()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.Mpp, async () =>
        {
            var name = NewName("refused");
            _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = "Authorization", Status = 402, Message = "Payment verification failed", Count = 1 });
            var (_, record) = FailingDeploy(ps, wallet, _fixture.HelloFolder, name, "CreateOs.MppDeployPaymentNotAccepted");
            Assert.Equal(PaymentState.NeedsReconcile, record.State);
            Assert.False(await AuthorizationUsedAsync("arbitrum", record));

            // Running the deploy again while the authorization could still settle signs nothing new: it re-sends the same one.
            Deploy(ps, _fixture.HelloFolder, name);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            var paid = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", record.Id).Single().BaseObject;
            Assert.Equal(PaymentState.Accepted, paid.State);
            Assert.Equal(record.Credential, paid.Credential);
        });
    }

    [Fact]
    public async Task An_expired_unsettled_authorization_is_checked_on_chain_and_closed_without_paying()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.Mpp, async () =>
        {
            _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = "Authorization", Status = 402, Message = "Payment verification failed" });
            Options.ChallengeLifetime = TimeSpan.FromSeconds(25);
            try
            {
                ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, NewName("expired"));
            }
            finally { Options.ChallengeLifetime = TimeSpan.FromMinutes(5); }
            var record = ps.Invoke("Get-MppPayment -Unfinished").Select(p => (PaymentRecord)p.BaseObject).Single(r => r.Wallet == wallet);
            Assert.Equal(PaymentState.NeedsReconcile, record.State);
            ps.Errors.Clear();

            // Before validBefore the authorization could still settle: resuming re-sends it and does not close it.
            ps.Invoke("Resume-MppDeploy -Id $args[0] -Confirm:$false", record.Id);
            Assert.Equal(PaymentState.NeedsReconcile, ((PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", record.Id).Single().BaseObject).State);
            ps.Errors.Clear();

            await MineAfterAsync("arbitrum", record.ValidBefore!.Value);
            var resumed = ps.Invoke("Resume-MppDeploy -Id $args[0] -Confirm:$false", record.Id);
            Assert.Empty(ps.Errors);
            var closed = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", record.Id).Single().BaseObject;
            Assert.Equal(PaymentState.Closed, closed.State);
            Assert.Contains("nothing was paid", closed.History.Last().Note);
            Assert.False(closed.MayHavePaid);
            Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        });
    }

    [Fact]
    public async Task A_downstream_500_after_settlement_never_pays_again_and_the_credits_deploy_under_a_new_name()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var taken = NewName("taken");
        await _fixture.TakeNameAsync(taken);
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.All, async () =>
        {
            ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, taken);
            Assert.StartsWith("CreateOs.MppDeployPaymentNotAccepted", Assert.Single(ps.Errors).FullyQualifiedErrorId);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            Assert.True(_fixture.Sandbox.Gateway.GetCreditsUsd(wallet) >= 0.5m);
            ps.Errors.Clear();

            var result = Deploy(ps, _fixture.HelloFolder, NewName("renamed"), "-UseExistingCredits");
            Assert.Equal("ready", result.Status);
            Assert.Null(result.PaymentTx);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
        });
    }

    [Fact]
    public async Task A_challenge_that_expires_in_transit_gets_payment_expired_and_the_authorization_is_proven_dead_before_anything_new()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.Mpp, async () =>
        {
            Options.ChallengeLifetime = TimeSpan.FromSeconds(25);
            _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = "Authorization", LatencyMs = 28_000, Count = 1 });
            PaymentRecord? inTransit = null;
            try
            {
                var (error, failed) = FailingDeploy(ps, wallet, _fixture.HelloFolder, NewName("in-transit"), "CreateOs.MppDeployPaymentNotAccepted");
                Assert.Contains("payment-expired", error.Exception.Message);
                inTransit = failed;
            }
            finally { Options.ChallengeLifetime = TimeSpan.FromMinutes(5); }
            var record = inTransit!;

            await MineAfterAsync("arbitrum", record.ValidBefore!.Value);
            ps.Invoke("Resume-MppDeploy -Id $args[0] -Confirm:$false", record.Id);
            Assert.Empty(ps.Errors);
            Assert.Equal(PaymentState.Closed, ((PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", record.Id).Single().BaseObject).State);
            Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        });
    }

    [Fact]
    public async Task Settled_but_not_credited_is_a_409_on_retry_and_never_a_second_payment()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithGatewayAsync(GatewayProtocol.V2, GatewayChallengeForms.X402, async () =>
        {
            var name = NewName("uncredited");
            Options.SettlementFault = SettlementFault.FailAfterSending;
            var (_, record) = FailingDeploy(ps, wallet, _fixture.HelloFolder, name, "CreateOs.MppDeployPaymentNotAccepted");
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            Assert.True(await AuthorizationUsedAsync("arbitrum", record));
            Assert.True(record.MayHavePaid);

            Options.SettlementFault = SettlementFault.None;
            ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, name);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            var again = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", record.Id).Single().BaseObject;
            Assert.Equal(record.Credential, again.Credential);
            Assert.Equal(PaymentState.NeedsReconcile, again.State);
        });
    }
}
