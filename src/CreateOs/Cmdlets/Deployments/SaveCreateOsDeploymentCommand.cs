using System.IO;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Downloads the files of an upload deployment (a zip) to a path.</para>
    /// </summary>
    [Cmdlet(VerbsData.Save, "CreateOsDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Core.Models.SavedFile))]
    public sealed class SaveCreateOsDeploymentCommand : DeploymentCmdlet
    {
        /// <summary>The file to write, or a folder (the file is then named &lt;deployment id&gt;.zip).</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() =>
            SaveDownload(Path, DeploymentId + ".zip", Force, $"Save {What}", ProjectId, DeploymentId, (api, ct) => api.Deployments.GetDownloadUriAsync(ProjectId, DeploymentId, ct));
    }
}
