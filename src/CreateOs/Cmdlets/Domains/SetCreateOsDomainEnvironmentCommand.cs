using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Domains
{
    /// <summary>
    /// <para type="synopsis">Points active domains at another environment (blue/green switch), or detaches them with -Detach.</para>
    /// <para type="description">The domain must be active and the environment must serve a deployment. Runs concurrently over many domains (-ThrottleLimit), results and errors in input order.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsDomainEnvironment", DefaultParameterSetName = EnvironmentSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Domain))]
    public sealed class SetCreateOsDomainEnvironmentCommand : DomainBulkCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string DetachSet = "Detach";

        /// <summary>The environment to serve. Deliberately not bound from the pipeline: a piped domain carries its current one.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = EnvironmentSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        /// <summary>Serve no environment.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DetachSet)]
        public SwitchParameter Detach { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string BulkActivity => "Moving domains";

        protected override void ProcessRecord()
        {
            var item = CurrentItem;
            if (Status != null && Status != "active" && Status != "verified")
            {
                WriteFailure(new WrongStateException($"Cannot move {What}: its status is '{Status}' and only active domains can change environment. Nothing was sent.",
                    Status, "Verify the domain first (Update-CreateOsDomain) and wait until it is active."), item);
                return;
            }
            if (!ShouldProcess(What, Detach ? "Detach from its environment" : $"Serve environment {EnvironmentId}")) return;
            Enqueue(item);
        }

        protected override async Task<object?> ExecuteAsync(CreateOsClient api, DomainItem item, CancellationToken ct)
        {
            await api.Domains.SetEnvironmentAsync(item.ProjectId, item.DomainId, Detach ? null : EnvironmentId, ct).ConfigureAwait(false);
            return PassThru ? await FindAsync(api, item, ct).ConfigureAwait(false) : null;
        }
    }
}
