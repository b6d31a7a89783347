using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.ApiKeys
{
    /// <summary>
    /// <para type="synopsis">Revokes an API key: it stops working at once, for good.</para>
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "CreateOsApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RevokeCreateOsApiKeyCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ApiKeyId { get; set; } = "";

        /// <summary>Shown in the confirmation; bound from key objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Name { get; set; }

        protected override string ErrorNoun => "ApiKey";

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Name is null ? $"API key {ApiKeyId}" : $"API key '{Name}' ({ApiKeyId})", "Revoke")) return;
            var api = Api;
            TryInvoke(ApiKeyId, () => Await(ct => api.ApiKeys.RevokeAsync(ApiKeyId, ct)));
        }
    }
}
