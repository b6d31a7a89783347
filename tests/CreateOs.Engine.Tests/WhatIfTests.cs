using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

/// <summary>Every cmdlet that can change state, run with -WhatIf, sends no mutating request.</summary>
[Collection(SandboxCollection.Name)]
public class WhatIfTests
{
    private readonly SandboxFixture _fixture;

    public WhatIfTests(SandboxFixture fixture) => _fixture = fixture;

    /// <summary>
    /// One -WhatIf invocation per cmdlet that supports ShouldProcess. $project is an existing project. A new cmdlet
    /// that supports ShouldProcess must be added here (the coverage test below fails until it is).
    /// </summary>
    public static readonly Dictionary<string, string> Invocations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["New-CreateOsProject"] = "New-CreateOsProject -Name whatif-new-project -DisplayName 'What If' -Type image -Port 80 -WhatIf",
        ["Set-CreateOsProject"] = "$project | Set-CreateOsProject -DisplayName 'Changed Name' -WhatIf",
        ["Set-CreateOsProjectSetting"] = "$project | Set-CreateOsProjectSetting -Port 9999 -WhatIf",
        ["Remove-CreateOsProject"] = "$project | Remove-CreateOsProject -WhatIf",
        ["New-CreateOsWallet"] = "$p = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'whatif-wallet.json'); New-CreateOsWallet -Path $p -Password $walletPassword -WhatIf; if ([IO.File]::Exists($p)) { throw 'created' }",
        ["Remove-MppProject"] = "Remove-MppProject -ProjectId 00000000-0000-0000-0000-000000000001 -WhatIf",
        ["Invoke-MppDeploy"] = "Invoke-MppDeploy -Path $appFolder -Name whatif-deploy -Port 80 -WhatIf",
        ["Resume-MppDeploy"] = "Resume-MppDeploy -WhatIf",
    };

    [Fact]
    public void Every_ShouldProcess_cmdlet_has_a_WhatIf_case()
    {
        using var ps = new PowerShellSession();
        var supporting = ps.Invoke("Get-Command -Module CreateOs | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object Name")
            .Select(o => o.ToString()).ToList();
        var missing = supporting.Where(name => !Invocations.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, "No -WhatIf case for: " + string.Join(", ", missing));
    }

    /// <summary>An unfinished (paid, not yet accepted) journal record, so Resume-MppDeploy has something to preview.</summary>
    private static void SeedUnfinishedPayment(PowerShellSession ps)
    {
        var session = (CreateOs.Core.CreateOsSession)ps.Invoke("Get-CreateOsContext").Single().BaseObject;
        new CreateOs.Core.Gateway.PaymentJournal(session.PaymentJournalDirectory).Save(new CreateOs.Core.Gateway.PaymentRecord
        {
            Wallet = session.WalletAddress!,
            GatewayUri = session.GatewayUri.AbsoluteUri,
            UniqueName = "whatif-resume",
            State = CreateOs.Core.Gateway.PaymentState.Mined,
            Chain = "arbitrum",
            TransactionHash = "0x" + new string('a', 64),
        });
    }

    public static IEnumerable<object[]> Cases() => Invocations.Select(kv => new object[] { kv.Key });

    [Theory]
    [MemberData(nameof(Cases))]
    public void WhatIf_sends_no_mutating_request(string cmdlet)
    {
        using var ps = _fixture.ConnectedSession();
        ps.ConnectTestWallet();
        SeedUnfinishedPayment(ps);
        ps.Invoke("$global:project = New-CreateOsProject -Name $args[0] -DisplayName 'What If Target' -Type image -Port 80 -Confirm:$false", $"wi-{Guid.NewGuid():N}"[..20]);
        Assert.Empty(ps.Errors);
        var projectsBefore = _fixture.Sandbox.State.Projects.Count;
        var mutatingBefore = _fixture.Sandbox.State.MutatingRequestCount;

        ps.Invoke(Invocations[cmdlet]);

        Assert.Empty(ps.Errors);
        Assert.Equal(mutatingBefore, _fixture.Sandbox.State.MutatingRequestCount);
        Assert.Equal(projectsBefore, _fixture.Sandbox.State.Projects.Count);
        Assert.Contains("What if:", ps.HostText);
        Assert.DoesNotContain(_fixture.Sandbox.State.Requests, r => r.Path.StartsWith("/agent/deploy", StringComparison.Ordinal) || (r.Path.StartsWith("/agent/", StringComparison.Ordinal) && r.Method != "GET"));
    }
}
