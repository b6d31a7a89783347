using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CreateOs.Core;
using CreateOs.Core.Api;
using CreateOs.Core.Configuration;
using CreateOs.Core.Models;
using CreateOs.Sandbox;
using static CreateOs.Bench.EngineBench;

namespace CreateOs.Bench;

/// <summary>
/// Sync-CreateOsConfiguration over a fleet of 20 projects × 3 environments against the in-process sandbox with 20 ms
/// injected latency on every REST request. Before each run every environment drifts (CPU and one variable changed
/// through the core client, not measured), so each run reads 20 projects and applies 120 changes (a resources PUT and
/// a variables PUT per environment). Measured in one run:
/// <list type="bullet">
/// <item>baseline: a sequential loop, one Sync-CreateOsConfiguration per project (what a script does without
/// -ThrottleLimit);</item>
/// <item>the whole fleet in one Sync-CreateOsConfiguration -ThrottleLimit 1;</item>
/// <item>the whole fleet with -ThrottleLimit 10.</item>
/// </list>
/// Goal: -ThrottleLimit 10 at least 5× faster than the sequential loop, with every change applied and none failed.
/// </summary>
public sealed class FleetSyncBenchmark : IBenchmark
{
    private const int Projects = 20, EnvironmentsPerProject = 3, Throttle = 10, LatencyMs = 20;
    private const double SpeedupGoal = 5;

    public string Name => "fleet-sync";
    public string Description => "Sync-CreateOsConfiguration, 20 projects x 3 environments, 20 ms latency: -ThrottleLimit 10 vs a sequential loop; goal >= 5x";

    public async Task<int> RunAsync(string[] args)
    {
        var manifest = Path.Combine(ImportBenchmark.RepoRoot(), "out", "CreateOs", "CreateOs.psd1");
        if (!File.Exists(manifest)) { Console.Error.WriteLine($"missing {manifest}: run dotnet build CreateOs.sln -c Release"); return 2; }
        const string apiKey = "skp_bench_fleet_sync";
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            ApiKeys = new List<string> { apiKey },
            StepDelay = Timeout.InfiniteTimeSpan,
            MaxProjects = Projects,
            MaxEnvironmentsPerProject = EnvironmentsPerProject,
        });
        var session = new CreateOsSession();
        session.Connect(Secure(apiKey), sandbox.BaseUri);
        var api = session.GetApiClient();
        var names = await CreateFleetAsync(api);

        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Run(runspace, "Import-Module $args[0] -ErrorAction Stop", manifest);
        Run(runspace, "Connect-CreateOs -ApiKey $args[0] -ApiUri $args[1]", Secure(apiKey), sandbox.BaseUri);
        runspace.SessionStateProxy.SetVariable("fleet", Desired(names));
        runspace.SessionStateProxy.SetVariable("perProject", names.Select(n => Desired(new[] { n })).ToArray());
        // Warm up the engine, the module and the connection pool outside the measurements.
        await DriftAsync(api);
        Run(runspace, "$null = Sync-CreateOsConfiguration -Configuration $fleet -ThrottleLimit 10 -Confirm:$false");
        sandbox.Faults.AddLatency("/v1/**", LatencyMs);

        var loop = await MeasureAsync(sandbox, api, runspace, "foreach ($project in $perProject) { Sync-CreateOsConfiguration -Configuration $project -Confirm:$false }");
        var one = await MeasureAsync(sandbox, api, runspace, "Sync-CreateOsConfiguration -Configuration $fleet -ThrottleLimit 1 -Confirm:$false");
        var ten = await MeasureAsync(sandbox, api, runspace, $"Sync-CreateOsConfiguration -Configuration $fleet -ThrottleLimit {Throttle} -Confirm:$false");

        var speedup = loop.Elapsed.TotalMilliseconds / ten.Elapsed.TotalMilliseconds;
        var total = Projects * EnvironmentsPerProject;
        Console.WriteLine($"{Projects} projects x {EnvironmentsPerProject} environments = {total} environments, {2 * total} changes per run, {LatencyMs} ms latency on every REST request:");
        Console.WriteLine($"  sequential loop, one Sync per project    {Seconds(loop.Elapsed),8} s   {loop.Requests,5} requests   {loop.Applied,4} changes, {loop.Failed} failed");
        Console.WriteLine($"  one Sync, -ThrottleLimit 1               {Seconds(one.Elapsed),8} s   {one.Requests,5} requests   {one.Applied,4} changes, {one.Failed} failed");
        Console.WriteLine($"  one Sync, -ThrottleLimit {Throttle}              {Seconds(ten.Elapsed),8} s   {ten.Requests,5} requests   {ten.Applied,4} changes, {ten.Failed} failed");
        Console.WriteLine($"  speed-up over the sequential loop        {speedup,8:0.0}x  (goal >= {SpeedupGoal}x)");
        Console.WriteLine($"  speed-up over -ThrottleLimit 1           {one.Elapsed.TotalMilliseconds / ten.Elapsed.TotalMilliseconds,8:0.0}x  (concurrency alone)");
        Console.WriteLine($"  {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var complete = new[] { loop, one, ten }.All(m => m.Applied == 2 * total && m.Failed == 0 && m.Drifted == 0);
        if (!complete) Console.WriteLine("  NOT every change was applied: see the counts above");
        return speedup >= SpeedupGoal && complete ? 0 : 1;
    }

    private readonly record struct Measurement(TimeSpan Elapsed, int Requests, int Applied, int Failed, int Drifted);

    private static async Task<Measurement> MeasureAsync(SandboxHost sandbox, CreateOsClient api, Runspace runspace, string script)
    {
        await DriftAsync(api);
        sandbox.State.ClearRequests();
        var clock = Stopwatch.StartNew();
        var summaries = Run(runspace, script).Select(o => (ConfigurationSyncSummary)o.BaseObject).ToList();
        clock.Stop();
        var requests = sandbox.State.Requests.Count(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal));
        return new Measurement(clock.Elapsed, requests, summaries.Sum(s => s.ChangesApplied), summaries.Sum(s => s.Failed), await DriftedAsync(api));
    }

    /// <summary>The desired state: every environment at 300 millicores with MODE=desired (no -Prune, so nothing else is touched).</summary>
    private static Hashtable Desired(IEnumerable<string> projects) => new()
    {
        ["Version"] = 1,
        ["Projects"] = projects.Select(name => (object)new Hashtable
        {
            ["UniqueName"] = name,
            ["Environments"] = Enumerable.Range(0, EnvironmentsPerProject).Select(e => (object)new Hashtable
            {
                ["UniqueName"] = $"env-{e}",
                ["Resources"] = new Hashtable { ["Cpu"] = 300 },
                ["Variables"] = new Hashtable { ["MODE"] = "desired" },
            }).ToArray(),
        }).ToArray(),
    };

    private static async Task<List<string>> CreateFleetAsync(CreateOsClient api)
    {
        var names = Enumerable.Range(0, Projects).Select(p => $"fleet-{p:00}").ToList();
        await Task.WhenAll(names.Select(async name =>
        {
            var id = await api.Projects.CreateAsync(new NewProject { UniqueName = name, DisplayName = "Fleet " + name[^2..], Type = "image", Settings = new ProjectSettings { Port = 80 } }, CancellationToken.None);
            for (var e = 0; e < EnvironmentsPerProject; e++)
                await api.Environments.CreateAsync(id, new NewEnvironment { UniqueName = $"env-{e}", DisplayName = $"Env {e}", Description = "fleet environment" }, CancellationToken.None);
        }));
        return names;
    }

    /// <summary>Every environment back to 200 millicores and MODE=drift, ten at a time (setup, not measured).</summary>
    private static async Task DriftAsync(CreateOsClient api)
    {
        var environments = await AllEnvironmentsAsync(api);
        await CreateOs.Core.Api.Throttle.ForEachAsync(environments, 10, async (environment, _, ct) =>
        {
            await api.Environments.SetResourcesAsync(environment.ProjectId, environment.Id, new EnvironmentResources { Cpu = 200, Memory = 500, Replicas = 1 }, ct);
            await api.Environments.ReplaceVariablesAsync(environment.ProjectId, environment.Id, new Dictionary<string, string> { ["MODE"] = "drift" }, null, ct);
        }, CancellationToken.None);
    }

    /// <summary>How many environments do not match the desired state after a run.</summary>
    private static async Task<int> DriftedAsync(CreateOsClient api) =>
        (await AllEnvironmentsAsync(api)).Count(e => e.Resources.Cpu != 300 || !e.Settings.RunEnvs.TryGetValue("MODE", out var mode) || mode != "desired");

    private static async Task<List<ProjectEnvironment>> AllEnvironmentsAsync(CreateOsClient api)
    {
        var projects = new List<Project>();
        await CreateOsClient.WalkPagesAsync((offset, limit, ct) => api.Projects.ListPageAsync(new ProjectFilter(), offset, limit, ct), 0, null, projects.AddRange, CancellationToken.None);
        var lists = await Task.WhenAll(projects.Select(p => api.Environments.ListAsync(p.Id, CancellationToken.None)));
        return lists.SelectMany(l => l).ToList();
    }
}
