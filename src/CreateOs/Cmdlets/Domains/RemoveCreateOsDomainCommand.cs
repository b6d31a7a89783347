using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;

namespace CreateOs.Commands.Domains
{
    /// <summary>
    /// <para type="synopsis">Removes custom domains (asynchronously: they go to 'deleting').</para>
    /// <para type="description">Runs concurrently over many domains (-ThrottleLimit); errors come in input order, one per failed domain.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsDomainCommand : DomainBulkCmdlet
    {
        protected override string BulkActivity => "Removing domains";

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, "Remove")) return;
            Enqueue(CurrentItem);
        }

        protected override async Task<object?> ExecuteAsync(CreateOsClient api, DomainItem item, CancellationToken ct)
        {
            await api.Domains.DeleteAsync(item.ProjectId, item.DomainId, ct).ConfigureAwait(false);
            return null;
        }
    }
}
