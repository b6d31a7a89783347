using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Wakes a sleeping deployment.</para>
    /// <para type="description">Only sleeping deployments can be woken (the status is checked first). If the project is at its maximum of running deployments, the platform stops the oldest.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CreateOsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Deployment))]
    public sealed class StartCreateOsDeploymentCommand : DeploymentCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(DeploymentId, () =>
            {
                var current = Await(ct => api.Deployments.GetAsync(ProjectId, DeploymentId, ct));
                RequireStatus(current, "wake", "Only sleeping deployments can be woken; a cancelled or failed one must be published again.", "sleeping");
                if (!ShouldProcess(What, "Wake up")) return;
                Await(ct => api.Deployments.WakeupAsync(ProjectId, DeploymentId, ct));
                if (PassThru) WriteObject(Await(ct => api.Deployments.GetAsync(ProjectId, DeploymentId, ct)));
            });
        }
    }
}
