using System.Collections.Concurrent;
using System.Globalization;
using CreateOs.Core.Gateway;
using CreateOs.Sandbox.State;

namespace CreateOs.Bench;

/// <summary>
/// Issue 15 (2): how long after a deployment is ready Invoke-MppDeploy returns, over rollouts whose length is drawn
/// log-uniformly from 0.5 s to 10 min and whose phases (queue → building → deploying → deployed) are split at random,
/// so no schedule can line up with them. The bench drives each deployment itself (the sandbox's own steps are off), runs
/// several paid deploys at once (one wallet each, so each has its own 30 requests a minute), and reads every gateway
/// request per wallet. Baseline, on the same rollouts: a poller spending the same budget evenly from acceptance (one
/// status request every 62/28 s, the fastest pace it can keep up), whose lag follows from the recorded times.
/// Goal: median lag ≤ 1.0 s, p90 ≤ 2.5 s, no 429, never more than 30 requests in a minute per wallet.
/// </summary>
public sealed class ReadyLatencyBenchmark : IBenchmark
{
    private const double MedianGoal = 1.0;
    private const double P90Goal = 2.5;

    public string Name => "ready-latency";
    public string Description => "[rounds=24] [--parallel 8] [--seed N]: ready -> Invoke-MppDeploy returned over random rollouts (0.5 s-10 min); goal median <= 1 s, p90 <= 2.5 s, 0 x 429";

    private sealed record Rollout(double Seconds, double BuildingAt, double DeployingAt);

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 24;
        var parallel = Option(args, "--parallel") ?? 8;
        var seed = Option(args, "--seed") ?? Environment.TickCount;
        var random = new Random(seed);
        var plans = new ConcurrentQueue<Rollout>(Enumerable.Range(0, rounds).Select(_ =>
        {
            var seconds = Math.Exp(Math.Log(0.5) + random.NextDouble() * (Math.Log(600) - Math.Log(0.5)));
            return new Rollout(seconds, seconds * random.NextDouble() * 0.2, seconds * (0.3 + random.NextDouble() * 0.65));
        }));
        ThreadPool.SetMinThreads(4 * parallel, 4 * parallel);
        await using var sandbox = await PaidDeployBench.StartSandboxAsync(Timeout.InfiniteTimeSpan);
        using var stop = new CancellationTokenSource();
        var rollouts = new ConcurrentDictionary<Guid, Rollout>();
        var driver = Task.Run(() => DriveAsync(sandbox.Host.State, plans, rollouts, stop.Token));

        var results = new ConcurrentBag<(Rollout Rollout, double Lag, double Noticed, double Uniform, int Requests, int Peak)>();
        var next = -1;
        var workers = Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < rounds)
            {
                var (runspace, wallet) = await PaidDeployBench.ConnectedRunspaceAsync(sandbox);
                using var _ = runspace;
                var result = (MppDeployResult)EngineBench.Run(runspace, "Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force",
                    PaidDeployBench.HelloFolder, $"lat-{Guid.NewGuid():N}"[..20]).Single().BaseObject;
                var returned = DateTimeOffset.UtcNow;
                var id = Guid.Parse(result.DeploymentId!);
                var deployment = sandbox.Host.State.Deployments.Single(d => d.Id == id);
                var rollout = rollouts[id];
                var readyAt = deployment.UpdatedAt; // when the bench moved it to deployed
                var lag = (returned - readyAt).TotalSeconds;
                var requests = sandbox.Gateway.Requests.Where(q => string.Equals(q.Wallet, wallet, StringComparison.OrdinalIgnoreCase)).ToList();
                var times = requests.Select(q => q.Time).OrderBy(t => t).ToList();
                // The status request that found it ready: the schedule's part of the lag; the rest is the module's own work after it.
                var noticed = (requests.Where(q => q.Path.EndsWith("/status", StringComparison.Ordinal)).Max(q => q.Time) - readyAt).TotalSeconds;
                var sustained = RequestBudget.DefaultWindow.TotalSeconds / RequestBudget.DefaultMaxRequests;
                var ready = (readyAt - deployment.CreatedAt).TotalSeconds;
                var uniform = Math.Ceiling(ready / sustained) * sustained - ready;
                var peak = PaidDeployBench.PeakInWindow(times, TimeSpan.FromSeconds(60));
                results.Add((rollout, lag, noticed, uniform, times.Count, peak));
                Console.WriteLine(FormattableString.Invariant($"  rollout {rollout.Seconds,7:0.0} s: ready -> noticed {noticed * 1000,6:0} ms -> returned {lag * 1000,6:0} ms (even polling {uniform * 1000,5:0} ms), {times.Count,3} gateway requests, peak {peak} in a minute"));
            }
        })).ToList();
        await Task.WhenAll(workers);
        stop.Cancel();
        await driver;

        var lags = results.Select(x => x.Lag).ToList();
        var uniformLags = results.Select(x => x.Uniform).ToList();
        var median = PaidDeployBench.Median(lags);
        var p90 = PaidDeployBench.Quantile(lags, 0.9);
        var peakPerMinute = results.Max(x => x.Peak);
        var limited = sandbox.Gateway.RateLimitedCount;
        Console.WriteLine(FormattableString.Invariant($"{rounds} paid deploys ({parallel} at a time, seed {seed}), rollouts log-uniform 0.5 s - 10 min (median {PaidDeployBench.Median(results.Select(x => x.Rollout.Seconds)):0.0} s):"));
        Console.WriteLine(FormattableString.Invariant($"  ready -> Invoke-MppDeploy returned: median {median:0.000} s (goal <= {MedianGoal}), p90 {p90:0.000} s (goal <= {P90Goal}), max {lags.Max():0.000} s"));
        var noticedLags = results.Select(x => x.Noticed).ToList();
        Console.WriteLine(FormattableString.Invariant($"  of which ready -> the status request that saw it: median {PaidDeployBench.Median(noticedLags):0.000} s, p90 {PaidDeployBench.Quantile(noticedLags, 0.9):0.000} s (the rest is the module's own work: endpoint probe, output)"));
        Console.WriteLine(FormattableString.Invariant($"  baseline, even polling at the budget's pace on the same rollouts: median {PaidDeployBench.Median(uniformLags):0.000} s, p90 {PaidDeployBench.Quantile(uniformLags, 0.9):0.000} s; ratio median {median / PaidDeployBench.Median(uniformLags):0.00}, p90 {p90 / PaidDeployBench.Quantile(uniformLags, 0.9):0.00}"));
        Console.WriteLine(FormattableString.Invariant($"  gateway requests per wallet: peak {peakPerMinute} in any 60 s (limit 30), 429 answers {limited} (goal 0)"));
        return median <= MedianGoal && p90 <= P90Goal && limited == 0 && peakPerMinute <= 30 ? 0 : 1;
    }

    private static int? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Gives every new deployment the next planned rollout and walks it through its phases on time.</summary>
    private static async Task DriveAsync(SandboxState state, ConcurrentQueue<Rollout> plans, ConcurrentDictionary<Guid, Rollout> rollouts, CancellationToken stop)
    {
        var walks = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            foreach (var deployment in state.Deployments)
            {
                if (rollouts.ContainsKey(deployment.Id) || !plans.TryDequeue(out var plan)) continue;
                rollouts[deployment.Id] = plan;
                walks.Add(WalkAsync(state, deployment.Id, deployment.CreatedAt, plan));
            }
            try { await Task.Delay(5, stop); } catch (OperationCanceledException) { }
        }
        await Task.WhenAll(walks);
    }

    private static async Task WalkAsync(SandboxState state, Guid id, DateTimeOffset accepted, Rollout plan)
    {
        foreach (var at in new[] { plan.BuildingAt, plan.DeployingAt, plan.Seconds })
        {
            var wait = accepted + TimeSpan.FromSeconds(at) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            state.AdvanceDeployment(id);
        }
    }
}
