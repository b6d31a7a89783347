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

        /// <summary>JSON-RPC endpoints per chain name; defaults are the chains' public RPCs.</summary>
        public IDictionary<string, Uri> ChainRpcUris { get; } = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase)
        {
            ["arbitrum"] = new Uri("https://arb1.arbitrum.io/rpc"),
            ["base"] = new Uri("https://mainnet.base.org"),
        };

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

        /// <summary>
        /// The most this wallet may pay in any 24 hours, counted from the payment journal (so it holds across sessions
        /// and processes). Default: $CREATEOS_DAILY_BUDGET_USD, else 50 USD. Null = no daily budget.
        /// </summary>
        public decimal? DailyBudgetUsd { get; set; } = BudgetFromEnvironment("CREATEOS_DAILY_BUDGET_USD", PaymentLimits.SafeDefaultDailyBudgetUsd);

        /// <summary>The most this wallet may pay in any 30 days. Default: $CREATEOS_MONTHLY_BUDGET_USD, else 500 USD. Null = none.</summary>
        public decimal? MonthlyBudgetUsd { get; set; } = BudgetFromEnvironment("CREATEOS_MONTHLY_BUDGET_USD", PaymentLimits.SafeDefaultMonthlyBudgetUsd);

        private static decimal? BudgetFromEnvironment(string variable, decimal fallback)
        {
            var text = Environment.GetEnvironmentVariable(variable);
            return decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
        }

        /// <summary>When set, the gateway's pay_to must be one of these addresses.</summary>
        public IList<string> PinnedRecipients { get; } = new List<string>();

        /// <summary>Where the payment journal lives (see about_CreateOs_Payments).</summary>
        public string PaymentJournalDirectory { get; set; } = PaymentJournal.DefaultDirectory();

        /// <summary>Keeps this session's gateway traffic under the gateway's 30 requests/minute.</summary>
        public RequestBudget GatewayBudget { get; } = new RequestBudget();

        /// <summary>The gateway client; signing (for the routes that need it) uses the connected wallet.</summary>
        public MppGatewayClient GetGatewayClient() =>
            new MppGatewayClient(_httpClientOverride ?? HttpTransport.Shared, GatewayUri, new GatewayAuthenticator(GetWalletKey), UserAgent, _timeout, GatewayBudget);

        /// <summary>A JSON-RPC client for a pinned chain, at the endpoint this session uses for it.</summary>
        public EthRpcClient GetRpcClient(ChainInfo chain)
        {
            if (!ChainRpcUris.TryGetValue(chain.Name, out var uri)) uri = chain.DefaultRpcUrl;
            return new EthRpcClient(_httpClientOverride ?? HttpTransport.Shared, uri);
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
                return _client ??= new CreateOsClient(new JsonApiClient(_httpClientOverride ?? HttpTransport.Shared, ApiUri, AddApiKey, UserAgent, _timeout, new RetryPolicy(_maxRetryAttempts)));
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
