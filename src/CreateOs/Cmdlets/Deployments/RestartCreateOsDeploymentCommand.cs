using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Builds a deployment's commit again (VCS projects), with its own settings or the project's current ones.</para>
    /// <para type="description">The new build is a new deployment. Use -Settings project to pick up settings changed since; -Wait follows the new build when the API names it.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "CreateOsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Deployment), typeof(string))]
    public sealed class RestartCreateOsDeploymentCommand : DeploymentCmdlet
    {
        /// <summary>Whose settings the build uses: the deployment's own (default) or the project's current ones.</summary>
        [Parameter]
        [ValidateSet("deployment", "project")]
        public string Settings { get; set; } = "deployment";

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, $"Rebuild with the {Settings} settings")) return;
            var api = Api;
            TryInvoke(DeploymentId, () =>
            {
                var result = Await(ct => api.Deployments.RetriggerAsync(ProjectId, DeploymentId, Settings, ct));
                if (result.DeploymentId != null)
                    WriteObject(Await(ct => api.Deployments.GetAsync(ProjectId, result.DeploymentId, ct)));
                else
                    // Only a message came back (reference §9): the newest deployment of the project is the new build.
                    WriteObject(Await(async ct => (await api.Deployments.ListPageAsync(ProjectId, 0, 1, ct).ConfigureAwait(false)).Items), enumerateCollection: true);
            });
        }
    }
}
