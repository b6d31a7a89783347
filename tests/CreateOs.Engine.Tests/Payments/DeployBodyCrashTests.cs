using System.Diagnostics;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Faults;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// kill -9 while the deploy body (upload and -RunEnvs values) is on disk: it must be owner-only in the journal folder
/// (never the shared temp folder), and the next run deletes it.
/// </summary>
[Collection(GatewayCollection.Name)]
public class DeployBodyCrashTests
{
    private const string Secret = "sk_live_killed_run_7781";
    private readonly GatewayFixture _fixture;

    public DeployBodyCrashTests(GatewayFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_deploy_killed_with_its_body_on_disk_left_it_owner_only_in_the_journal_and_the_next_run_deletes_it()
    {
        var work = Directory.CreateTempSubdirectory("body-crash-").FullName;
        var journal = Path.Combine(work, "journal");
        var temp = Directory.CreateDirectory(Path.Combine(work, "tmp")).FullName;
        var (keystore, wallet) = await CrashTrial.FundedKeystoreAsync(_fixture.Sandbox, work);
        var connect = CrashTrial.ConnectScript(_fixture.Sandbox, GatewayFixture.ApiKey, keystore);
        var environment = new Dictionary<string, string> { ["CREATEOS_JOURNAL_DIR"] = journal, ["TMPDIR"] = temp, ["TMP"] = temp, ["TEMP"] = temp };

        // The gateway holds the quote request: the body is written by then, and the run is killed while it waits.
        var held = _fixture.Sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", LatencyMs = 60_000, Count = 1 });
        string pending;
        try
        {
            var name = ("body-" + Guid.NewGuid().ToString("N"))[..20];
            using var deploying = StartRunner(connect + $"; Invoke-MppDeploy -Path '{_fixture.HelloFolder}' -Name {name} -Port 80 -RunEnvs @{{ API_SECRET = '{Secret}' }} -Confirm:$false -Force", environment);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (held.Applied == 0 && !deploying.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.True(held.Applied == 1, "the deploy never asked for its quote");

            pending = Assert.Single(Directory.GetFiles(journal, "pending-*.body.json"));
            Assert.Contains(Secret, File.ReadAllText(pending));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pending));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(journal));
            }
            // (sockets of the runtime's diagnostics live there too: only files with content can hold the secret)
            Assert.DoesNotContain(Directory.EnumerateFiles(temp, "*", SearchOption.AllDirectories), f => new FileInfo(f).Length > 0 && File.ReadAllText(f).Contains(Secret));

            deploying.Kill(entireProcessTree: true); // SIGKILL: no finally, no Dispose
            await deploying.WaitForExitAsync();
        }
        finally
        {
            _fixture.Sandbox.Host.Faults.Remove(held.Id);
        }
        Assert.True(File.Exists(pending), "kill -9 leaves the body behind; the next run must clean it");

        using (var next = new PowerShellSession())
        {
            next.SetVariable("journal", journal);
            next.Invoke(connect + "; (Get-CreateOsContext).PaymentJournalDirectory = $journal; Resume-MppDeploy");
            Assert.Empty(next.Errors);
        }
        Assert.False(File.Exists(pending));
        Assert.DoesNotContain(Directory.EnumerateFiles(journal), f => File.ReadAllText(f).Contains(Secret));
        Assert.Equal(0, await _fixture.OnChainPaymentsAsync(wallet));
    }

    private static Process StartRunner(string script, Dictionary<string, string> environment)
    {
        var runner = Path.Combine(CreateOs.Hosting.ModuleLocator.RepoRoot(), "tools", "CreateOs.Runner", "bin", "Release", "net10.0", "CreateOs.Runner.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(runner);
        start.ArgumentList.Add("-Command");
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
