using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Takes a deployment down (DELETE). Warning: the platform may only put it to sleep rather than delete it.</para>
    /// <para type="description">Allowed for deployed, deploying and crashing deployments. The deployment goes to 'terminating' and then, depending on the platform, to 'sleeping' (it can be woken with Start-CreateOsDeployment) or away. Sources disagree on whether this deletes or sleeps; do not rely on it to erase data.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsDeploymentCommand : DeploymentCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What + " (it may only be put to sleep)", "Delete")) return;
            var api = Api;
            TryInvoke(DeploymentId, () => Await(ct => api.Deployments.DeleteAsync(ProjectId, DeploymentId, ct)));
        }
    }
}
