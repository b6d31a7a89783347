using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Domains
{
    /// <summary>
    /// <para type="synopsis">Verifies pending domains: the platform checks their DNS records and issues certificates.</para>
    /// <para type="description">Only pending domains can be refreshed; a piped domain in another state gets an error before any request. Many domains run concurrently (-ThrottleLimit); -PassThru writes each domain after its refresh, in input order.</para>
    /// </summary>
    [Cmdlet(VerbsData.Update, "CreateOsDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Domain))]
    public sealed class UpdateCreateOsDomainCommand : DomainBulkCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string BulkActivity => "Refreshing domains";

        protected override void ProcessRecord()
        {
            var item = CurrentItem;
            if (Status != null && Status != "pending")
            {
                WriteFailure(new WrongStateException($"Cannot refresh {What}: its status is '{Status}' and only pending domains can be refreshed. Nothing was sent.",
                    Status, "Refresh only pending domains: Get-CreateOsDomain -Status pending | Update-CreateOsDomain."), item);
                return;
            }
            if (!ShouldProcess(What, "Verify DNS and issue certificate")) return;
            Enqueue(item);
        }

        protected override async Task<object?> ExecuteAsync(CreateOsClient api, DomainItem item, CancellationToken ct)
        {
            await api.Domains.RefreshAsync(item.ProjectId, item.DomainId, ct).ConfigureAwait(false);
            return PassThru ? await FindAsync(api, item, ct).ConfigureAwait(false) : null;
        }
    }
}
