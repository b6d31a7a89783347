using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Projects
{
    /// <summary>
    /// <para type="synopsis">Changes a project's build and runtime settings, keeping every setting you do not name.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsProjectSetting", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectSettings))]
    public sealed class SetCreateOsProjectSettingCommand : ProjectSettingsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>Writes the settings as saved.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "Project";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(ProjectId, () =>
            {
                // The API replaces the whole settings object: start from the current one so nothing unnamed is lost.
                var project = Await(ct => api.Projects.GetAsync(ProjectId, ct));
                var settings = ApplySettings(project.Settings ?? new ProjectSettings());
                Core.Validation.CreateOsRules.ProjectSettings(project.Type, settings);
                if (!ShouldProcess($"project '{project.UniqueName}' ({ProjectId})", $"Update settings ({settings})")) return;
                Await(ct => api.Projects.UpdateSettingsAsync(ProjectId, project.Type, settings, ct));
                if (PassThru) WriteObject(Await(ct => api.Projects.GetAsync(ProjectId, ct)).Settings);
            });
        }
    }
}
