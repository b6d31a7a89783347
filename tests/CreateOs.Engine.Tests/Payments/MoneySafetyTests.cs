using System.Management.Automation;
using CreateOs.Core;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Core.Packaging;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Faults;
using CreateOs.Sandbox.Gateway;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// Attacks on the paid deploy, replayed against the sandbox with real chains (issue 11): a deploy CreateOS would refuse,
/// a name taken between the quote and the signature, wallets and secrets in the upload. Each asserts what the chain and
/// the gateway saw: no payment, no quote.
/// </summary>
[Collection(GatewayCollection.Name)]
public class MoneySafetyTests
{
    private readonly GatewayFixture _fixture;

    public MoneySafetyTests(GatewayFixture fixture) => _fixture = fixture;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private int DeployRequestsOf(string wallet) => _fixture.Sandbox.Gateway.Requests.Count(r =>
        r.Method == "POST" && r.Path.Equals("/agent/deploy", StringComparison.OrdinalIgnoreCase) && string.Equals(r.Wallet, wallet, StringComparison.OrdinalIgnoreCase));

    private int GatewayPaymentsOf(string wallet) => _fixture.Sandbox.Gateway.Payments.Count(p => string.Equals(p.Wallet, wallet, StringComparison.OrdinalIgnoreCase));

    private static CreateOsSession SessionOf(PowerShellSession ps) => (CreateOsSession)ps.Invoke("Get-CreateOsContext").Single().BaseObject;

    /// <summary>The chain and the gateway both say this wallet paid nothing.</summary>
    private async Task AssertNothingPaidAsync(string wallet)
    {
        Assert.Equal(0, GatewayPaymentsOf(wallet));
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    private Task<GatewayDeployBody> HelloBodyAsync(PaymentJournal journal, string name) => GatewayDeployBody.WriteAsync(
        new GatewayDeploySpec { UniqueName = name, DisplayName = name, Settings = new ProjectSettings { Port = 80, Runtime = "build-ai", UseBuildAI = true } },
        UploadPlanner.Plan(_fixture.HelloFolder), journal, null, CancellationToken.None);

    /// <summary>Another client of the same wallet deploys <paramref name="name"/> from the wallet's credits, straight through the gateway.</summary>
    private async Task DeployFromCreditsAsync(CreateOsSession session, string name)
    {
        using var body = await HelloBodyAsync(new PaymentJournal(Directory.CreateTempSubdirectory("other-client-").FullName), name);
        var response = await session.GetGatewayClient().DeployAsync(body.Path, new DeployAttempt { UseExistingCredits = true }, CancellationToken.None);
        Assert.NotNull(response.Accepted);
    }

    [Theory]
    [InlineData("-RunEnvs @{ ' ' = 'v' }", "RunEnvs")]
    [InlineData("-RunEnvs @{ '1ABC' = 'v' }", "RunEnvs")]
    [InlineData("-RunEnvs @{ \"API`nKEY\" = 'v' }", "line break")]
    [InlineData("-RunEnvs @{ API_KEY = \"a`0b\" }", "NUL")]
    [InlineData("-Runtime build-ai", "-UseBuildAI")]
    [InlineData("-DisplayName ('x' * 49)", "4 to 48")]
    [InlineData("-DisplayName 'Bad!Name'", "DisplayName")]
    [InlineData("-Description 'abc'", "Description")]
    [InlineData("-InstallCommand ('x' * 256)", "at most 255")]
    [InlineData("-Framework nope", "not supported")]
    public async Task A_deploy_CreateOS_would_refuse_is_refused_before_the_quote_and_nothing_is_paid(string extra, string problem)
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        ps.Invoke($"Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force {extra}", _fixture.HelloFolder, NewName("invalid"));

        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.MppDeployInvalidArgument", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(problem, error.Exception.Message);
        Assert.Equal(0, DeployRequestsOf(wallet));
        await AssertNothingPaidAsync(wallet);
    }

    [Fact]
    public async Task An_upload_path_longer_than_CreateOS_accepts_is_refused_before_the_quote()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var app = Directory.CreateTempSubdirectory("long-path-").FullName;
        File.WriteAllText(Path.Combine(app, "index.html"), "<p>hi</p>");
        var deep = Path.Combine(app, new string('a', 200), new string('b', 200), new string('c', 200), new string('d', 200), new string('e', 200), new string('f', 200));
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "page.html"), "<p>deep</p>");

        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", app, NewName("longpath"));

        var error = Assert.Single(ps.Errors);
        Assert.Contains("at most 1024", error.Exception.Message);
        Assert.Equal(0, DeployRequestsOf(wallet));
        await AssertNothingPaidAsync(wallet);
    }

    [Theory]
    [InlineData(GatewayProtocol.V1)]
    [InlineData(GatewayProtocol.V2)]
    public async Task A_name_this_wallet_deploys_between_the_quote_and_the_signature_is_refused_and_never_paid(GatewayProtocol protocol)
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var name = NewName("race");
        _fixture.Sandbox.Gateway.GrantCredits(wallet, 5m);
        var previous = _fixture.Sandbox.Gateway.Options.Protocol;
        _fixture.Sandbox.Gateway.Options.Protocol = protocol;
        var session = SessionOf(ps);
        var heldQuote = _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", LatencyMs = 4000, Count = 1 });
        try
        {
            var paying = Task.Run(() => ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", _fixture.HelloFolder, name));
            while (heldQuote.Applied == 0) await Task.Delay(20);
            // While the gateway holds the quote request, another client of this wallet deploys the same name from credits.
            await DeployFromCreditsAsync(session, name);
            await paying;
        }
        finally
        {
            _fixture.Sandbox.Host.Faults.Remove(heldQuote.Id);
            _fixture.Sandbox.Gateway.Options.Protocol = previous;
        }

        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.MppDeployAlreadyDeployed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("already deployed by this wallet: '" + name + "'", error.Exception.Message);
        await AssertNothingPaidAsync(wallet);
        var record = (PaymentRecord)ps.Invoke("Get-MppPayment").Single().BaseObject;
        Assert.Equal(PaymentState.Closed, record.State);
        Assert.Contains("before signing", record.History.Last().Note);
    }

    [Theory]
    [InlineData(GatewayProtocol.V1)]
    [InlineData(GatewayProtocol.V2)]
    public async Task Resuming_a_payment_signed_but_never_sent_does_not_send_it_once_this_wallet_owns_the_name(GatewayProtocol protocol)
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var session = SessionOf(ps);
        var gateway = session.GetGatewayClient();
        var journal = session.GetPaymentJournal();
        var name = NewName("resume");
        var previous = _fixture.Sandbox.Gateway.Options.Protocol;
        _fixture.Sandbox.Gateway.Options.Protocol = protocol;
        try
        {
            // The process dies right after journaling the signed payment, before it is broadcast or sent.
            var crashing = new MppDeployFlow(gateway, journal, session.GetWalletKey, session.GetRpcClient)
            {
                AfterJournalWrite = r => { if (r.State == PaymentState.Signed) throw new OperationCanceledException("simulated crash after signing"); },
            };
            using var body = await HelloBodyAsync(journal, name);
            var asked = await crashing.AskAsync(new MppDeployRequest
            {
                UniqueName = name, DisplayName = name, BodyPath = body.Path, BodyDigest = body.Sha256Hex,
                Limits = new PaymentLimits { MaxPaymentUsd = 5m }, Protocol = protocol == GatewayProtocol.V1 ? PaymentProtocol.V1 : PaymentProtocol.V2,
            }, CancellationToken.None);
            await Assert.ThrowsAsync<OperationCanceledException>(() => crashing.PayAndSubmitAsync(asked.Record!, asked.Terms!, CancellationToken.None));
            Assert.Equal(PaymentState.Signed, journal.Find(asked.Record!.Id)!.State);

            _fixture.Sandbox.Gateway.GrantCredits(wallet, 5m);
            await DeployFromCreditsAsync(session, name);

            var resumed = new MppDeployFlow(gateway, journal, session.GetWalletKey, session.GetRpcClient);
            var refused = await Assert.ThrowsAsync<ProjectAlreadyDeployedException>(() => resumed.ResumeAsync(journal.Find(asked.Record.Id)!, CancellationToken.None));
            Assert.Contains("already deployed by this wallet", refused.Message);
            Assert.Equal(PaymentState.Closed, journal.Find(asked.Record.Id)!.State);
            Assert.False(File.Exists(journal.BodyPathOf(asked.Record.Id)));
        }
        finally
        {
            _fixture.Sandbox.Gateway.Options.Protocol = previous;
        }

        await AssertNothingPaidAsync(wallet);
    }

    [Fact]
    public async Task The_connected_wallet_and_secret_files_are_never_uploaded_and_WhatIf_names_the_rule_of_each()
    {
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        var walletPath = (string)ps.Invoke("$walletPath").Single().BaseObject;
        var app = Directory.CreateTempSubdirectory("secrets-app-").FullName;
        File.WriteAllText(Path.Combine(app, "index.html"), "<h1>public page</h1>");
        var secrets = new Dictionary<string, string>
        {
            ["wallet.bak"] = File.ReadAllText(walletPath),
            ["docs/paying-wallet.json.save"] = File.ReadAllText(walletPath),
            ["sub/keystore.backup"] = "{\"wallet\":" + File.ReadAllText(walletPath) + "}",
            ["prod.env"] = "API_KEY=sk_live_1",
            [".env-prod"] = "API_KEY=sk_live_2",
            ["terraform.tfstate"] = "{\"version\":4}",
            ["infra/prod.tfvars"] = "token = \"x\"",
            [".htpasswd"] = "admin:$apr1$x$y",
            [".yarnrc.yml"] = "npmAuthToken: \"npm_abc\"\n",
        };
        foreach (var (file, content) in secrets)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(app, file))!);
            File.WriteAllText(Path.Combine(app, file), content);
        }

        // A link to nowhere is named on the same line: it looks like a file in a listing but is not uploaded.
        File.CreateSymbolicLink(Path.Combine(app, "old-config.js"), "missing.js");

        ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -WhatIf -Verbose", app, NewName("whatif"));
        Assert.Empty(ps.Errors);
        var whatIf = ps.HostText.Split('\n').Single(l => l.Contains("What if:"));
        Assert.Contains("; 1 links or special files left out: old-config.js (broken link)", whatIf);
        Assert.Contains($"{secrets.Count} left out as secrets", whatIf);
        Assert.Contains(" wallet.bak (the connected wallet (by content hash))", whatIf);
        Assert.Contains("docs/paying-wallet.json.save (the connected wallet (by content hash))", whatIf);
        Assert.Contains("sub/keystore.backup (Ethereum keystore (by content))", whatIf);
        Assert.Contains("infra/prod.tfvars (*.tfvars, *.tfvars.json)", whatIf);
        foreach (var file in secrets.Keys)
            Assert.Contains(ps.Verbose, v => v.Message.StartsWith("Not uploaded: " + file + ": secret (", StringComparison.Ordinal));
        Assert.Equal(0, DeployRequestsOf(wallet));

        // The REST upload plans with the same rules, the connected wallet included.
        ps.Invoke("Publish-CreateOsDeployment -ProjectId $args[0] -Path $args[1] -WhatIf", Guid.Empty.ToString(), app);
        Assert.Empty(ps.Errors);
        var restWhatIf = ps.HostText.Split('\n').Last(l => l.Contains("What if:"));
        Assert.Contains($"{secrets.Count} left out as secrets", restWhatIf);
        Assert.Contains("old-config.js (broken link)", restWhatIf);
        Assert.Contains(" wallet.bak (the connected wallet (by content hash))", restWhatIf);

        var result = (MppDeployResult)ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force -Include 'prod.env', 'wallet.bak'", app, NewName("secrets")).Single().BaseObject;
        Assert.Equal("ready", result.Status);
        var uploaded = _fixture.Sandbox.Host.State.Deployments.Single(d => d.ProjectId.ToString() == result.ProjectId).Files.Keys;
        Assert.Equal(new[] { "index.html", "prod.env" }, uploaded.OrderBy(k => k, StringComparer.Ordinal));
    }
}
