using System.Diagnostics;
using System.Text;
using CreateOs.Core.Gateway;
using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Faults;
using CreateOs.Sandbox.Gateway;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>What one crash trial found.</summary>
public sealed record CrashTrialOutcome(string Name, PaymentState? HaltedAt, bool DroppedAnswer, int OnChainPayments, bool Live, string Log)
{
    public bool DoublePaid => OnChainPayments > 1;
    /// <summary>Money left the wallet but the deploy never became live.</summary>
    public bool LostPayment => OnChainPayments >= 1 && !Live;
}

/// <summary>
/// One crash trial: a paid deploy in a child process (the runner hosting the real engine) is killed right after the
/// journal records <c>haltAfter</c> (optionally with the gateway dropping its answer after acting), then the same
/// command is run again. The chain itself is asked how many transfers were made.
/// </summary>
public static class CrashTrial
{
    /// <param name="resumeGatewayUri">
    /// When set, the second run reaches the gateway through this other spelling of its address (localhost for
    /// 127.0.0.1, another case, a trailing slash): it must still find the unfinished payment and never pay again.
    /// </param>
    /// <param name="resumeJournalFolder">When set, the second run uses this other journal folder (under the trial's own).</param>
    public static async Task<CrashTrialOutcome> RunAsync(GatewaySandbox sandbox, string apiKey, string helloFolder, PaymentState? haltAfter, bool dropAnswer, TimeSpan timeout,
        CreateOs.Sandbox.Gateway.GatewayProtocol protocol = CreateOs.Sandbox.Gateway.GatewayProtocol.V1, string? resumeGatewayUri = null, string? resumeJournalFolder = null)
    {
        var work = Directory.CreateTempSubdirectory("crash-trial-").FullName;
        var (keystore, wallet) = await FundedKeystoreAsync(sandbox, work);
        var name = $"crash-{Guid.NewGuid():N}"[..20];
        var script = DeployScript(sandbox, apiKey, helloFolder, keystore, name, gatewayUri: null);
        var environment = new Dictionary<string, string> { ["CREATEOS_JOURNAL_DIR"] = Path.Combine(work, "journal") };
        var log = new StringBuilder();

        // The paid request carries X-Payment-Tx (v1) or, with the gateway's default challenge forms, an MPP credential (v2).
        var paidHeader = protocol == CreateOs.Sandbox.Gateway.GatewayProtocol.V1 ? "X-Payment-Tx" : "Authorization";
        FaultRule? drop = dropAnswer
            ? sandbox.Host.Faults.Add(new FaultRule { Method = "POST", PathPattern = "/agent/deploy", WhenHeader = paidHeader, DropAfterActing = true, Count = 1 })
            : null;
        var previousProtocol = sandbox.Gateway.Options.Protocol;
        sandbox.Gateway.Options.Protocol = protocol;
        try
        {
            if (haltAfter.HasValue)
            {
                log.AppendLine(await RunChildAsync(script, environment, haltAfter, timeout));
                if (resumeJournalFolder != null) environment["CREATEOS_JOURNAL_DIR"] = Path.Combine(work, resumeJournalFolder);
            }
            log.AppendLine(await RunChildAsync(resumeGatewayUri is null ? script : DeployScript(sandbox, apiKey, helloFolder, keystore, name, resumeGatewayUri), environment, haltAfter: null, timeout));
        }
        finally
        {
            sandbox.Gateway.Options.Protocol = previousProtocol;
            if (drop != null) sandbox.Host.Faults.Remove(drop.Id);
        }

        var payments = await OnChainPaymentsAsync(sandbox, wallet);
        var live = log.ToString().Contains("RESULT ready", StringComparison.Ordinal);
        return new CrashTrialOutcome(name, haltAfter, dropAnswer, payments, live, log.ToString());
    }

    /// <summary>
    /// Two runs of the same paid deploy (same wallet, same name) started at the same moment in two processes, each with
    /// its own journal folder ($CREATEOS_JOURNAL_DIR): the wallet's lock is shared whatever the folder, so exactly one pays.
    /// </summary>
    public static async Task<CrashTrialOutcome> RunSimultaneousAsync(GatewaySandbox sandbox, string apiKey, string helloFolder, TimeSpan timeout)
    {
        var work = Directory.CreateTempSubdirectory("simultaneous-trial-").FullName;
        var (keystore, wallet) = await FundedKeystoreAsync(sandbox, work);
        var name = $"twice-{Guid.NewGuid():N}"[..20];
        var script = DeployScript(sandbox, apiKey, helloFolder, keystore, name, gatewayUri: null);
        var runs = await Task.WhenAll(
            RunChildAsync(script, new Dictionary<string, string> { ["CREATEOS_JOURNAL_DIR"] = Path.Combine(work, "journal-one") }, haltAfter: null, timeout),
            RunChildAsync(script, new Dictionary<string, string> { ["CREATEOS_JOURNAL_DIR"] = Path.Combine(work, "journal-two") }, haltAfter: null, timeout));
        var log = string.Join(Environment.NewLine, runs);
        var payments = await OnChainPaymentsAsync(sandbox, wallet);
        return new CrashTrialOutcome(name, null, false, payments, log.Contains("RESULT ready", StringComparison.Ordinal), log);
    }

    /// <summary>A new wallet's light keystore in <paramref name="work"/> (password <see cref="KeystorePassword"/>), funded with 5 USD of each token.</summary>
    internal static async Task<(string Keystore, string Wallet)> FundedKeystoreAsync(GatewaySandbox sandbox, string work)
    {
        var keystore = Path.Combine(work, "wallet.json");
        string wallet;
        using (var key = EthereumKey.Generate())
        {
            File.WriteAllText(keystore, Keystore.Encrypt(key, Encoding.UTF8.GetBytes(KeystorePassword), KeystoreEncryptionOptions.Light));
            wallet = key.Address.ToChecksumString();
        }
        await sandbox.Chains!.FundAsync(wallet, 5m);
        return (keystore, wallet);
    }

    internal const string KeystorePassword = "crash-trial-password";

    /// <summary>Stops on any error, connects to the sandbox (through <paramref name="gatewayUri"/> when given) and unlocks the wallet.</summary>
    internal static string ConnectScript(GatewaySandbox sandbox, string apiKey, string keystore, string? gatewayUri = null) => string.Join("; ",
        "$ErrorActionPreference = 'Stop'",
        $"Connect-CreateOs -SandboxUri '{sandbox.BaseUri}' {(gatewayUri is null ? "" : $"-GatewayUri '{gatewayUri}' ")}-ApiKey ([System.Net.NetworkCredential]::new('', '{apiKey}').SecurePassword)",
        $"Connect-CreateOsWallet -Path '{keystore}' -Password ([System.Net.NetworkCredential]::new('', '{KeystorePassword}').SecurePassword)");

    /// <summary>Connects as <see cref="ConnectScript"/> does and deploys, printing "RESULT status endpoint".</summary>
    private static string DeployScript(GatewaySandbox sandbox, string apiKey, string helloFolder, string keystore, string name, string? gatewayUri) => string.Join("; ",
        ConnectScript(sandbox, apiKey, keystore, gatewayUri),
        $"$r = Invoke-MppDeploy -Path '{helloFolder}' -Name {name} -Port 80 -Confirm:$false -Force",
        "'RESULT ' + $r.Status + ' ' + $r.Endpoint");

    /// <summary>
    /// Runs the script in a fresh runner process. With <paramref name="haltAfter"/> the runner installs the module's test
    /// hook (--halt-after-journal), and the whole process tree is killed as soon as it reports the halt.
    /// </summary>
    internal static async Task<string> RunChildAsync(string script, Dictionary<string, string> environment, PaymentState? haltAfter, TimeSpan timeout)
    {
        var runner = Path.Combine(CreateOs.Hosting.ModuleLocator.RepoRoot(), "tools", "CreateOs.Runner", "bin", "Release", "net10.0", "CreateOs.Runner.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(runner);
        if (haltAfter.HasValue)
        {
            start.ArgumentList.Add("--halt-after-journal");
            start.ArgumentList.Add(haltAfter.Value.ToString());
        }
        start.ArgumentList.Add("-Command");
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var halted = new TaskCompletionSource();
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (haltAfter.HasValue && line.StartsWith("CREATEOS-HALTED", StringComparison.Ordinal)) halted.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var finished = await Task.WhenAny(exited, halted.Task, Task.Delay(timeout));
        if (finished != exited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (finished != halted.Task) lock (output) output.AppendLine("TIMED OUT");
        }
        lock (output) return output.ToString();
    }

    /// <summary>Every ERC-20 Transfer from <paramref name="wallet"/> to the gateway's recipient (both tokens), read from the chains themselves.</summary>
    public static async Task<int> OnChainPaymentsAsync(GatewaySandbox sandbox, string wallet, string? chainName = null, string? payTo = null)
    {
        var total = 0;
        foreach (var chain in sandbox.Chains!.Chains.Where(c => chainName is null || c.Name == chainName))
        {
            var rpc = new CreateOs.Core.Chain.EthRpcClient(new HttpClient(), new Uri(chain.RpcUrl));
            static string Topic(string address) => "0x" + new string('0', 24) + address.Substring(2).ToLowerInvariant();
            var logs = await rpc.RequestAsync("eth_getLogs", new object?[]
            {
                new Dictionary<string, object>
                {
                    ["fromBlock"] = "0x0",
                    ["toBlock"] = "latest",
                    ["address"] = chain.Tokens.Values.ToArray(),
                    ["topics"] = new object?[] { CreateOs.Core.Chain.Erc20Abi.TransferEventTopic, Topic(wallet), Topic(payTo ?? sandbox.Gateway.Options.PayTo) },
                },
            });
            total += ((Newtonsoft.Json.Linq.JArray)logs).Count;
        }
        return total;
    }
}
