using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Projects
{
    /// <summary>
    /// <para type="synopsis">Changes a project's display name, description or security scanning.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Project))]
    public sealed class SetCreateOsProjectCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter]
        public string? DisplayName { get; set; }

        [Parameter]
        public string? Description { get; set; }

        /// <summary>Turns vulnerability scanning of new deployments on ($true) or off ($false).</summary>
        [Parameter]
        public bool EnableSecurityScan { get; set; }

        /// <summary>Writes the updated project.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "Project";

        protected override void ProcessRecord()
        {
            bool? scan = MyInvocation.BoundParameters.ContainsKey(nameof(EnableSecurityScan)) ? EnableSecurityScan : (bool?)null;
            if (DisplayName != null && !TryInvoke(ProjectId, () => Core.Validation.CreateOsRules.DisplayName("DisplayName", DisplayName))) return;
            if (!TryInvoke(ProjectId, () => Core.Validation.CreateOsRules.Description("Description", Description))) return;
            if (!ShouldProcess($"project {ProjectId}", "Update")) return;

            var api = Api;
            TryInvoke(ProjectId, () =>
            {
                var updated = Await(async ct =>
                {
                    // The API requires displayName on every update: keep the current one when none is given.
                    var displayName = DisplayName ?? (await api.Projects.GetAsync(ProjectId, ct).ConfigureAwait(false)).DisplayName;
                    await api.Projects.UpdateAsync(ProjectId, displayName, Description, scan, ct).ConfigureAwait(false);
                    return PassThru ? await api.Projects.GetAsync(ProjectId, ct).ConfigureAwait(false) : null;
                });
                if (updated != null) WriteObject(updated);
            });
        }
    }
}
