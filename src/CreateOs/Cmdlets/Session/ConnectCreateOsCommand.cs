using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Security;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core;
using CreateOs.Core.Chain;
using CreateOs.Core.Sandbox;

namespace CreateOs.Commands.Session
{
    /// <summary>
    /// <para type="synopsis">Connects the session to CreateOS with an API key.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CreateOs", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(CreateOsSession))]
    public sealed class ConnectCreateOsCommand : CreateOsCmdlet
    {
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";

        /// <summary>The API key as a SecureString; without it (and without -Credential), $env:CREATEOS_API_KEY.</summary>
        [Parameter(Position = 0, ParameterSetName = ApiKeySet)]
        [SecureStringArgument]
        public SecureString? ApiKey { get; set; }

        /// <summary>A credential whose password is the API key (the user name is ignored).</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter]
        [ValidateNotNull]
        public Uri? ApiUri { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? GatewayUri { get; set; }

        /// <summary>A CreateOs sandbox: points the API, the gateway and the chain RPCs at it in one step.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? SandboxUri { get; set; }

        /// <summary>
        /// The JSON-RPC endpoint per chain (@{arbitrum='https://…'; base='https://…'}) this session reads balances and
        /// pays on. The official gateway uses the chains' public RPCs without it; any other gateway uses only these.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public System.Collections.Hashtable? ChainRpcUri { get; set; }

        /// <summary>Allows plain http:// to other machines for the API, the gateway and the RPCs (credentials in cleartext).</summary>
        [Parameter]
        public SwitchParameter AllowInsecureTransport { get; set; }

        [Parameter]
        [NumberRange(1, 3600)]
        public int TimeoutSec { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "Session";

        /// <summary>-ChainRpcUri as a map of pinned chain names to absolute http(s) addresses the session may use.</summary>
        private Dictionary<string, Uri> ExplicitRpcUris(CreateOsSession session)
        {
            var map = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
            if (ChainRpcUri is null) return map;
            foreach (System.Collections.DictionaryEntry entry in ChainRpcUri)
            {
                var name = entry.Key?.ToString() ?? "";
                if (!TokenRegistry.TryGetChain(name, out var chain))
                    throw new ArgumentException($"-ChainRpcUri names '{name}', which is not a chain this module pays on (arbitrum, base).");
                var text = (entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value)?.ToString();
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
                    throw new ArgumentException($"-ChainRpcUri gives '{text}' for {chain.Name}, which is not an absolute http(s) address.");
                session.RequireSecureTransport(uri, $"the {chain.DisplayName} RPC endpoint");
                map[chain.Name] = uri;
            }
            return map;
        }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            var key = ParameterSetName == CredentialSet ? Credential.Password : ApiKey;
            using var fromEnvironment = key is null ? ApiKeyFromEnvironment() : null;
            if (key is null && fromEnvironment is null)
            {
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(new ArgumentException(
                    $"No API key: pass -ApiKey (Read-Host -AsSecureString 'CreateOS API key'), -ApiKey (Get-Secret CreateOsApiKey) or -Credential, or set ${ApiKeyVariable}."), "Session", null));
            }
            if (fromEnvironment != null)
            {
                key = fromEnvironment;
                WriteVerbose($"Using the API key in ${ApiKeyVariable}.");
            }
            if (key is null || key.Length == 0)
            {
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(new ArgumentException("The API key is empty."), "Session", null));
            }

            // One trust decision: the endpoints, the RPCs that come with the gateway, and whether cleartext is allowed.
            var previouslyInsecure = session.AllowInsecureTransport;
            session.AllowInsecureTransport = AllowInsecureTransport;
            var connected = false;
            try
            {
                var apiUri = ApiUri;
                var gatewayUri = GatewayUri;
                var rpcUris = ExplicitRpcUris(session);
                if (SandboxUri != null)
                {
                    SandboxInfo? info = null;
                    session.RequireSecureTransport(SandboxUri, "the sandbox");
                    if (!TryInvoke(SandboxUri, () => info = Await(ct => SandboxInfo.FetchAsync(Core.Http.HttpTransport.Shared, SandboxUri, ct)))) return;
                    apiUri ??= info!.ApiUri;
                    gatewayUri ??= info!.GatewayUri;
                    foreach (var chain in info!.Chains.Where(c => !rpcUris.ContainsKey(c.Name)))
                    {
                        session.RequireSecureTransport(chain.RpcUrl, $"the sandbox's {chain.Name} RPC endpoint");
                        // A sandbox's chains run beside it; one that points elsewhere (a public RPC) is not taken on its word.
                        if (!chain.RpcUrl.IsLoopback && !string.Equals(chain.RpcUrl.IdnHost, SandboxUri.IdnHost, StringComparison.OrdinalIgnoreCase))
                            throw new ChainNotAvailableException(chain.Name,
                                $"The sandbox at {SandboxUri} lists {chain.RpcUrl.GetLeftPart(UriPartial.Authority)} for {chain.Name}, which is neither this machine nor the sandbox's host: a sandbox session never uses a public chain. If you mean that endpoint, name it with -ChainRpcUri @{{{chain.Name}='…'}}.");
                        rpcUris[chain.Name] = chain.RpcUrl;
                    }
                    WriteVerbose($"Using the sandbox at {SandboxUri}: API {apiUri}, gateway {gatewayUri}, chains {(info.Chains.Count == 0 ? "none (payments are unavailable there)" : string.Join(", ", info.Chains.Select(c => $"{c.Name} ({c.ChainId})")))}.");
                    if (!info.PaymentsAvailable)
                        WriteWarning($"The sandbox at {SandboxUri} cannot verify payments ({info.PaymentsUnavailableReason ?? "it runs no chains"}): its REST API works, paid deploys do not.");
                }

                if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec))) session.Timeout = TimeSpan.FromSeconds(TimeoutSec);
                session.Connect(key!, apiUri, gatewayUri);
                session.SandboxUri = SandboxUri;
                session.ChainRpcUris.Clear();
                foreach (var entry in rpcUris) session.ChainRpcUris[entry.Key] = entry.Value;
                connected = true;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
            {
                session.AllowInsecureTransport = previouslyInsecure;
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(ex, "Session", (object?)SandboxUri ?? ApiUri ?? GatewayUri));
            }
            finally
            {
                if (!connected) session.AllowInsecureTransport = previouslyInsecure;
            }
            WriteVerbose($"Connected to {session.ApiUri}.");
            if (PassThru) WriteObject(session);
        }
    }
}
