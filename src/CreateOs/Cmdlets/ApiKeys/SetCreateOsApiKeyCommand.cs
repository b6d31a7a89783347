using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.ApiKeys
{
    /// <summary>
    /// <para type="synopsis">Renames an API key or changes its description (the secret and expiry stay).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApiKey))]
    public sealed class SetCreateOsApiKeyCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ApiKeyId { get; set; } = "";

        /// <summary>The new name (required by the API; the current one is kept when omitted).</summary>
        [Parameter]
        public string? Name { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "ApiKey";

        protected override void ProcessRecord()
        {
            if (!TryInvoke(ApiKeyId, () => ApiKeysApi.Validate(Name ?? "keep", Description, null, System.DateTimeOffset.UtcNow))) return;
            if (!ShouldProcess($"API key {ApiKeyId}", "Update")) return;
            var api = Api;
            TryInvoke(ApiKeyId, () =>
            {
                var updated = Await(async ct =>
                {
                    var name = Name;
                    if (name is null)
                    {
                        var keys = await api.ApiKeys.ListAsync(ct).ConfigureAwait(false);
                        name = keys.FirstOrDefault(k => k.Id == ApiKeyId)?.Name ?? throw ApiErrors.NotFound($"no API key {ApiKeyId}");
                    }
                    await api.ApiKeys.UpdateAsync(ApiKeyId, name, Description, ct).ConfigureAwait(false);
                    return PassThru ? (await api.ApiKeys.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(k => k.Id == ApiKeyId) : null;
                });
                if (updated != null) WriteObject(updated);
            });
        }
    }
}
