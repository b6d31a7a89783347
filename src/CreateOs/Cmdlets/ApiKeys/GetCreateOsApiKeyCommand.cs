using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.ApiKeys
{
    /// <summary>
    /// <para type="synopsis">Gets the API keys of the account (never their secrets); none is an empty result, not an error.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsApiKey")]
    [OutputType(typeof(ApiKey))]
    public sealed class GetCreateOsApiKeyCommand : CreateOsCmdlet
    {
        /// <summary>Key names; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override string ErrorNoun => "ApiKey";

        protected override void ProcessRecord()
        {
            var api = Api;
            var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            TryInvoke(Name, () =>
            {
                var keys = Await(ct => api.ApiKeys.ListAsync(ct));
                WriteObject(keys.Where(k => pattern is null || pattern.IsMatch(k.Name ?? "")).ToList(), enumerateCollection: true);
            });
        }
    }
}
