using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Builds the upload bytes for a plan with flat memory: files are read through fixed-size buffers, the zip goes to a
    /// stream or temporary file, and JSON is written chunk by chunk. Every method returns the SHA-256 of the bytes it wrote.
    /// </summary>
    public static class UploadPacker
    {
        /// <summary>Writes a deterministic zip (fixed timestamps, forward-slash names, plan order) to <paramref name="destination"/>.</summary>
        public static Task<PackResult> WriteZipAsync(
            UploadPlan plan, Stream destination, IProgress<PackProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.Run(() => ZipPackWriter.Write(plan, destination, progress, cancellationToken), cancellationToken);

        /// <summary>
        /// Builds the zip in a temporary file and checks its exact length against the plan target's limits
        /// (gateway: base64 request ≤ 50 MB; REST: zip ≤ 50 MB) before anything is sent. Dispose the result to delete the file.
        /// </summary>
        public static async Task<PackedZip> PackZipToTempFileAsync(
            UploadPlan plan, IProgress<PackProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var path = Path.Combine(Path.GetTempPath(), "createos-upload-" + Guid.NewGuid().ToString("N") + ".zip");
            var packed = new PackedZip(path, new PackResult(UploadForm.Zip, 0, ""));
            try
            {
                PackResult result;
                using (var file = PrivateFile.CreateNew(path, FileShare.None, 64 * 1024))
                {
                    result = await WriteZipAsync(plan, file, progress, cancellationToken).ConfigureAwait(false);
                }

                if (plan.Target == UploadTarget.Gateway)
                    UploadLimits.EnsureGatewayRequestFits(UploadSizes.GatewayZipUploadJsonBytes(result.Length), plan.GatewayEnvelopeBytes, UploadForm.Zip, plan.Files);
                else
                    UploadLimits.EnsureRestZipFits(result.Length, plan.Files);
                return new PackedZip(path, result);
            }
            catch
            {
                packed.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Writes the gateway's <c>upload</c> value (UTF-8 JSON, in the plan's form) to <paramref name="destination"/>.
        /// For the zip form the zip is built in a temporary file first, so an over-size upload fails before a byte is written.
        /// </summary>
        public static Task<PackResult> WriteGatewayUploadJsonAsync(
            UploadPlan plan, Stream destination, IProgress<PackProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            return WriteGatewayUploadAsync(plan, new StreamUploadTextSink(destination), progress, cancellationToken);
        }

        /// <summary>
        /// Writes the gateway's <c>upload</c> value into a request body being written with a <see cref="JsonTextWriter"/>;
        /// call right after <c>writer.WritePropertyName("upload")</c>. The digest covers the upload value only.
        /// </summary>
        public static Task<PackResult> WriteGatewayUploadJsonAsync(
            UploadPlan plan, JsonWriter writer, IProgress<PackProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            return WriteGatewayUploadAsync(plan, new JsonWriterUploadTextSink(writer), progress, cancellationToken);
        }

        /// <summary>
        /// Whether every file is UTF-8 text without NUL bytes, so the plain-text REST endpoint (<c>PUT {P}/deployments/files</c>)
        /// can carry it; otherwise use <c>PUT {P}/deployments/files/base64</c>.
        /// </summary>
        public static Task<RestFilesContent> ChooseRestFilesContentAsync(UploadPlan plan, CancellationToken cancellationToken = default) =>
            Task.Run(() => TextFileDetector.AllUtf8Text(plan, cancellationToken) ? RestFilesContent.PlainText : RestFilesContent.Base64, cancellationToken);

        /// <summary>Writes the REST files body <c>{"files":[{"path":..,"content":..}]}</c>, content as plain text or base64.</summary>
        public static async Task<PackResult> WriteRestFilesJsonAsync(
            UploadPlan plan,
            Stream destination,
            RestFilesContent content,
            IProgress<PackProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            UploadLimits.EnsureRestFilesFormFits(plan.FileCount);
            var sink = new StreamUploadTextSink(destination);
            var tracker = new ProgressTracker(progress, PackStage.ReadingFiles, plan.TotalBytes);
            await new UploadJsonEmitter(sink, cancellationToken).WriteRestFilesAsync(plan, content, tracker).ConfigureAwait(false);
            tracker.Complete();
            var hash = await sink.FinishAsync(cancellationToken).ConfigureAwait(false);
            return new PackResult(UploadForm.Files, sink.BytesWritten, hash);
        }

        private static async Task<PackResult> WriteGatewayUploadAsync(
            UploadPlan plan, UploadTextSink sink, IProgress<PackProgress>? progress, CancellationToken cancellationToken)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            UploadPlanner.EnsureFits(plan);
            var emitter = new UploadJsonEmitter(sink, cancellationToken);
            if (plan.Form == UploadForm.Files)
            {
                var tracker = new ProgressTracker(progress, PackStage.ReadingFiles, plan.TotalBytes);
                await emitter.WriteGatewayFilesAsync(plan, tracker).ConfigureAwait(false);
                tracker.Complete();
            }
            else
            {
                using (var zip = await PackZipToTempFileAsync(plan, progress, cancellationToken).ConfigureAwait(false))
                using (var zipStream = zip.OpenRead())
                {
                    var tracker = new ProgressTracker(progress, PackStage.EncodingZip, zip.Length);
                    await emitter.WriteGatewayZipAsync(zipStream, zip.Length, tracker).ConfigureAwait(false);
                    tracker.Complete();
                }
            }

            var hash = await sink.FinishAsync(cancellationToken).ConfigureAwait(false);
            return new PackResult(plan.Form, sink.BytesWritten, hash);
        }
    }
}
