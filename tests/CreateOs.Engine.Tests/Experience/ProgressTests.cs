using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>Long cmdlets always complete their progress bars, also when they fail half-way.</summary>
public class ProgressTests
{
    private static Uri RefusingUri()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static void AssertEveryActivityCompleted(PowerShellSession ps, params string[] expectedActivityPrefixes)
    {
        var records = ps.Host.Progress;
        foreach (var prefix in expectedActivityPrefixes)
            Assert.Contains(records, r => r.Activity.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var activity in records.GroupBy(r => r.ActivityId))
            Assert.True(activity.Last().RecordType == ProgressRecordType.Completed, $"progress {activity.Key} ({activity.Last().Activity}) was left open");
    }

    [Fact]
    public void Invoke_MppDeploy_completes_its_progress_when_the_gateway_fails()
    {
        using var ps = new PowerShellSession();
        ps.ConnectTestWallet();
        ps.Invoke("Connect-CreateOs -ApiKey $walletPassword -GatewayUri $args[0]", RefusingUri());
        ps.Invoke("Invoke-MppDeploy -Path $appFolder -Name progress-check -Port 80 -Confirm:$false -Force");
        Assert.NotEmpty(ps.Errors);
        AssertEveryActivityCompleted(ps, "Paying for the deploy");
    }

    [Fact]
    public void Wait_MppDeployment_completes_its_progress_when_waiting_fails()
    {
        using var ps = new PowerShellSession();
        ps.ConnectTestWallet();
        ps.Invoke("Connect-CreateOs -ApiKey $walletPassword -GatewayUri $args[0]", RefusingUri());
        ps.Invoke("Wait-MppDeployment -ProjectId p-1 -DeploymentId d-1 -Timeout 5");
        Assert.NotEmpty(ps.Errors);
        AssertEveryActivityCompleted(ps, "Deploying p-1");
    }
}
