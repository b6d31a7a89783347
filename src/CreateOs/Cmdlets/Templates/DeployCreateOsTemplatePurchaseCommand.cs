using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Deploys a purchased template through one of your GitHub installations (DeployProjectTemplateViaGithub).</para>
    /// <para type="description">The platform puts the template's code in a repository of the installation and deploys it; find installation ids with Get-CreateOsGitHubAccount.</para>
    /// </summary>
    [Cmdlet("Deploy", "CreateOsTemplatePurchase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class DeployCreateOsTemplatePurchaseCommand : TemplatePurchaseCmdlet
    {
        /// <summary>The GitHub installation to deploy through (see Get-CreateOsGitHubAccount).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(1, long.MaxValue)]
        public long InstallationId { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess($"template purchase {PurchaseId}", $"Deploy through GitHub installation {InstallationId}")) return;
            var api = Api;
            TryInvoke(PurchaseId, () => Await(ct => api.Templates.DeployViaGitHubAsync(PurchaseId, InstallationId, ct)));
        }
    }
}
