using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Account
{
    /// <summary>
    /// <para type="synopsis">Gets the CreateOS user the API key belongs to.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsUser")]
    [OutputType(typeof(User))]
    public sealed class GetCreateOsUserCommand : CreateOsCmdlet
    {
        protected override string ErrorNoun => "User";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(null, () => WriteObject(Await(ct => api.Account.GetCurrentUserAsync(ct))));
        }
    }
}
