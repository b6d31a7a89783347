using System.IO;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;

namespace CreateOs.Commands.SecurityScans
{
    /// <summary>
    /// <para type="synopsis">Downloads the report of a successful security scan to a path.</para>
    /// </summary>
    [Cmdlet(VerbsData.Save, "CreateOsSecurityScanReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Core.Models.SavedFile))]
    public sealed class SaveCreateOsSecurityScanReportCommand : SecurityScanCmdlet
    {
        /// <summary>The file to write, or a folder (the file is then named &lt;deployment id&gt;-security-scan.json).</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var target = SaveTarget.Resolve(this, Path, DeploymentId + "-security-scan.json");
            if (!TryInvoke(DeploymentId, () => SaveTarget.RequireWritable(target, Force))) return;
            if (!ShouldProcess(target, $"Save the report of the {What}")) return;
            var api = Api;
            TryInvoke(DeploymentId, () =>
            {
                var length = Await(async ct =>
                {
                    var uri = await api.SecurityScans.GetReportUriAsync(ProjectId, DeploymentId, ct).ConfigureAwait(false);
                    return await CreateOsClient.DownloadToFileAsync(uri, target, ct).ConfigureAwait(false);
                });
                WriteObject(new Core.Models.SavedFile { Path = target, Bytes = length, ProjectId = ProjectId, DeploymentId = DeploymentId });
            });
        }
    }
}
