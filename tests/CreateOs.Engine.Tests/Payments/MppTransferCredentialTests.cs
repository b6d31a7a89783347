using CreateOs.Core.Chain;
using CreateOs.Core.Gateway;
using CreateOs.Core.Wallet;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Faults;
using CreateOs.Sandbox.Gateway;
using PaymentCredentialKind = CreateOs.Core.Gateway.PaymentCredentialKind;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// Invoke-MppDeploy answering an MPP challenge whose <c>credentialTypes</c> ask for the wallet's own transfer
/// (draft-evm-charge <c>transaction</c>: the gateway broadcasts it; <c>hash</c>: the wallet broadcasts it): journaled
/// before it is sent, paid once on the chain, and re-bound — never re-paid — when its challenge expires in transit.
/// </summary>
[Collection(GatewayCollection.Name)]
public class MppTransferCredentialTests
{
    private readonly GatewayFixture _fixture;

    public MppTransferCredentialTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayOptions Options => _fixture.Sandbox.Gateway.Options;

    private async Task WithCredentialTypesAsync(string type, Func<Task> body)
    {
        Options.Protocol = GatewayProtocol.V2;
        Options.ChallengeForms = GatewayChallengeForms.Mpp;
        Options.MppCredentialTypes = [type];
        try { await body(); }
        finally
        {
            Options.Protocol = GatewayProtocol.V1;
            Options.ChallengeForms = GatewayChallengeForms.All;
            Options.MppCredentialTypes = [MppCredentialType.Authorization];
            Options.ChallengeLifetime = TimeSpan.FromMinutes(5);
            _fixture.Sandbox.Host.Faults.Clear();
        }
    }

    private EthRpcClient Rpc(string chain) => new(new HttpClient(), new Uri(_fixture.Sandbox.Chains!.GetChain(chain).RpcUrl));

    [Theory]
    [InlineData(MppCredentialType.Transaction, PaymentCredentialKind.MppTransaction)]
    [InlineData(MppCredentialType.Hash, PaymentCredentialKind.MppHash)]
    public async Task The_wallets_own_transfer_in_an_mpp_credential_pays_once_and_is_journaled_before_it_is_sent(string type, PaymentCredentialKind expected)
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithCredentialTypesAsync(type, async () =>
        {
            var gasBefore = await Rpc("arbitrum").GetBalanceAsync(EthereumAddress.Parse(wallet));
            var output = ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -Confirm:$false -Force", _fixture.HelloFolder, $"{type}-{Guid.NewGuid():N}"[..20]);

            Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())));
            var result = (MppDeployResult)output.Single().BaseObject;
            Assert.Equal("ready", result.Status);
            Assert.Equal(expected.ToString(), result.PaymentProtocol);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            Assert.True(await Rpc("arbitrum").GetBalanceAsync(EthereumAddress.Parse(wallet)) < gasBefore, "the wallet pays the gas of its own transfer");

            var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
            var expectedHistory = expected == PaymentCredentialKind.MppHash
                ? new[] { PaymentState.Quoted, PaymentState.Signed, PaymentState.Broadcast, PaymentState.Mined, PaymentState.Submitted, PaymentState.Accepted }
                : new[] { PaymentState.Quoted, PaymentState.Signed, PaymentState.Submitted, PaymentState.Accepted };
            Assert.Equal(expectedHistory, record.History.Select(h => h.State));
            Assert.Equal(record.TransactionHash, result.PaymentTx);
            Assert.NotNull(record.Credential);
            Assert.Equal(1, (await Rpc("arbitrum").GetTransactionReceiptAsync(record.TransactionHash!))!.Status);
        });
    }

    [Fact]
    public async Task A_hash_credential_whose_challenge_expired_in_transit_is_re_bound_to_a_fresh_challenge_not_paid_again()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        await WithCredentialTypesAsync(MppCredentialType.Hash, async () =>
        {
            // The first credential reaches the gateway only after its 30 s challenge has expired: 402 payment-expired.
            Options.ChallengeLifetime = TimeSpan.FromSeconds(30);
            _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = "Authorization", LatencyMs = 31_000, Count = 1 });

            var output = ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain arbitrum -Confirm:$false -Force", _fixture.HelloFolder, $"rebind-{Guid.NewGuid():N}"[..20]);

            Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())));
            var result = (MppDeployResult)output.Single().BaseObject;
            Assert.Equal("ready", result.Status);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
            Assert.Contains(record.History, h => h.Note?.Contains("re-bound to fresh challenge") == true);
            Assert.Single(record.TransactionHashes);
        });
    }
}
