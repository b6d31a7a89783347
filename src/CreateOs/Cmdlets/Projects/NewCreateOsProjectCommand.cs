using System.Collections;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Projects
{
    /// <summary>
    /// <para type="synopsis">Creates a CreateOS project (vcs, image or upload) with its build and runtime settings.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Project))]
    public sealed class NewCreateOsProjectCommand : ProjectSettingsCmdlet
    {
        /// <summary>The unique name: 4–32 letters, digits and hyphens; it becomes part of the URL.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UniqueName")]
        public string Name { get; set; } = "";

        /// <summary>4–48 letters, digits, spaces, '_' and '-'.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string DisplayName { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("vcs", "image", "upload")]
        public string Type { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>For vcs projects: the GitHub installation (see Get-CreateOsGitHubAccount).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("InstallationId")]
        public string? GitHubInstallationId { get; set; }

        /// <summary>For vcs projects: the repository id (see Get-CreateOsGitHubRepository).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RepositoryId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AppId { get; set; }

        [Parameter]
        public SwitchParameter EnableSecurityScan { get; set; }

        protected override string ErrorNoun => "Project";

        protected override void ProcessRecord()
        {
            NewProject project = null!;
            if (!TryInvoke(Name, () =>
            {
                project = new NewProject
                {
                    UniqueName = Name,
                    DisplayName = DisplayName,
                    Type = Type,
                    Description = Description,
                    AppId = AppId,
                    EnabledSecurityScan = EnableSecurityScan.IsPresent ? true : (bool?)null,
                    Settings = ApplySettings(new ProjectSettings()),
                    Source = Type == "vcs" ? new ProjectSource { VcsName = "github", VcsInstallationId = GitHubInstallationId, VcsRepoId = RepositoryId } : new ProjectSource(),
                };
                project.Validate();
            })) return;
            if (!ShouldProcess($"{Type} project '{Name}' ({DisplayName})", "Create")) return;

            var api = Api;
            TryInvoke(Name, () =>
            {
                var created = Await(async ct =>
                {
                    var id = await api.Projects.CreateAsync(project, ct).ConfigureAwait(false);
                    return await api.Projects.GetAsync(id, ct).ConfigureAwait(false);
                });
                WriteObject(created);
            });
        }
    }
}
