using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.GitHub
{
    /// <summary>
    /// <para type="synopsis">Gets the GitHub accounts (app installations) connected to the CreateOS account.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsGitHubAccount")]
    [OutputType(typeof(GitHubAccount))]
    public sealed class GetCreateOsGitHubAccountCommand : CreateOsCmdlet
    {
        protected override string ErrorNoun => "GitHubAccount";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(null, () => WriteObject(Await(ct => api.GitHub.ListAccountsAsync(ct)), enumerateCollection: true));
        }
    }
}
