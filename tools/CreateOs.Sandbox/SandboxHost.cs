using System.Net;
using CreateOs.Sandbox.Faults;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.Routes;
using CreateOs.Sandbox.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace CreateOs.Sandbox;

/// <summary>A running sandbox: the emulated CreateOS REST API on a loopback address.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, SandboxState state, SandboxFaults faults, Uri baseUri)
    {
        _app = app;
        State = state;
        Faults = faults;
        BaseUri = baseUri;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:53211/ (always with a trailing slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>The default user's API key (the first of <see cref="SandboxOptions.ApiKeys"/>).</summary>
    public string ApiKey => State.Options.ApiKeys[0];

    public IReadOnlyList<string> ApiKeys => State.Options.ApiKeys;

    public SandboxState State { get; }

    public SandboxFaults Faults { get; }

    /// <summary>Shortcut for <see cref="SandboxState.Requests"/>.</summary>
    public IReadOnlyList<RecordedRequest> Requests => State.Requests;

    /// <summary>Shortcut for <see cref="SandboxState.MutatingRequestCount"/>.</summary>
    public int MutatingRequestCount => State.MutatingRequestCount;

    /// <summary>An HttpClient for the sandbox with the given (default: the first) API key set.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseUri };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey ?? ApiKey);
        return client;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Completes when the host stops (Ctrl+C on the command line, or disposal).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public static async Task<SandboxHost> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls) RequireLoopback(url);
        // A generated key comes from its own generator so that, with a seed, it is stable but unrelated to the ids.
        if (options.ApiKeys.Count == 0) options.ApiKeys.Add(new IdGenerator(options.Seed is { } seed ? ~seed : null).NewApiKeySecret());

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
            // No appsettings file watchers: many short-lived in-process hosts would each hold some.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.MultipartBodyLengthLimit = options.MaxZipBytes + 1024 * 1024);

        var state = new SandboxState(options);
        var faults = new SandboxFaults();
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(faults);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseSandboxPipeline(state, faults);
        SandboxControlRoutes.Map(app, state, faults);
        HostedAppRoutes.Map(app, state);
        var v1 = app.MapGroup("/v1");
        ProjectsRoutes.Map(v1, state);
        DeploymentsRoutes.Map(v1, state);
        EnvironmentsRoutes.Map(v1, state);
        AnalyticsRoutes.Map(v1, state);
        DomainsRoutes.Map(v1, state);
        GithubRoutes.Map(v1, state);
        SecurityScansRoutes.Map(v1, state);
        AppsRoutes.Map(v1, state);
        ApiKeysRoutes.Map(v1, state);
        AccountRoutes.Map(v1, state);
        TransferRoutes.Map(v1, state);
        CronjobsRoutes.Map(v1, state);
        TemplatesRoutes.Map(v1, state);
        options.ConfigureEndpoints?.Invoke(app, state);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            state.Dispose();
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        state.BaseUri = baseUri;
        return new SandboxHost(app, state, faults, baseUri);
    }

    private static void RequireLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new ArgumentException($"invalid URL '{url}'");
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback) throw new ArgumentException($"the sandbox binds to loopback addresses only, not '{url}'");
    }

    public async ValueTask DisposeAsync()
    {
        State.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
