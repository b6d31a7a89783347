using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Downloads a purchased template (a zip) to a path, with a progress bar in bytes.</para>
    /// <para type="description">The file is written under a temporary name and moved into place only when complete, so an interrupted download never leaves a partial zip behind. An existing file is replaced only with -Force.</para>
    /// </summary>
    [Cmdlet(VerbsData.Save, "CreateOsTemplatePurchase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(SavedTemplatePurchase))]
    public sealed class SaveCreateOsTemplatePurchaseCommand : TemplatePurchaseCmdlet
    {
        /// <summary>The file to write, or a folder (the file is then named &lt;purchase id&gt;.zip).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord() =>
            SaveDownload(Path, PurchaseId + ".zip", Force, $"Save template purchase {PurchaseId}", PurchaseId,
                (api, file, progress, ct) => api.Templates.DownloadAsync(PurchaseId, file, progress, ct),
                (file, length) => new SavedTemplatePurchase { Path = file, Bytes = length, PurchaseId = PurchaseId });
    }
}
