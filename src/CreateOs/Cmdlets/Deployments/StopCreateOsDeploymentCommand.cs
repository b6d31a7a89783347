using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Cancels a deployment that is queued or building.</para>
    /// <para type="description">The status is read first: a deployment in any other state gets a clear error and nothing is sent.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "CreateOsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Deployment))]
    public sealed class StopCreateOsDeploymentCommand : DeploymentCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(DeploymentId, () =>
            {
                var current = Await(ct => api.Deployments.GetAsync(ProjectId, DeploymentId, ct));
                RequireStatus(current, "cancel", "Only a build that has not finished can be cancelled; to take a running deployment down use Remove-CreateOsDeployment.",
                    DeploymentStates.Cancellable.ToArrayOf());
                if (!ShouldProcess(What, "Cancel")) return;
                Await(ct => api.Deployments.CancelAsync(ProjectId, DeploymentId, ct));
                if (PassThru) WriteObject(Await(ct => api.Deployments.GetAsync(ProjectId, DeploymentId, ct)));
            });
        }
    }

    internal static class ListExtensions
    {
        public static string[] ToArrayOf(this System.Collections.Generic.IReadOnlyList<string> list)
        {
            var array = new string[list.Count];
            for (var i = 0; i < list.Count; i++) array[i] = list[i];
            return array;
        }
    }
}
