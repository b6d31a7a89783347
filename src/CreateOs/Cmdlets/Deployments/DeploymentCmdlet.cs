using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>A cmdlet about one deployment: -ProjectId and -DeploymentId, both bound from deployment objects.</summary>
    public abstract class DeploymentCmdlet : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string DeploymentId { get; set; } = "";

        protected override string ErrorNoun => "Deployment";

        protected string What => $"deployment {DeploymentId} of project {ProjectId}";

        /// <summary>Reads the deployment and fails with a clear, non-mutating error unless its status is one of <paramref name="allowed"/>.</summary>
        protected Deployment RequireStatus(Deployment deployment, string action, string recommendedAction, params string[] allowed)
        {
            if (System.Array.IndexOf(allowed, deployment.Status) < 0)
            {
                throw new Core.Api.WrongStateException(
                    $"Cannot {action} deployment {deployment.Id}: its status is '{deployment.Status}', and only {string.Join(" or ", allowed)} deployments can be {action}ed. Nothing was changed.",
                    deployment.Status, recommendedAction);
            }
            return deployment;
        }
    }
}
