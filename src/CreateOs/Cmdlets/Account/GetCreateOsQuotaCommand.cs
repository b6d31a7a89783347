using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Account
{
    /// <summary>
    /// <para type="synopsis">Gets the account's quotas: how many projects and API keys are used of how many.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsQuota")]
    [OutputType(typeof(Quota))]
    public sealed class GetCreateOsQuotaCommand : CreateOsCmdlet
    {
        protected override string ErrorNoun => "Quota";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(null, () => WriteObject(Await(ct => api.Account.GetQuotasAsync(ct)), enumerateCollection: true));
        }
    }
}
