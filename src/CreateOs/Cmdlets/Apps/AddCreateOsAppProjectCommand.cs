using System.Collections.Generic;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Adds projects to an app (ids from the pipeline are sent together in one request).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "CreateOsAppProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class AddCreateOsAppProjectCommand : AppMembersCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string[] ProjectId { get; set; } = System.Array.Empty<string>();

        protected override System.Collections.Generic.IEnumerable<string> MemberIds => ProjectId;

        protected override string MemberKind => "projects";

        protected override string Verb => "Add";

        protected override Task SendAsync(CreateOsClient api, string appId, IReadOnlyCollection<string> ids, CancellationToken ct) => api.Apps.AddProjectsAsync(appId, ids, ct);
    }
}
