using System.Text.Json.Nodes;
using CreateOs.Core.Chain;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Core.Wallet;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Gateway;

namespace CreateOs.Engine.Tests.Interop;

/// <summary>
/// Payment interop with implementations we did not write (pinned in package.json, run by Node.js from tests/interop):
/// mppx's and x402's reference clients pay the sandbox gateway, and the module pays minimal gateways built on mppx's
/// server and on the x402 resource server + facilitator — on both chains, with every payment counted on the chain.
/// </summary>
[Collection(GatewayCollection.Name)]
public class ReferenceImplementationTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(120);

    /// <summary>anvil's dev account 8 (default mnemonic): the reference gateways' settler, funded with gas by the script.</summary>
    private const string SettlerKey = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97";

    private readonly GatewayFixture _fixture;

    public ReferenceImplementationTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayOptions Options => _fixture.Sandbox.Gateway.Options;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private string Usdc(string chain) => _fixture.Sandbox.Chains!.GetChain(chain).UsdcAddress;

    private long ChainId(string chain) => _fixture.Sandbox.Chains!.GetChain(chain).ChainId;

    /// <summary>A fresh funded key and its hex form, which the reference clients sign with (viem's privateKeyToAccount).</summary>
    private async Task<(EthereumKey Key, string Hex)> FundedKeyAsync()
    {
        var bytes = new byte[32];
        do System.Security.Cryptography.RandomNumberGenerator.Fill(bytes); while (!EthereumKey.IsValidPrivateKey(bytes));
        var key = EthereumKey.FromPrivateKey(bytes);
        await _fixture.Sandbox.Chains!.FundAsync(key.Address.ToChecksumString(), 10m);
        return (key, Hex.Encode(bytes));
    }

    private async Task WithV2Async(GatewayChallengeForms forms, Func<Task> body)
    {
        Options.Protocol = GatewayProtocol.V2;
        Options.ChallengeForms = forms;
        try { await body(); }
        finally
        {
            Options.Protocol = GatewayProtocol.V1;
            Options.ChallengeForms = GatewayChallengeForms.All;
        }
    }

    /// <summary>A reference client's RESULT: the deploy was accepted, went live and serves the app it uploaded.</summary>
    private static void AssertLive(JsonObject result, string name)
    {
        Assert.Equal(200, (int)result["status"]!);
        Assert.Equal("ready", (string?)result["deployStatus"]);
        Assert.Contains(name, (string?)result["content"]);
    }

    [Theory]
    [InlineData("arbitrum")]
    [InlineData("base")]
    public async Task The_mppx_client_pays_the_sandbox_gateway_with_one_transfer_and_the_deploy_goes_live(string chain)
    {
        var (key, keyHex) = await FundedKeyAsync();
        using var _ = key;
        var wallet = key.Address.ToChecksumString();
        var name = NewName("mppx");
        await WithV2Async(GatewayChallengeForms.All, async () =>
        {
            var result = await NodeScript.RunAsync("mppx-client-pays-gateway.mjs", ClientTimeout,
                "--gateway", _fixture.BaseUri.AbsoluteUri, "--chain-id", ChainId(chain).ToString(), "--usdc", Usdc(chain), "--key", keyHex, "--name", name);

            AssertLive(result, name);
            var receipt = result["receipt"]!;
            Assert.Equal("success", (string?)receipt["status"]);
            Assert.Equal(ChainId(chain), (long)receipt["chainId"]!);
            Assert.Equal(name, (string?)receipt["externalId"]);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(chain, wallet));
            Assert.Equal(0, await _fixture.OnChainPaymentsAsync(chain == "base" ? "arbitrum" : "base", wallet));
            var payment = Assert.Single(_fixture.Sandbox.Gateway.Payments, p => p.Wallet == wallet.ToLowerInvariant());
            Assert.Equal(GatewayPaymentProtocol.Mpp, payment.Protocol);
            Assert.Equal((string?)receipt["reference"], payment.TransactionHash);
        });
    }

    [Theory]
    [InlineData("arbitrum")]
    [InlineData("base")]
    public async Task The_x402_reference_client_pays_the_sandbox_gateway_with_one_transfer_and_the_deploy_goes_live(string chain)
    {
        var (key, keyHex) = await FundedKeyAsync();
        using var _ = key;
        var wallet = key.Address.ToChecksumString();
        var name = NewName("x402");
        await WithV2Async(GatewayChallengeForms.X402, async () =>
        {
            var result = await NodeScript.RunAsync("x402-client-pays-gateway.mjs", ClientTimeout,
                "--gateway", _fixture.BaseUri.AbsoluteUri, "--chain-id", ChainId(chain).ToString(), "--key", keyHex, "--name", name);

            AssertLive(result, name);
            var response = result["paymentResponse"]!;
            Assert.True((bool)response["success"]!);
            Assert.Equal($"eip155:{ChainId(chain)}", (string?)response["network"]);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(chain, wallet));
            var payment = Assert.Single(_fixture.Sandbox.Gateway.Payments, p => p.Wallet == wallet.ToLowerInvariant());
            Assert.Equal(GatewayPaymentProtocol.X402, payment.Protocol);
        });
    }

    [Theory]
    [InlineData("mppx-gateway.mjs", "arbitrum", "Mpp")]
    [InlineData("mppx-gateway.mjs", "base", "Mpp")]
    [InlineData("x402-gateway.mjs", "arbitrum", "X402")]
    [InlineData("x402-gateway.mjs", "base", "X402")]
    public async Task The_module_pays_a_gateway_built_on_the_reference_server_and_is_accepted(string script, string chain, string protocol)
    {
        var recipient = EthereumKey.Generate().Address.ToChecksumString();
        var (server, gatewayUri) = await NodeScript.StartServerAsync(script,
            "--rpc", _fixture.Sandbox.Chains!.GetChain(chain).RpcUrl, "--chain-id", ChainId(chain).ToString(), "--chain-name", chain,
            "--usdc", Usdc(chain), "--recipient", recipient, "--settler-key", SettlerKey);
        await using var _ = server;
        using var ps = new PowerShellSession();
        ps.SetVariable("__key", PowerShellSession.Secure(GatewayFixture.ApiKey));
        ps.Invoke("Connect-CreateOs -SandboxUri $args[0] -GatewayUri $args[1] -ApiKey $__key", _fixture.BaseUri, gatewayUri);
        Assert.Empty(ps.Errors);
        ps.ConnectTestWallet();
        var wallet = (string)ps.Invoke("(Get-CreateOsContext).WalletAddress").Single().BaseObject;
        await _fixture.Sandbox.Chains.FundAsync(wallet, 10m);

        var output = ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Chain $args[2] -Confirm:$false -Force", _fixture.HelloFolder, NewName("ref"), chain);

        Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())) + "\n" + server.Output);
        var result = (MppDeployResult)output.Single().BaseObject;
        Assert.Equal("ready", result.Status);
        Assert.Equal(protocol, result.PaymentProtocol);
        var settled = Assert.Single(server.Lines("SETTLED"));
        Assert.Equal(result.PaymentTx, (string?)settled["hash"]);
        Assert.Equal(1, await Payments.CrashTrial.OnChainPaymentsAsync(_fixture.Sandbox, wallet, chain, recipient));
        Assert.Equal(9.5m, ps.Invoke($"Get-WalletBalance -Chain {chain} -Token usdc").Select(b => ((WalletBalance)b.BaseObject).Balance).Single());
        var record = (PaymentRecord)ps.Invoke("Get-MppPayment -Id $args[0]", result.PaymentId).Single().BaseObject;
        Assert.Equal(PaymentState.Accepted, record.State);
    }
}
