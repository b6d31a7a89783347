using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Projects
{
    /// <summary>
    /// <para type="synopsis">Deletes a CreateOS project with its environments, deployments and domains.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsProjectCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>Shown in the confirmation; bound from project objects in the pipeline.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? UniqueName { get; set; }

        protected override string ErrorNoun => "Project";

        protected override void ProcessRecord()
        {
            var what = UniqueName is null ? $"project {ProjectId}" : $"project '{UniqueName}' ({ProjectId})";
            if (!ShouldProcess(what, "Delete")) return;
            var api = Api;
            TryInvoke(ProjectId, () => Await(ct => api.Projects.DeleteAsync(ProjectId, ct)));
        }
    }
}
