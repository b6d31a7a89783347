using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Security;
using CreateOs.Core.Api;
using CreateOs.Core.Http;
using CreateOs.Core.Wallet;
using CreateOs.Core.Gateway;
using CreateOs.Core.Chain;

namespace CreateOs.Core
{
    /// <summary>
    /// Everything a cmdlet needs to talk to CreateOS, the gateway and the chains: endpoints, the API key, timeouts and
    /// (later) the wallet. The default one lives per PowerShell runspace; any can be passed with -Session.
    /// Secrets stay inside: the API key is a SecureString and is never shown.
    /// </summary>
    public sealed class CreateOsSession
    {
        public static readonly Uri DefaultApiUri = new Uri("https://api-createos.nodeops.network");
        public static readonly Uri DefaultGatewayUri = new Uri("https://mpp-createos.nodeops.network");

        private readonly object _sync = new object();
        private SecureString? _apiKey;
        private CreateOsClient? _client;
        private TimeSpan _timeout = TimeSpan.FromSeconds(100);
        private int _maxRetryAttempts = 4;

        public CreateOsSession(Uri? apiUri = null, Uri? gatewayUri = null)
        {
            ApiUri = apiUri ?? DefaultApiUri;
            GatewayUri = gatewayUri ?? DefaultGatewayUri;
        }

        public Uri ApiUri { get; private set; }
        public Uri GatewayUri { get; private set; }
        /// <summary>Set when the session points at a local sandbox (Connect-CreateOs -SandboxUri).</summary>
        public Uri? SandboxUri { get; set; }
        public bool IsConnected => _apiKey != null;
        public DateTimeOffset? ConnectedAt { get; private set; }

        /// <summary>
        /// The JSON-RPC endpoints named for this session, per chain name: by Connect-CreateOs -ChainRpcUri, by the
        /// sandbox's /sandbox/info, or by hand. A chain not named here is paid on its public RPC only when the session
        /// talks to the official gateway (see <see cref="GetRpcUri"/>): the RPCs come with the gateway as one trust decision.
        /// </summary>
        public IDictionary<string, Uri> ChainRpcUris { get; } = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Lets http:// reach hosts other than this machine (API key, gateway signatures and RPC traffic in cleartext).
        /// Off by default; only Connect-CreateOs -AllowInsecureTransport turns it on.
        /// </summary>
        public bool AllowInsecureTransport { get; set; }

        /// <summary>True when the gateway is the official CreateOS one and no sandbox is involved.</summary>
        public bool IsOfficialGateway => SandboxUri is null && EndpointIdentity.SameEndpoint(GatewayUri, DefaultGatewayUri);

        /// <summary>
        /// The RPC endpoint this session pays and reads <paramref name="chain"/> on: a named one, else — only for the
        /// official gateway — the chain's public RPC. A sandbox session never falls back to a public chain, and neither
        /// does any other gateway: both throw <see cref="ChainNotAvailableException"/> before any RPC call.
        /// </summary>
        public Uri GetRpcUri(ChainInfo chain)
        {
            if (chain is null) throw new ArgumentNullException(nameof(chain));
            Uri? uri;
            lock (_sync) ChainRpcUris.TryGetValue(chain.Name, out uri);
            if (uri != null)
            {
                RequireSecureTransport(uri, $"the {chain.DisplayName} RPC endpoint");
                return uri;
            }
            if (SandboxUri != null)
                throw new ChainNotAvailableException(chain.Name,
                    $"The sandbox at {SandboxUri} does not run {chain.DisplayName} ({chain.Name}): its /sandbox/info lists {DescribeNamedChains()}. A sandbox session never uses a public chain. Start the sandbox with its chains (anvil installed, without --no-chains), then run Connect-CreateOs -SandboxUri again.");
            if (!IsOfficialGateway)
                throw new ChainNotAvailableException(chain.Name,
                    $"The gateway {GatewayUri} is not the official CreateOS gateway, so {chain.DisplayName} is not read or paid on its public RPC for it. If you mean to, name the RPC endpoint: Connect-CreateOs -GatewayUri {GatewayUri} -ChainRpcUri @{{{chain.Name}='https://…'}}.");
            return chain.DefaultRpcUrl;
        }

        /// <summary>Whether <see cref="GetRpcUri"/> has an endpoint for <paramref name="chain"/> (without throwing).</summary>
        public bool HasRpcFor(ChainInfo chain)
        {
            lock (_sync) if (ChainRpcUris.ContainsKey(chain.Name)) return true;
            return SandboxUri is null && IsOfficialGateway;
        }

        private string DescribeNamedChains()
        {
            lock (_sync) return ChainRpcUris.Count == 0 ? "no chains (payments are unavailable there)" : "only " + string.Join(", ", ChainRpcUris.Keys);
        }

        /// <summary>
        /// Refuses http:// to anything but this machine (and any scheme but http/https) unless <see cref="AllowInsecureTransport"/>:
        /// the API key, gateway signatures and payments must not travel in cleartext.
        /// </summary>
        public void RequireSecureTransport(Uri uri, string what)
        {
            if (uri is null) throw new ArgumentNullException(nameof(uri));
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new InsecureTransportException(uri, $"{uri} is not an http(s) address, so it cannot be {what}.");
            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !AllowInsecureTransport)
                throw new InsecureTransportException(uri,
                    $"Refusing {uri.GetLeftPart(UriPartial.Authority)} as {what}: plain http:// to another machine would send credentials and payments in cleartext. Use https://, or, on a network you trust, connect with -AllowInsecureTransport.");
        }

        private EthereumKey? _walletKey;

        /// <summary>The checksummed address of the connected wallet, never its key.</summary>
        public string? WalletAddress { get; private set; }

        /// <summary>The keystore the wallet was loaded from.</summary>
        public string? WalletKeystorePath { get; private set; }

        /// <summary>The content (length, SHA-256) of the keystore the wallet was loaded from: no upload ever includes that file, under any name.</summary>
        public Packaging.FileFingerprint? WalletKeystoreFingerprint { get; private set; }

        public bool HasWallet => _walletKey != null;

        /// <summary>
        /// Takes ownership of an unlocked key for signing payments and gateway requests; replaces (and zeroes) any previous one.
        /// <paramref name="keystoreBytes"/>, the file's content as read, lets every upload leave out copies of that file.
        /// </summary>
        public void ConnectWallet(EthereumKey key, string? keystorePath, byte[]? keystoreBytes = null)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            LoadBudgetsFromEnvironment();
            lock (_sync)
            {
                _walletKey?.Dispose();
                _walletKey = key;
                WalletAddress = key.Address.ToChecksumString();
                WalletKeystorePath = keystorePath;
                WalletKeystoreFingerprint = keystoreBytes is null ? null : Packaging.FileFingerprint.Of(keystorePath, keystoreBytes, "the connected wallet's keystore");
            }
        }

        /// <summary>The unlocked key; throws <see cref="WalletNotConnectedException"/> when no wallet was connected.</summary>
        public EthereumKey GetWalletKey()
        {
            lock (_sync) return _walletKey ?? throw new WalletNotConnectedException();
        }

        /// <summary>The most one paid deploy may cost unless -MaxPaymentUsd says otherwise; null = the small safe default (5 USD).</summary>
        public decimal? MaxPaymentUsd { get; set; }

        /// <summary>What the default view shows for <see cref="MaxPaymentUsd"/>: the cap, or the safe default marked "(default)".</summary>
        public string MaxPaymentUsdShown =>
            MaxPaymentUsd?.ToString(System.Globalization.CultureInfo.CurrentCulture)
            ?? PaymentLimits.SafeDefaultMaxPaymentUsd.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (default)";

        private decimal? _dailyBudgetUsd = PaymentLimits.SafeDefaultDailyBudgetUsd;
        private decimal? _monthlyBudgetUsd = PaymentLimits.SafeDefaultMonthlyBudgetUsd;
        private bool _dailyBudgetSet;
        private bool _monthlyBudgetSet;

        /// <summary>
        /// The most this wallet may pay in any 24 hours, counted from the payment journal (so it holds across sessions
        /// and processes). Default: $CREATEOS_DAILY_BUDGET_USD (read when connecting), else 50 USD. 0 = no payments;
        /// null = no daily budget. A value set here wins over the environment.
        /// </summary>
        public decimal? DailyBudgetUsd
        {
            get => _dailyBudgetUsd;
            set { _dailyBudgetUsd = PaymentBudgets.Check(value, nameof(DailyBudgetUsd)); _dailyBudgetSet = true; }
        }

        /// <summary>The most this wallet may pay in any 30 days. Default: $CREATEOS_MONTHLY_BUDGET_USD, else 500 USD. 0 = no payments; null = none.</summary>
        public decimal? MonthlyBudgetUsd
        {
            get => _monthlyBudgetUsd;
            set { _monthlyBudgetUsd = PaymentBudgets.Check(value, nameof(MonthlyBudgetUsd)); _monthlyBudgetSet = true; }
        }

        /// <summary>
        /// Reads $CREATEOS_DAILY_BUDGET_USD and $CREATEOS_MONTHLY_BUDGET_USD for the budgets not set on the session; a
        /// value that is not a non-negative number is a <see cref="BudgetConfigurationException"/> naming the variable.
        /// Connecting (the API key or the wallet) calls it, so a wrong budget stops the session before anything is paid.
        /// </summary>
        public void LoadBudgetsFromEnvironment(Func<string, string?>? environment = null)
        {
            environment ??= Environment.GetEnvironmentVariable;
            var daily = PaymentBudgets.FromEnvironment(environment, PaymentBudgets.DailyVariable, PaymentLimits.SafeDefaultDailyBudgetUsd);
            var monthly = PaymentBudgets.FromEnvironment(environment, PaymentBudgets.MonthlyVariable, PaymentLimits.SafeDefaultMonthlyBudgetUsd);
            lock (_sync)
            {
                if (!_dailyBudgetSet) _dailyBudgetUsd = daily;
                if (!_monthlyBudgetSet) _monthlyBudgetUsd = monthly;
            }
        }

        /// <summary>When set, the gateway's pay_to must be one of these addresses.</summary>
        public IList<string> PinnedRecipients { get; } = new List<string>();

        /// <summary>Where the payment journal lives (see about_CreateOs_Payments).</summary>
        public string PaymentJournalDirectory { get; set; } = PaymentJournal.DefaultDirectory();

        /// <summary>Keeps this session's gateway traffic under the gateway's 30 requests/minute.</summary>
        public RequestBudget GatewayBudget { get; } = new RequestBudget();

        /// <summary>The gateway client; signing (for the routes that need it) uses the connected wallet.</summary>
        public MppGatewayClient GetGatewayClient()
        {
            RequireSecureTransport(GatewayUri, "the payment gateway");
            return new MppGatewayClient(_httpClientOverride ?? HttpTransport.Shared, GatewayUri, new GatewayAuthenticator(GetWalletKey), UserAgent, _timeout, GatewayBudget) { MaxResponseBytes = MaxResponseBytes };
        }

        /// <summary>A JSON-RPC client for a pinned chain, at the endpoint this session uses for it (see <see cref="GetRpcUri"/>).</summary>
        public EthRpcClient GetRpcClient(ChainInfo chain) =>
            new EthRpcClient(_httpClientOverride ?? HttpTransport.Shared, GetRpcUri(chain), RpcTimeout, MaxResponseBytes);

        private TimeSpan _rpcTimeout = EthRpcClient.DefaultTimeout;
        private long _maxResponseBytes = BoundedBody.DefaultMaxResponseBytes;

        /// <summary>How long one chain JSON-RPC call may take (default 30 s); a receipt wait's own deadline interrupts it too.</summary>
        public TimeSpan RpcTimeout
        {
            get => _rpcTimeout;
            set
            {
                if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RpcTimeout), "the RPC timeout must be positive");
                _rpcTimeout = value;
            }
        }

        /// <summary>The largest answer read from the API, the gateway or a chain RPC (default 16 MiB); reading stops there.</summary>
        public long MaxResponseBytes
        {
            get => _maxResponseBytes;
            set
            {
                if (value < 64 * 1024 || value > int.MaxValue - 1) throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), "between 64 KiB and 2 GiB");
                lock (_sync) { _maxResponseBytes = value; _client = null; }
            }
        }

        public PaymentJournal GetPaymentJournal() => new PaymentJournal(PaymentJournalDirectory);

        /// <summary>How long one HTTP request may take before it counts as timed out.</summary>
        public TimeSpan Timeout
        {
            get => _timeout;
            set
            {
                if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), "the timeout must be positive");
                lock (_sync) { _timeout = value; _client = null; }
            }
        }

        public int MaxRetryAttempts
        {
            get => _maxRetryAttempts;
            set
            {
                if (value < 1) throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), "at least one attempt is needed");
                lock (_sync) { _maxRetryAttempts = value; _client = null; }
            }
        }

        /// <summary>Names the module version and the PowerShell edition, e.g. "CreateOs/0.1.0 (PowerShell 7.6.9; Core; Linux)".</summary>
        public string UserAgent { get; set; } = "CreateOs/" + typeof(CreateOsSession).Assembly.GetName().Version;

        private HttpClient? _httpClientOverride;

        /// <summary>Replaces the HTTP transport (tests); the process-wide client is used otherwise.</summary>
        public void UseHttpClient(HttpClient? http)
        {
            lock (_sync) { _httpClientOverride = http; _client = null; }
        }

        public void Connect(SecureString apiKey, Uri? apiUri = null, Uri? gatewayUri = null)
        {
            if (apiKey is null || apiKey.Length == 0) throw new ArgumentException("The API key is empty.", nameof(apiKey));
            RequireSecureTransport(apiUri ?? ApiUri, "the CreateOS API");
            RequireSecureTransport(gatewayUri ?? GatewayUri, "the payment gateway");
            RequireServiceRoot(apiUri, "ApiUri", "v1");
            RequireServiceRoot(gatewayUri, "GatewayUri", "agent");
            LoadBudgetsFromEnvironment();
            lock (_sync)
            {
                _apiKey = apiKey.Copy();
                _apiKey.MakeReadOnly();
                if (apiUri != null) ApiUri = apiUri;
                if (gatewayUri != null) GatewayUri = gatewayUri;
                ConnectedAt = DateTimeOffset.UtcNow;
                _client = null;
            }
        }

        /// <summary>
        /// The address of a service is its root: a pasted request path (…/v1, …/agent), a query or a fragment would be
        /// repeated or lost in every request, which then fails with a 404 that seems to be about the item asked for.
        /// </summary>
        private static void RequireServiceRoot(Uri? uri, string parameter, string requestPrefix)
        {
            if (uri is null) return;
            var root = uri.GetLeftPart(UriPartial.Authority);
            var segments = uri.AbsolutePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 0 && string.Equals(segments[segments.Length - 1], requestPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var parent = root + "/" + string.Join("/", segments, 0, segments.Length - 1);
                throw new Validation.ValidationException(parameter, uri, $"-{parameter} {uri} ends in /{segments[segments.Length - 1]}: give the service's root ({parent}); CreateOs adds /{requestPrefix}/… to every request itself.");
            }
            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
                throw new Validation.ValidationException(parameter, uri, $"-{parameter} {uri} has a {(uri.Query.Length > 0 ? "query" : "fragment")}, which no request could keep: give the service's root ({root}{uri.AbsolutePath}).");
        }

        public void Disconnect()
        {
            lock (_sync)
            {
                _apiKey?.Dispose();
                _apiKey = null;
                ConnectedAt = null;
                _client = null;
            }
        }

        /// <summary>The REST client; throws <see cref="NotConnectedException"/> when no API key was given.</summary>
        public CreateOsClient GetApiClient()
        {
            lock (_sync)
            {
                if (_apiKey is null) throw new NotConnectedException();
                if (_client is null) RequireSecureTransport(ApiUri, "the CreateOS API");
                return _client ??= new CreateOsClient(new JsonApiClient(_httpClientOverride ?? HttpTransport.Shared, ApiUri, AddApiKey, UserAgent, _timeout, new RetryPolicy(_maxRetryAttempts)) { MaxResponseBytes = _maxResponseBytes });
            }
        }

        private void AddApiKey(HttpRequestMessage message, ApiRequest request)
        {
            var key = _apiKey;
            if (key is null) throw new NotConnectedException();
            message.Headers.TryAddWithoutValidation("X-Api-Key", new NetworkCredential(string.Empty, key).Password);
        }

        /// <summary>Forgets the wallet and zeroes its key.</summary>
        public void DisconnectWallet()
        {
            lock (_sync)
            {
                _walletKey?.Dispose();
                _walletKey = null;
                WalletAddress = null;
                WalletKeystorePath = null;
                WalletKeystoreFingerprint = null;
            }
        }

        public override string ToString() => IsConnected ? $"Connected to {ApiUri}" + (WalletAddress is null ? "" : $" with wallet {WalletAddress}") : "Not connected";
    }

    /// <summary>The session has no RPC endpoint it may use for a chain: nothing was sent to any chain.</summary>
    public sealed class ChainNotAvailableException : InvalidOperationException
    {
        public ChainNotAvailableException(string chain, string message) : base(message) => Chain = chain;

        public string Chain { get; }
    }

    /// <summary>An endpoint the session refuses to talk to: plain http:// to another machine, or not http(s) at all.</summary>
    public sealed class InsecureTransportException : ArgumentException
    {
        public InsecureTransportException(Uri uri, string message) : base(message) => Uri = uri;

        public Uri Uri { get; }
    }

    /// <summary>No wallet in the session: the user has to run Connect-CreateOsWallet first.</summary>
    public sealed class WalletNotConnectedException : InvalidOperationException
    {
        public WalletNotConnectedException()
            : base("No wallet is connected. Run Connect-CreateOsWallet -Path <keystore.json> -Password (Read-Host -AsSecureString) first, or create one with New-CreateOsWallet.")
        {
        }
    }

    /// <summary>No API key in the session: the user has to run Connect-CreateOs first.</summary>
    public sealed class NotConnectedException : InvalidOperationException
    {
        public NotConnectedException()
            : base("Not connected to CreateOS. Run Connect-CreateOs -ApiKey (Read-Host -AsSecureString) first, set $env:CREATEOS_API_KEY, or pass -Session.")
        {
        }
    }
}
