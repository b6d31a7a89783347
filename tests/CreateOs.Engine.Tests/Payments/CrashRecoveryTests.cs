using CreateOs.Core.Gateway;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// Crash at every step: the paying process is killed right after each journal state (and once with the gateway
/// dropping its answer after acting), then the same command is run again. Exactly one transfer, and the app is live.
/// </summary>
[Collection(GatewayCollection.Name)]
public class CrashRecoveryTests
{
    private readonly GatewayFixture _fixture;

    public CrashRecoveryTests(GatewayFixture fixture) => _fixture = fixture;

    public static IEnumerable<object?[]> Steps() => new[]
    {
        new object?[] { PaymentState.Quoted, false },
        new object?[] { PaymentState.Signed, false },
        new object?[] { PaymentState.Broadcast, false },
        new object?[] { PaymentState.Mined, false },
        new object?[] { PaymentState.Submitted, false },
        new object?[] { PaymentState.Accepted, false },
        new object?[] { PaymentState.Submitted, true },
        new object?[] { null, true },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Killed_after_a_journal_state_then_run_again_pays_exactly_once_and_goes_live(PaymentState? haltAfter, bool dropAnswer)
    {
        var outcome = await CrashTrial.RunAsync(_fixture.Sandbox, GatewayFixture.ApiKey, _fixture.HelloFolder, haltAfter, dropAnswer, TimeSpan.FromMinutes(2));
        Assert.True(outcome.OnChainPayments == 1, $"{outcome.OnChainPayments} transfers on-chain\n{outcome.Log}");
        Assert.True(outcome.Live, "the deploy did not end live\n" + outcome.Log);
        if (haltAfter.HasValue) Assert.Contains("CREATEOS-HALTED " + haltAfter, outcome.Log);
    }

    public static IEnumerable<object?[]> AuthorizationSteps() => new[]
    {
        new object?[] { PaymentState.Quoted, false },
        new object?[] { PaymentState.Signed, false },
        new object?[] { PaymentState.Submitted, false },
        new object?[] { PaymentState.Accepted, false },
        new object?[] { PaymentState.Submitted, true },
        new object?[] { null, true },
    };

    [Theory]
    [MemberData(nameof(AuthorizationSteps))]
    public async Task Payment_v2_killed_after_a_journal_state_then_run_again_pays_exactly_once_and_goes_live(PaymentState? haltAfter, bool dropAnswer)
    {
        var outcome = await CrashTrial.RunAsync(_fixture.Sandbox, GatewayFixture.ApiKey, _fixture.HelloFolder, haltAfter, dropAnswer, TimeSpan.FromMinutes(2), CreateOs.Sandbox.Gateway.GatewayProtocol.V2);
        Assert.True(outcome.OnChainPayments == 1, $"{outcome.OnChainPayments} payments on-chain\n{outcome.Log}");
        Assert.True(outcome.Live, "the deploy did not end live\n" + outcome.Log);
        if (haltAfter.HasValue) Assert.Contains("CREATEOS-HALTED " + haltAfter, outcome.Log);
    }
}
