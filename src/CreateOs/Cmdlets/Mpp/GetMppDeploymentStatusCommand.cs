using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Gets the gateway's status of a deployment: deploying, ready (with its endpoint) or failed (with the reason).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MppDeploymentStatus")]
    [OutputType(typeof(MppDeploymentStatus))]
    public sealed class GetMppDeploymentStatusCommand : MppCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string DeploymentId { get; set; } = "";

        protected override string ErrorNoun => "MppDeployment";

        protected override void ProcessRecord()
        {
            RequireWallet();
            var gateway = Gateway;
            TryInvoke(DeploymentId, () => WriteObject(Await(ct => gateway.GetStatusAsync(ProjectId, DeploymentId, ct))));
        }
    }
}
