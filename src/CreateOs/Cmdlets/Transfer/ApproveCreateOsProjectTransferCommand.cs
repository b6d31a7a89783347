using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Transfer
{
    /// <summary>
    /// <para type="synopsis">Accepts a project transfer: the signed-in user becomes the project's owner. Irreversible.</para>
    /// <para type="description">Run it with the recipient's session and the token from Get-CreateOsProjectTransferUri. The platform performs the transfer on a GET request; the module never sends it twice on its own.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "CreateOsProjectTransfer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Project))]
    public sealed class ApproveCreateOsProjectTransferCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ProjectId { get; set; } = "";

        /// <summary>The transfer token (a JWT).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Token { get; set; } = "";

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "ProjectTransfer";

        protected override void ProcessRecord()
        {
            if (!TryInvoke(ProjectId, () => Core.Validation.CreateOsRules.Length("Token", Token, 1, 8192))) return;
            if (!ShouldProcess($"project {ProjectId}", "Take ownership (irreversible)")) return;
            var api = Api;
            TryInvoke(ProjectId, () =>
            {
                Await(ct => api.Transfers.AcceptAsync(ProjectId, Token, ct));
                if (PassThru) WriteObject(Await(ct => api.Projects.GetAsync(ProjectId, ct)));
            });
        }
    }
}
