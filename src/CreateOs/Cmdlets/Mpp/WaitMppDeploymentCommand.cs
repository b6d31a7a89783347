using System;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Waits until a gateway deployment is ready or failed, and returns its final status.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "MppDeployment")]
    [OutputType(typeof(MppDeploymentStatus))]
    public sealed class WaitMppDeploymentCommand : MppCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string DeploymentId { get; set; } = "";

        /// <summary>How many seconds to wait at most (default 600, the documented 10 minutes).</summary>
        [Parameter]
        [Alias("TimeoutSec")]
        [NumberRange(1, 86400)]
        public int Timeout { get; set; } = 600;

        protected override string ErrorNoun => "MppDeployment";

        protected override void ProcessRecord()
        {
            RequireWallet();
            var gateway = Gateway;
            TryInvoke(DeploymentId, () =>
            {
                var status = FollowDeployment(gateway, ProjectId, DeploymentId, TimeSpan.FromSeconds(Timeout));
                if (status.IsFailed)
                    WriteFailure(new DeploymentFailedException($"Deployment {DeploymentId} failed: {status.Reason ?? status.DeploymentStatus ?? "no reason given"}."), DeploymentId);
                WriteObject(status);
            });
        }
    }
}
