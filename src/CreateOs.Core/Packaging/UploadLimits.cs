using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CreateOs.Core.Packaging
{
    /// <summary>The platform's size and count limits, checked before any request is sent.</summary>
    public static class UploadLimits
    {
        /// <summary>
        /// The gateway caps the whole request at 50 MB. Decimal megabytes are used because the docs do not say which:
        /// the smaller reading is the safe one.
        /// </summary>
        public const long GatewayMaxRequestBytes = 50L * 1000 * 1000;

        /// <summary>The CreateOS CLI caps zip uploads at 50 MB client-side; the server's own cap is unknown.</summary>
        public const long RestMaxZipBytes = 50L * 1000 * 1000;

        /// <summary>REST <c>/files</c> and <c>/files/base64</c> accept at most 100 files per request.</summary>
        public const int RestMaxFiles = 100;

        public static void EnsureGatewayRequestFits(long uploadJsonBytes, long envelopeBytes, UploadForm form, IReadOnlyList<PlannedFile> files)
        {
            var requestBytes = uploadJsonBytes + envelopeBytes;
            if (requestBytes <= GatewayMaxRequestBytes) return;
            var what = form == UploadForm.Zip ? "the zip upload" : "the upload";
            throw new PackagingException(
                what + " is " + Megabytes(requestBytes) + " after base64 encoding; the gateway accepts at most " + Megabytes(GatewayMaxRequestBytes)
                + " per request. Exclude build outputs, media or data files (-Exclude or .gitignore), or deploy through the REST API. "
                + LargestFiles(files));
        }

        public static void EnsureRestZipFits(long zipLength, IReadOnlyList<PlannedFile> files)
        {
            if (zipLength <= RestMaxZipBytes) return;
            throw new PackagingException(
                "the zip is " + Megabytes(zipLength) + "; CreateOS accepts zip uploads up to " + Megabytes(RestMaxZipBytes)
                + ". Exclude build outputs, media or data files (-Exclude or .gitignore). " + LargestFiles(files));
        }

        public static void EnsureRestFilesFormFits(int fileCount)
        {
            if (fileCount <= RestMaxFiles) return;
            throw new PackagingException(
                "the files form carries at most " + RestMaxFiles + " files and the folder has " + fileCount
                + " to upload; use the zip form (-Form Zip) or exclude files.");
        }

        public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

        internal static string LargestFiles(IReadOnlyList<PlannedFile> files)
        {
            if (files.Count == 0) return "";
            var largest = files.OrderByDescending(f => f.Size).ThenBy(f => f.RelativePath, System.StringComparer.Ordinal).Take(5)
                .Select(f => f.RelativePath + " (" + Megabytes(f.Size) + ")");
            return "Largest files: " + string.Join(", ", largest) + ".";
        }
    }
}
