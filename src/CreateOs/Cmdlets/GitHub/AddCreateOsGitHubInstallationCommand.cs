using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.GitHub
{
    /// <summary>
    /// <para type="synopsis">Connects a GitHub app installation to the CreateOS account, with the code GitHub returned after installing the app.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CreateOsGitHubInstallation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(GitHubAccount))]
    public sealed class AddCreateOsGitHubInstallationCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long InstallationId { get; set; }

        /// <summary>The OAuth code from GitHub's redirect after the installation.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Code { get; set; } = "";

        protected override string ErrorNoun => "GitHubInstallation";

        protected override void ProcessRecord()
        {
            if (!ShouldProcess($"GitHub installation {InstallationId}", "Connect")) return;
            var api = Api;
            TryInvoke(InstallationId, () =>
            {
                var accounts = Await(async ct =>
                {
                    await api.GitHub.InstallAsync(InstallationId, Code, ct).ConfigureAwait(false);
                    return await api.GitHub.ListAccountsAsync(ct).ConfigureAwait(false);
                });
                var id = InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var account in accounts)
                    if (account.InstallationId == id) WriteObject(account);
            });
        }
    }
}
