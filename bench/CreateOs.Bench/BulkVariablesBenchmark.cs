using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CreateOs.Core;
using CreateOs.Core.Api;
using CreateOs.Core.Models;
using CreateOs.Sandbox;
using static CreateOs.Bench.EngineBench;

namespace CreateOs.Bench;

/// <summary>
/// 500 environment-variable updates against the in-process sandbox with 20 ms injected latency on the variables PUT
/// and on the environment-list GET (the merge reads before it writes), measured in one run:
/// <list type="bullet">
/// <item>baseline: a sequential loop of single updates, one Set-CreateOsEnvironmentVariable per environment (each
/// reads its environment, then writes: 2 × 20 ms);</item>
/// <item>the same bulk cmdlet with -ThrottleLimit 1 (reads once per project, then 500 sequential writes);</item>
/// <item>the bulk cmdlet with -ThrottleLimit 10 (reads once per project, 10 at a time, then writes 10 at a time).</item>
/// </list>
/// Goals: bulk at 10 ≥ 8× faster than the loop, and within 1.2× of the ideal 500 × 20 ms / 10 = 1 s.
/// </summary>
public sealed class BulkVariablesBenchmark : IBenchmark
{
    private const int Projects = 10, EnvironmentsPerProject = 50, Throttle = 10;
    private int LatencyMs = 20;
    private const double SpeedupGoal = 8, IdealRatioGoal = 1.2;

    public string Name => "bulk-vars";
    public string Description => "500 env-var updates, 20 ms latency: Set-CreateOsEnvironmentVariable -ThrottleLimit 10 vs a sequential loop; goals >= 8x, <= 1.2x ideal";

    public async Task<int> RunAsync(string[] args)
    {
        var manifest = Path.Combine(ImportBenchmark.RepoRoot(), "out", "CreateOs", "CreateOs.psd1");
        if (!File.Exists(manifest)) { Console.Error.WriteLine($"missing {manifest}: run dotnet build CreateOs.sln -c Release"); return 2; }
        var skipThrottleOne = args.Contains("--skip-throttle-1") || args.Contains("--bulk-only");
        var bulkOnly = args.Contains("--bulk-only");
        var latencyAt = Array.IndexOf(args, "--latency-ms");
        if (latencyAt >= 0 && latencyAt + 1 < args.Length) LatencyMs = int.Parse(args[latencyAt + 1], CultureInfo.InvariantCulture);
        const string apiKey = "skp_bench_bulk_vars";

        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            ApiKeys = new List<string> { apiKey },
            StepDelay = Timeout.InfiniteTimeSpan,
            MaxProjects = Projects,
            MaxEnvironmentsPerProject = EnvironmentsPerProject,
        });
        var environments = await CreateEstateAsync(sandbox, apiKey);
        var total = environments.Count;

        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Run(runspace, "Import-Module $args[0] -ErrorAction Stop", manifest);
        Run(runspace, "Connect-CreateOs -ApiKey $args[0] -ApiUri $args[1]", Secure(apiKey), sandbox.BaseUri);
        runspace.SessionStateProxy.SetVariable("envs", environments.ToArray());
        // Warm up the engine, the module and the connection pool outside the measurements.
        Run(runspace, "$envs[0..9] | Set-CreateOsEnvironmentVariable -Variables @{ WARM = 'up' } -ThrottleLimit 10 -Confirm:$false");

        sandbox.Faults.AddLatency("PUT /v1/projects/*/environments/*/environment-variables", LatencyMs);
        sandbox.Faults.AddLatency("GET /v1/projects/*/environments", LatencyMs);

        var loop = bulkOnly ? new Measurement(TimeSpan.FromMilliseconds(2 * total * LatencyMs), 2 * total) : Measure(sandbox, runspace, "foreach ($e in $envs) { Set-CreateOsEnvironmentVariable -ProjectId $e.ProjectId -EnvironmentId $e.Id -Variables @{ RUN = 'loop' } -Confirm:$false }");
        var one = skipThrottleOne ? default : Measure(sandbox, runspace, "$envs | Set-CreateOsEnvironmentVariable -Variables @{ RUN = 'bulk-1' } -ThrottleLimit 1 -Confirm:$false");
        var bulk = Measure(sandbox, runspace, $"$envs | Set-CreateOsEnvironmentVariable -Variables @{{ RUN = 'bulk-{Throttle}' }} -ThrottleLimit {Throttle} -Confirm:$false");

        var lost = VerifyNothingLost(sandbox, $"bulk-{Throttle}");
        var ideal = TimeSpan.FromMilliseconds(total * LatencyMs / (double)Throttle);
        var speedup = loop.Elapsed.TotalMilliseconds / bulk.Elapsed.TotalMilliseconds;
        var toIdeal = bulk.Elapsed.TotalMilliseconds / ideal.TotalMilliseconds;

        Console.WriteLine($"{total} environment-variable updates ({Projects} projects x {EnvironmentsPerProject} environments), {LatencyMs} ms latency on the variables PUT and the environment-list GET:");
        Console.WriteLine($"  sequential loop of single updates   {Seconds(loop.Elapsed),8} s{(bulkOnly ? " (not run: --bulk-only, assumed 2 x 20 ms each)" : "")}   {loop.Requests,5} requests (read + write per update)");
        if (!skipThrottleOne)
            Console.WriteLine($"  bulk cmdlet, -ThrottleLimit 1      {Seconds(one.Elapsed),8} s   {one.Requests,5} requests (one read per project)");
        Console.WriteLine($"  bulk cmdlet, -ThrottleLimit {Throttle}     {Seconds(bulk.Elapsed),8} s   {bulk.Requests,5} requests");
        Console.WriteLine($"  speed-up over the loop              {speedup,8:0.0}x  (goal >= {SpeedupGoal}x)");
        if (!skipThrottleOne)
            Console.WriteLine($"  speed-up over -ThrottleLimit 1      {one.Elapsed.TotalMilliseconds / bulk.Elapsed.TotalMilliseconds,8:0.0}x  (concurrency alone)");
        Console.WriteLine($"  ratio to the ideal {total} x {LatencyMs} ms / {Throttle} = {Seconds(ideal)} s: {toIdeal:0.00}  (goal <= {IdealRatioGoal})");
        Console.WriteLine($"  variables lost: {lost}; process CPU during the bulk run {bulk.Cpu.TotalMilliseconds:0} ms (client and in-process sandbox), {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        return speedup >= SpeedupGoal && toIdeal <= IdealRatioGoal && lost == 0 ? 0 : 1;
    }

    private readonly record struct Measurement(TimeSpan Elapsed, int Requests, TimeSpan Cpu = default);

    private static Measurement Measure(SandboxHost sandbox, Runspace runspace, string script)
    {
        sandbox.State.ClearRequests();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Run(runspace, script);
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return new Measurement(clock.Elapsed, sandbox.State.Requests.Count(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)), cpu);
    }

    /// <summary>Every environment still has its own variable and the last run's value.</summary>
    private static int VerifyNothingLost(SandboxHost sandbox, string expected)
    {
        lock (sandbox.State.SyncRoot)
        {
            return sandbox.State.Environments.Count(e =>
            {
                var runEnvs = (System.Text.Json.Nodes.JsonObject)e.Settings["runEnvs"]!;
                return (string?)runEnvs["OWN"] != e.UniqueName || (string?)runEnvs["RUN"] != expected;
            });
        }
    }

    /// <summary>Creates the projects and environments through the core client, concurrently (setup, not measured).</summary>
    private static async Task<List<ProjectEnvironment>> CreateEstateAsync(SandboxHost sandbox, string apiKey)
    {
        var session = new CreateOsSession();
        session.Connect(Secure(apiKey), sandbox.BaseUri);
        var api = session.GetApiClient();
        var environments = new List<ProjectEnvironment>();
        for (var p = 0; p < Projects; p++)
        {
            var projectId = await api.Projects.CreateAsync(new NewProject
            {
                UniqueName = $"bench-{p:00}", DisplayName = $"Bench {p:00}", Type = "image", Settings = new ProjectSettings { Port = 80 },
            }, CancellationToken.None);
            await Task.WhenAll(Enumerable.Range(0, EnvironmentsPerProject).Select(e => api.Environments.CreateAsync(projectId, new NewEnvironment
            {
                UniqueName = $"env-{p:00}-{e:00}",
                DisplayName = $"Env {p:00} {e:00}",
                Description = "benchmark environment",
                RunEnvs = new Dictionary<string, string> { ["OWN"] = $"env-{p:00}-{e:00}" },
            }, CancellationToken.None)));
            environments.AddRange((await api.Environments.ListAsync(projectId, CancellationToken.None)).OrderBy(e => e.UniqueName, StringComparer.Ordinal));
        }
        return environments;
    }
}
