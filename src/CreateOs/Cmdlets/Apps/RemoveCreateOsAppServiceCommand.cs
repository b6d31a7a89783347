using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Removes services from an app (ids from the pipeline are sent together in one request).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsAppService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsAppServiceCommand : AppMembersCmdlet
    {
        /// <summary>Service ids (UUIDs).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] ServiceId { get; set; } = System.Array.Empty<string>();

        protected override System.Collections.Generic.IEnumerable<string> MemberIds => ServiceId;

        protected override string MemberKind => "services";

        protected override string Verb => "Remove";

        protected override Task SendAsync(CreateOsClient api, string appId, IReadOnlyCollection<string> ids, CancellationToken ct) => api.Apps.RemoveServicesAsync(appId, ids, ct);
    }
}
