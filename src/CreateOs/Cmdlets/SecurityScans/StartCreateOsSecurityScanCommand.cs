using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.SecurityScans
{
    /// <summary>
    /// <para type="synopsis">Starts a vulnerability scan (trivy) of a deployment; the project must have security scanning enabled.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CreateOsSecurityScan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(SecurityScan))]
    public sealed class StartCreateOsSecurityScanCommand : SecurityScanCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, "Start")) return;
            var api = Api;
            TryInvoke(DeploymentId, () => WriteObject(Await(async ct =>
            {
                await api.SecurityScans.TriggerAsync(ProjectId, DeploymentId, ct).ConfigureAwait(false);
                return await api.SecurityScans.GetAsync(ProjectId, DeploymentId, ct).ConfigureAwait(false);
            })));
        }
    }
}
