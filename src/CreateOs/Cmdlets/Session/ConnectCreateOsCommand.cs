using System;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Security;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core;
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

        [Parameter]
        [NumberRange(1, 3600)]
        public int TimeoutSec { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "Session";

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

            var apiUri = ApiUri;
            var gatewayUri = GatewayUri;
            if (SandboxUri != null)
            {
                SandboxInfo? info = null;
                if (!TryInvoke(SandboxUri, () => info = Await(ct => SandboxInfo.FetchAsync(Core.Http.HttpTransport.Shared, SandboxUri, ct)))) return;
                apiUri ??= info!.ApiUri;
                gatewayUri ??= info!.GatewayUri;
                foreach (var chain in info!.Chains) session.ChainRpcUris[chain.Name] = chain.RpcUrl;
                session.SandboxUri = SandboxUri;
                WriteVerbose($"Using the sandbox at {SandboxUri}: API {apiUri}, gateway {gatewayUri}, chains {string.Join(", ", info.Chains.Select(c => $"{c.Name} ({c.ChainId})"))}.");
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec))) session.Timeout = TimeSpan.FromSeconds(TimeoutSec);
            session.Connect(key!, apiUri, gatewayUri);
            WriteVerbose($"Connected to {session.ApiUri}.");
            if (PassThru) WriteObject(session);
        }
    }
}
