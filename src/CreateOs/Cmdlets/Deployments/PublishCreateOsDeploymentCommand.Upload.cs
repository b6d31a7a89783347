using System.IO;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Packaging;

namespace CreateOs.Commands.Deployments
{
    public sealed partial class PublishCreateOsDeploymentCommand
    {
        private const int PackingActivityId = 4712;
        private const int UploadingActivityId = 4713;

        /// <summary>
        /// Plans the folder with the shared packer (exclusions, .gitignore, secrets), reports each exclusion, then sends
        /// the files form (plain text when every file is UTF-8 text, else base64) or the multipart zip, with byte progress
        /// for packing and for sending.
        /// </summary>
        private void PublishFolder(CreateOsClient api)
        {
            var folder = FileSystemPath.Resolve(this, Path);
            UploadPlan? plan = null;
            if (!TryInvoke(folder, () => plan = UploadPlanner.Plan(folder, UploadOptions.For(ActiveSession, UploadTarget.RestApi, Exclude, Include)))) return;
            foreach (var exclusion in plan!.Exclusions) WriteVerbose($"Excluded {exclusion}");
            WriteVerbose($"{plan.FileCount} files, {plan.TotalBytes} bytes; form: {plan.Form} ({plan.FormReason}).");
            if (!ShouldProcess($"project {ProjectId}", $"Upload {plan.FileCount} files from {plan.Root}{UploadOptions.SecretsSummary(plan)}{UploadOptions.LinksAndSpecialFilesSummary(plan)}")) return;

            var name = System.IO.Path.GetFileName(plan.Root);
            var packingBar = new ProgressRecord(PackingActivityId, $"Packing {name}", "reading files");
            var uploadingBar = new ProgressRecord(UploadingActivityId, $"Uploading {name}", "sending");
            var packing = new ByteProgressReporter(this, packingBar);
            var uploading = new ByteProgressReporter(this, uploadingBar);
            TryInvoke(folder, () =>
            {
                string deploymentId;
                try
                {
                    deploymentId = Await(async ct =>
                    {
                        if (plan.Form == UploadForm.Zip)
                        {
                            using var zip = await UploadPacker.PackZipToTempFileAsync(plan, packing, ct).ConfigureAwait(false);
                            OnPipelineThread(() => WriteVerbose($"Uploading a {zip.Length}-byte zip."));
                            return await api.Deployments.UploadZipAsync(ProjectId, zip.OpenRead, name + ".zip", uploading, ct).ConfigureAwait(false);
                        }
                        var content = await UploadPacker.ChooseRestFilesContentAsync(plan, ct).ConfigureAwait(false);
                        var body = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "createos-files-" + System.Guid.NewGuid().ToString("N") + ".json");
                        try
                        {
                            using (var file = Core.PrivateFile.CreateNew(body))
                                await UploadPacker.WriteRestFilesJsonAsync(plan, file, content, packing, ct).ConfigureAwait(false);
                            OnPipelineThread(() => WriteVerbose(content == RestFilesContent.PlainText ? "Every file is UTF-8 text: sending them as plain text." : "Some files are binary: sending them as base64."));
                            return await api.Deployments.UploadFilesJsonAsync(ProjectId, () => File.OpenRead(body), content == RestFilesContent.Base64, uploading, ct).ConfigureAwait(false);
                        }
                        finally
                        {
                            File.Delete(body);
                        }
                    });
                }
                finally
                {
                    CompleteProgress(packingBar);
                    CompleteProgress(uploadingBar);
                }
                Finish(api, deploymentId);
            });
        }
    }
}
