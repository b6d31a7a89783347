using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.SecurityScans
{
    /// <summary>A cmdlet about a deployment's security scan: -ProjectId and -DeploymentId bind from deployments and scans.</summary>
    public abstract class SecurityScanCmdlet : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string DeploymentId { get; set; } = "";

        protected override string ErrorNoun => "SecurityScan";

        protected string What => $"security scan of deployment {DeploymentId}";
    }
}
