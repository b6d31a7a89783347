using System.Management.Automation;
using CreateOs.Core.Gateway;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox;
using CreateOs.Sandbox.Gateway;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// Issue 11, item 1: a sandbox started without chains (--no-chains, or anvil missing) lists none at /sandbox/info. A
/// session connected to it must never reach for a public chain — not to read a balance, not to pay, not to resume —
/// and its gateway quotes no payment it could not verify. Its REST API keeps working.
/// </summary>
public sealed class SandboxWithoutChainsTests : IAsyncLifetime
{
    private const string ApiKey = "skp_no_chains";
    private GatewaySandbox _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await GatewaySandbox.StartAsync(new SandboxOptions { ApiKeys = new List<string> { ApiKey }, StepDelay = TimeSpan.FromMilliseconds(40) }, new GatewayOptions(), startChains: false);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private PowerShellSession Connected()
    {
        var ps = new PowerShellSession();
        ps.SetVariable("__key", PowerShellSession.Secure(ApiKey));
        ps.Invoke("Connect-CreateOs -SandboxUri $args[0] -ApiKey $__key", _sandbox.BaseUri);
        Assert.Empty(ps.Errors);
        return ps;
    }

    [Fact]
    public void Connecting_warns_that_payments_are_unavailable_and_the_rest_api_still_works()
    {
        using var ps = Connected();
        Assert.Contains(ps.Warnings, w => w.Message.Contains("cannot verify payments") && w.Message.Contains("REST API works"));
        Assert.Empty(ps.Invoke("(Get-CreateOsContext).ChainRpcUris.Keys"));
        ps.Invoke("Get-CreateOsProject");
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void A_balance_is_never_read_on_a_public_chain()
    {
        using var ps = Connected();
        ps.ConnectTestWallet();
        ps.Invoke("Get-WalletBalance");
        ps.Invoke("Get-WalletBalance -Chain base -Token usdc");
        Assert.Equal(2, ps.Errors.Count);
        Assert.All(ps.Errors, e =>
        {
            Assert.Equal("CreateOs.WalletBalanceChainNotAvailable", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("never uses a public chain", e.ToString());
            Assert.DoesNotContain("arbitrum.io", e.ToString());
            Assert.DoesNotContain("base.org", e.ToString());
        });
    }

    [Fact]
    public void A_paid_deploy_is_refused_by_the_gateway_with_a_clear_error_and_nothing_is_journaled()
    {
        using var ps = Connected();
        ps.ConnectTestWallet();
        ps.Invoke("Invoke-MppDeploy -Path $appFolder -Name $args[0] -Port 80 -Confirm:$false -Force", $"nochain-{Guid.NewGuid():N}"[..20]);
        var refused = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.ResourceUnavailable, refused.CategoryInfo.Category);
        Assert.Contains("Payments are unavailable", refused.ToString());
        Assert.Empty(ps.Invoke("Get-MppPayment"));
    }

    [Fact]
    public void Resuming_a_journaled_payment_never_reaches_a_public_chain()
    {
        using var ps = Connected();
        ps.ConnectTestWallet();
        var wallet = (string)ps.Invoke("(Get-CreateOsContext).WalletAddress").Single().BaseObject;
        var journal = new PaymentJournal((string)ps.Invoke("(Get-CreateOsContext).PaymentJournalDirectory").Single().BaseObject);
        var record = new PaymentRecord
        {
            Wallet = wallet, GatewayUri = _sandbox.BaseUri.AbsoluteUri, UniqueName = "stranded", Chain = "arbitrum", ChainId = 42161, Token = "usdc",
            TokenContract = "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", PayTo = GatewayOptions.DefaultPayTo, AmountToken = "500000",
            TransactionHash = "0x" + new string('a', 64), RawTransaction = "0x02", Nonce = 0,
        };
        journal.Advance(record, PaymentState.Broadcast, "journaled by the test");
        File.WriteAllText(journal.BodyPathOf(record.Id), "{}");

        ps.Invoke("Resume-MppDeploy -Confirm:$false");
        var refused = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.MppPaymentChainNotAvailable", refused.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(PaymentState.Broadcast, journal.Find(record.Id)!.State);
    }
}
