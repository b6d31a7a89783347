using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Makes an environment serve a given deployment: promote a new one, or roll back to an earlier one.</para>
    /// <para type="description">The deployment must be deployed, deploying, crashing, sleeping or terminating. -DeploymentId and -ProjectId bind from deployment objects in the pipeline; give -EnvironmentId as a parameter.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsEnvironmentDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectEnvironment))]
    public sealed class SetCreateOsEnvironmentDeploymentCommand : EnvironmentCmdlet
    {
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string DeploymentId { get; set; } = "";

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, $"Serve deployment {DeploymentId}")) return;
            var api = Api;
            TryInvoke(DeploymentId, () =>
            {
                Await(ct => api.Environments.AssignDeploymentAsync(ProjectId, EnvironmentId, DeploymentId, ct));
                if (PassThru) WriteObject(Await(ct => api.Environments.GetAsync(ProjectId, EnvironmentId, ct)));
            });
        }
    }
}
