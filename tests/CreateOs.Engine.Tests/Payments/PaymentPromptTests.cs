using CreateOs.Core.Gateway;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// The prompts of a paid deploy: ShouldProcess for the deploy (before anything is uploaded; -Confirm:$false answers it)
/// and one payment confirmation once the amount is known (-Force answers it, -Confirm:$false does not). Never three.
/// </summary>
[Collection(GatewayCollection.Name)]
public class PaymentPromptTests
{
    private const int Yes = 0;
    private const int No = 2; // ShouldProcess offers Yes, Yes to All, No, No to All, Suspend; ShouldContinue Yes, No.
    private const int ShouldContinueNo = 1;
    private readonly GatewayFixture _fixture;

    public PaymentPromptTests(GatewayFixture fixture) => _fixture = fixture;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<(PowerShellSession Ps, string Wallet, List<(string Caption, string Message)> Prompts, MppDeployResult? Result)> DeployAnswering(string switches, params int[] answers)
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(5m);
        foreach (var answer in answers) ps.Host.ChoiceAnswers.Enqueue(answer);
        var output = ps.Invoke($"Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -MaxPaymentUsd 1 {switches}", _fixture.HelloFolder, NewName("prompt"));
        Assert.Empty(ps.Host.ChoiceAnswers);
        var result = output.Select(o => o.BaseObject).OfType<MppDeployResult>().SingleOrDefault();
        return (ps, wallet, ps.Host.Prompts.ToList(), result);
    }

    [Fact]
    public async Task By_default_a_paid_deploy_asks_twice_first_to_deploy_then_to_pay_the_quoted_amount()
    {
        var (ps, wallet, prompts, result) = await DeployAnswering("", Yes, Yes);
        using var _ = ps;
        Assert.Empty(ps.Errors);
        Assert.Equal(2, prompts.Count);
        Assert.Contains("Deploy through the pay-per-deploy gateway", prompts[0].Message);
        Assert.Equal("Confirm payment", prompts[1].Caption);
        Assert.Matches(@"^Pay 0\.5 USDC \(0\.5 USD\) on Arbitrum One \(42161\) to 0x[0-9a-fA-F]{40}", prompts[1].Message);
        Assert.Equal("ready", result!.Status);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task Confirm_false_answers_only_the_deploy_prompt_and_the_payment_is_still_asked()
    {
        var (ps, wallet, prompts, result) = await DeployAnswering("-Confirm:$false", Yes);
        using var _ = ps;
        Assert.Empty(ps.Errors);
        Assert.Equal("Confirm payment", Assert.Single(prompts).Caption);
        Assert.Equal("ready", result!.Status);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task Force_answers_only_the_payment_prompt_and_the_deploy_is_still_asked()
    {
        var (ps, wallet, prompts, result) = await DeployAnswering("-Force", Yes);
        using var _ = ps;
        Assert.Empty(ps.Errors);
        Assert.Contains("Deploy through the pay-per-deploy gateway", Assert.Single(prompts).Message);
        Assert.Equal("ready", result!.Status);
        Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task Declining_the_payment_signs_nothing_and_closes_the_quote()
    {
        var (ps, wallet, prompts, result) = await DeployAnswering("", Yes, ShouldContinueNo);
        using var _ = ps;
        Assert.Empty(ps.Errors);
        Assert.Equal(2, prompts.Count);
        Assert.Equal("not paid", result!.Status);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
        Assert.Equal(PaymentState.Closed, record.State);
    }

    [Fact]
    public async Task Declining_the_deploy_uploads_nothing_and_asks_nothing_more()
    {
        var (ps, wallet, prompts, result) = await DeployAnswering("", No);
        using var _ = ps;
        Assert.Empty(ps.Errors);
        Assert.Single(prompts);
        Assert.Null(result);
        Assert.Empty(ps.Invoke("Get-MppPayment"));
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    [Fact]
    public async Task A_host_that_cannot_ask_stops_before_signing_and_names_Force()
    {
        var (ps, wallet, prompts, result) = await DeployAnswering("-Confirm:$false");
        using var _ = ps;
        Assert.Empty(prompts);
        Assert.Null(result);
        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.MppDeployPaymentNotConfirmed,CreateOs.Commands.Mpp.InvokeMppDeployCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.Contains("Nothing was signed", error.Exception.Message);
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
        var record = (PaymentRecord)Assert.Single(ps.Invoke("Get-MppPayment")).BaseObject;
        Assert.Equal(PaymentState.Closed, record.State);
    }
}
