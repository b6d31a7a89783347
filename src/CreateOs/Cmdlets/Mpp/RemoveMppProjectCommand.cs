using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Permanently deletes a project the connected wallet deployed through the gateway.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "MppProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveMppProjectCommand : MppCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string ProjectId { get; set; } = "";

        /// <summary>Shown in the confirmation; bound from project objects in the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("Name")]
        public string? UniqueName { get; set; }

        protected override string ErrorNoun => "MppProject";

        protected override void ProcessRecord()
        {
            RequireWallet();
            var what = UniqueName is null ? $"gateway project {ProjectId}" : $"gateway project '{UniqueName}' ({ProjectId})";
            if (!ShouldProcess(what, "Delete permanently")) return;
            var gateway = Gateway;
            TryInvoke(ProjectId, () => Await(ct => gateway.DeleteProjectAsync(ProjectId, ct)));
        }
    }
}
