using System;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Gets the deployments of a project, newest first (paged), or particular deployments by id.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsDeployment", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Deployment))]
    public sealed class GetCreateOsDeploymentCommand : CreateOsCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string[] DeploymentId { get; set; } = Array.Empty<string>();

        /// <summary>Only deployments in this status (filtered on the client: the API cannot).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("queue", "building", "deploying", "deployed", "build_error", "crashing", "cancelled", "error", "sleeping", "terminating")]
        public string? Status { get; set; }

        /// <summary>Every page, not just the first.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter All { get; set; }

        protected override string ErrorNoun => "Deployment";

        protected override void ProcessRecord()
        {
            var api = Api;
            if (ParameterSetName == IdSet)
            {
                foreach (var id in DeploymentId)
                    TryInvoke(id, () => WriteObject(Await(ct => api.Deployments.GetAsync(ProjectId, id, ct))));
                return;
            }
            var status = Status;
            TryInvoke(ProjectId, () => WritePaged<Deployment>(All || status != null, "deployments",
                (offset, limit, ct) => api.Deployments.ListPageAsync(ProjectId, offset, limit, ct),
                status is null ? null : d => d.Status == status));
        }
    }
}
