using System.Security.Cryptography;
using CreateOs.Sandbox.Infrastructure;

namespace CreateOs.Sandbox.State;

/// <summary>
/// All in-memory state of the emulated platform. Every read and write happens under <see cref="SyncRoot"/>;
/// the public collection properties return snapshots so tests can assert on them safely.
/// </summary>
public sealed partial class SandboxState : IDisposable
{
    private readonly object _sync = new();
    private readonly CancellationTokenSource _stopping = new();

    internal readonly List<SandboxUser> UserList = new();
    internal readonly Dictionary<string, ApiKeyRecord> KeysBySecret = new(StringComparer.Ordinal);
    internal readonly List<ApiKeyRecord> KeyList = new();
    internal readonly List<Project> ProjectList = new();
    internal readonly List<Deployment> DeploymentList = new();
    internal readonly List<ProjectEnvironment> EnvironmentList = new();
    internal readonly List<Domain> DomainList = new();
    internal readonly List<SecurityScan> ScanList = new();
    internal readonly List<App> AppList = new();
    internal readonly List<ProjectTransfer> TransferList = new();
    internal readonly List<GithubInstallation> InstallationList = new();
    internal readonly List<Hit> HitList = new();
    internal readonly List<Cronjob> CronjobList = new();
    internal readonly List<ProjectTemplate> TemplateList = new();
    internal readonly List<TemplatePurchase> PurchaseList = new();
    internal readonly List<RecordedRequest> RequestList = new();
    /// <summary>Download tokens of DownloadDeployment, valid 1 h.</summary>
    internal readonly Dictionary<string, (Guid DeploymentId, DateTimeOffset ExpiresAt)> DownloadTokens = new();
    internal readonly Dictionary<string, (Guid ScanId, DateTimeOffset ExpiresAt)> ScanDownloadTokens = new();

    public SandboxState(SandboxOptions options)
    {
        Options = options;
        Ids = new IdGenerator(options.Seed);
        TransferTokens = new TransferTokens(options.Seed is null ? RandomNumberGenerator.GetBytes(32) : Convert.FromHexString(Ids.NewHex(32)));
        foreach (var key in options.ApiKeys) AddUser(key);
        TemplateList.Add(TemplateCatalog.Starter(Ids.NewId(), MarketplaceUserId, Now));
    }

    /// <summary>Owner of the seeded marketplace templates (not a user anyone can authenticate as).</summary>
    public static readonly Guid MarketplaceUserId = new("00000000-0000-4000-8000-000000000001");

    public SandboxOptions Options { get; }
    internal IdGenerator Ids { get; }
    internal TransferTokens TransferTokens { get; }

    /// <summary>The lock guarding all state; hold it when reading mutable objects obtained from the snapshots.</summary>
    public object SyncRoot => _sync;

    /// <summary>The address the sandbox is bound to (with a trailing slash); set once the server has started.</summary>
    public Uri BaseUri { get; internal set; } = new("http://127.0.0.1/");

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    public SandboxUser DefaultUser { get { lock (_sync) return UserList[0]; } }

    public IReadOnlyList<SandboxUser> Users => Snapshot(UserList);
    public IReadOnlyList<ApiKeyRecord> ApiKeys => Snapshot(KeyList);
    public IReadOnlyList<Project> Projects => Snapshot(ProjectList);
    public IReadOnlyList<Deployment> Deployments => Snapshot(DeploymentList);
    public IReadOnlyList<ProjectEnvironment> Environments => Snapshot(EnvironmentList);
    public IReadOnlyList<Domain> Domains => Snapshot(DomainList);
    public IReadOnlyList<SecurityScan> SecurityScans => Snapshot(ScanList);
    public IReadOnlyList<App> Apps => Snapshot(AppList);
    public IReadOnlyList<ProjectTransfer> Transfers => Snapshot(TransferList);
    public IReadOnlyList<GithubInstallation> GithubInstallations => Snapshot(InstallationList);
    public IReadOnlyList<Hit> Hits => Snapshot(HitList);
    public IReadOnlyList<Cronjob> Cronjobs => Snapshot(CronjobList);
    public IReadOnlyList<ProjectTemplate> Templates => Snapshot(TemplateList);
    public IReadOnlyList<TemplatePurchase> TemplatePurchases => Snapshot(PurchaseList);

    /// <summary>Every request received, in order, including /sandbox and /apps requests and faulted ones.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Snapshot(RequestList);

    /// <summary>Requests to /v1 with a method other than GET/HEAD/OPTIONS.</summary>
    public int MutatingRequestCount { get { lock (_sync) return RequestList.Count(r => r.IsMutatingApiCall); } }

    /// <summary>Forgets the request log (not the resources).</summary>
    public void ClearRequests() { lock (_sync) RequestList.Clear(); }

    /// <summary>Adds a user authenticated by <paramref name="apiKey"/>, with the seeded GitHub installation.</summary>
    public SandboxUser AddUser(string apiKey)
    {
        lock (_sync)
        {
            if (KeysBySecret.ContainsKey(apiKey)) throw new ArgumentException("API key already in use", nameof(apiKey));
            var now = Now;
            var number = UserList.Count + 1;
            var username = number == 1 ? "sandbox-user" : $"sandbox-user-{number}";
            var user = new SandboxUser
            {
                Id = Ids.NewId(),
                DisplayName = number == 1 ? "Sandbox User" : $"Sandbox User {number}",
                Username = username,
                Email = $"{username}@sandbox.local",
                CreatedAt = now,
                UpdatedAt = now,
            };
            UserList.Add(user);
            var key = new ApiKeyRecord { Id = Ids.NewId(), Name = "bootstrap", UserId = user.Id, Secret = apiKey, IsBootstrap = true, CreatedAt = now, UpdatedAt = now };
            KeysBySecret[apiKey] = key;
            KeyList.Add(key);
            InstallationList.Add(GithubCatalog.CreateInstallation(user.Id, GithubCatalog.SeededInstallationId, GithubCatalog.SeededUsername));
            return user;
        }
    }

    internal SandboxUser? Authenticate(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return null;
        lock (_sync)
        {
            if (!KeysBySecret.TryGetValue(secret, out var key) || !key.Authenticates(Now)) return null;
            return UserList.FirstOrDefault(u => u.Id == key.UserId);
        }
    }

    internal void Record(RecordedRequest request)
    {
        lock (_sync)
        {
            RequestList.Add(request);
            TrimFront(RequestList, Options.MaxRecordedRequests);
        }
    }

    internal static void TrimFront<T>(List<T> list, int max)
    {
        if (list.Count > max) list.RemoveRange(0, list.Count - Math.Max(0, max));
    }

    // ---- lookups used by the routes (callers hold the lock) ----

    internal Project OwnedProject(SandboxUser user, string projectId)
    {
        var project = Guid.TryParse(projectId, out var id)
            ? ProjectList.FirstOrDefault(p => p.Id == id && p.Status != ProjectStatus.Deleted)
            : null;
        if (project is null) throw ApiException.NotFound("project not found");
        if (project.UserId != user.Id) throw ApiException.Forbidden("you do not have access to this project");
        return project;
    }

    internal static void RequireActive(Project project)
    {
        if (project.Status != ProjectStatus.Active) throw ApiException.WrongState("project is not active");
    }

    internal Deployment ProjectDeployment(Project project, string deploymentId) =>
        (Guid.TryParse(deploymentId, out var id) ? DeploymentList.FirstOrDefault(d => d.Id == id && d.ProjectId == project.Id) : null)
        ?? throw ApiException.NotFound("deployment not found");

    internal ProjectEnvironment ProjectEnvironment(Project project, string environmentId) =>
        (Guid.TryParse(environmentId, out var id) ? EnvironmentList.FirstOrDefault(e => e.Id == id && e.ProjectId == project.Id) : null)
        ?? throw ApiException.NotFound("project environment not found");

    internal Domain ProjectDomain(Project project, string domainId) =>
        (Guid.TryParse(domainId, out var id) ? DomainList.FirstOrDefault(d => d.Id == id && d.ProjectId == project.Id) : null)
        ?? throw ApiException.NotFound("domain not found");

    internal App OwnedApp(SandboxUser user, string appId) =>
        (Guid.TryParse(appId, out var id) ? AppList.FirstOrDefault(a => a.Id == id && a.UserId == user.Id) : null)
        ?? throw ApiException.NotFound("app not found");

    internal int ProjectCount(Guid userId) => ProjectList.Count(p => p.UserId == userId && p.Status != ProjectStatus.Deleted);

    internal int ApiKeyCount(Guid userId) => KeyList.Count(k => k.UserId == userId && !k.IsBootstrap && k.RevokedAt is null);

    internal Uri ProjectEndpoint(Project project) => new(BaseUri, $"apps/{project.UniqueName}/");

    internal Uri EnvironmentEndpoint(Project project, ProjectEnvironment environment) =>
        new(BaseUri, $"apps/{project.UniqueName}.{environment.UniqueName}/");

    /// <summary>Brings derived fields (custom domains) up to date before an environment is returned.</summary>
    internal ProjectEnvironment Describe(ProjectEnvironment environment)
    {
        environment.Extra.CustomDomains = DomainList
            .Where(d => d.EnvironmentId == environment.Id && d.Status == DomainStatus.Active)
            .Select(d => d.Name).ToList();
        return environment;
    }

    /// <summary>Runs <paramref name="step"/> under the lock after the configured step delay (never, if steps are disabled).</summary>
    internal void AfterStepDelay(Action step)
    {
        var delay = Options.StepDelay;
        if (delay == Timeout.InfiniteTimeSpan) return;
        var token = _stopping.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, token);
                else await Task.Yield();
                if (token.IsCancellationRequested) return;
                lock (_sync) step();
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_sync) return list.ToList();
    }

    public void Dispose()
    {
        // The token source is not disposed: scheduled steps may still read its (cancelled) token.
        _stopping.Cancel();
    }
}
