using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.ApiKeys
{
    /// <summary>
    /// <para type="synopsis">Tests whether an API key name is valid and still free.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CreateOsApiKeyName")]
    [OutputType(typeof(bool))]
    public sealed class TestCreateOsApiKeyNameCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public string Name { get; set; } = "";

        protected override string ErrorNoun => "ApiKeyName";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(ct => api.ApiKeys.CheckUniqueNameAsync(Name, ct)).IsAvailable));
        }
    }
}
