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

        protected override void ProcessRecord() =>
            SaveDownload(Path, DeploymentId + "-security-scan.json", Force, $"Save the report of the {What}", ProjectId, DeploymentId, (api, ct) => api.SecurityScans.GetReportUriAsync(ProjectId, DeploymentId, ct));
    }
}
