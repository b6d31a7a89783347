using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox;

/// <summary>How an in-process or command-line sandbox is started.</summary>
public sealed class SandboxOptions
{
    /// <summary>Listen address; port 0 picks a free port. Only loopback hosts are accepted.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>API keys of the sandbox users: one user per key, the first is the default user. Empty = generate one.</summary>
    public List<string> ApiKeys { get; set; } = new();

    /// <summary>Seed for deterministic ids and secrets; null = random.</summary>
    public int? Seed { get; set; }

    /// <summary>Delay of each automatic state step (deployments, scans, domains, deletions).
    /// <see cref="Timeout.InfiniteTimeSpan"/> disables automatic steps; tests then call <see cref="SandboxState.AdvanceDeployment"/>.</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The sandbox's clock for timestamps and expiries (step delays use real time). Tests may pass a fake to jump ahead.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public int MaxProjects { get; set; } = 10;
    public int MaxEnvironmentsPerProject { get; set; } = 5;
    public int MaxDomainsPerProject { get; set; } = 10;
    public int MaxApps { get; set; } = 10;
    public int MaxApiKeys { get; set; } = 10;
    /// <summary>Manual (upload and image) deployments per project.</summary>
    public int MaxManualDeploysPerProject { get; set; } = 100;
    public int MaxUploadFiles { get; set; } = 100;
    public long MaxZipBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The request log keeps at most this many entries (oldest dropped first).</summary>
    public int MaxRecordedRequests { get; set; } = 10_000;
    /// <summary>The analytics hit log keeps at most this many entries (oldest dropped first).</summary>
    public int MaxRecordedHits { get; set; } = 100_000;

    /// <summary>Extension point: register more services before the app is built.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Extension point: map more route groups (e.g. the agent gateway) on the running app.</summary>
    public Action<WebApplication, SandboxState>? ConfigureEndpoints { get; set; }

    /// <summary>Minimum log level of ASP.NET Core's own logging.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Warning;
}
