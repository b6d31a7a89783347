using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace CreateOs.Core.Packaging
{
    /// <summary>Turns a folder into an <see cref="UploadPlan"/>: what goes, what stays (and why), which form, and whether it fits.</summary>
    public static class UploadPlanner
    {
        /// <summary>
        /// Scans <paramref name="root"/> (stat calls, .gitignore files, and each candidate file read for secrets by content), picks the upload form
        /// and checks every limit that can be checked before building anything.
        /// </summary>
        /// <exception cref="PackagingException">The folder is missing or empty after exclusions, a symlink leaves the folder,
        /// a path is unsafe, or the upload cannot fit the target's limits.</exception>
        public static UploadPlan Plan(string root, PackOptions? options = null)
        {
            options ??= new PackOptions();
            var rootReal = CheckAppFolder(root);
            var excludes = ParseUserPatterns(options.Exclude, "-Exclude");
            var includes = ParseUserPatterns(options.Include, "-Include");
            var scan = FolderScanner.Scan(rootReal, options, excludes, includes);
            if (scan.Files.Count == 0)
            {
                throw new PackagingException(
                    "nothing to upload in '" + rootReal + "': every file was excluded (" + scan.Exclusions.Count
                    + " exclusions; run with -Verbose to list them) or the folder is empty.",
                    rootReal);
            }

            EnsureNoNameTwins(scan.Files);
            var (form, reason) = ChooseForm(scan.Files, options);
            var plan = new UploadPlan(rootReal, options.Target, scan.Files.ToList().AsReadOnly(), scan.Exclusions.ToList().AsReadOnly(), form, reason, options.GatewayEnvelopeBytes, options.ZipCompressionLevel);
            EnsureFits(plan);
            return plan;
        }

        /// <summary>Checks the limits knowable from file sizes alone; the zip form's exact length is checked again once built.</summary>
        public static void EnsureFits(UploadPlan plan)
        {
            if (plan.Form == UploadForm.Files)
            {
                UploadLimits.EnsureRestFilesFormFits(plan.FileCount);
                if (plan.Target == UploadTarget.Gateway)
                    UploadLimits.EnsureGatewayRequestFits(plan.GatewayFilesUploadJsonBytes, plan.GatewayEnvelopeBytes, UploadForm.Files, plan.Files);
                return;
            }

            var zipFloor = (long)(plan.Files.Where(f => CompressedFileTypes.IsCompressed(f.RelativePath)).Sum(f => f.Size) * CompressedFileTypes.MinimumStoredFraction);
            if (plan.Target == UploadTarget.Gateway)
                UploadLimits.EnsureGatewayRequestFits(UploadSizes.GatewayZipUploadJsonBytes(zipFloor), plan.GatewayEnvelopeBytes, UploadForm.Zip, plan.Files);
            else
                UploadLimits.EnsureRestZipFits(zipFloor, plan.Files);
        }

        /// <summary>
        /// The folder's real path, or a <see cref="PackagingException"/> when <paramref name="root"/> is no folder that could
        /// hold an app: missing, a file, a disk root or the home folder. Cheap (no scan): cmdlets call it before anything
        /// else about the deploy, so a wrong -Path is the first thing the user hears about.
        /// </summary>
        public static string CheckAppFolder(string root)
        {
            if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("the folder to deploy is empty", nameof(root));
            var fullRoot = Path.GetFullPath(root);
            if (!Directory.Exists(fullRoot))
            {
                throw new PackagingException(
                    File.Exists(fullRoot) ? IsAFile(fullRoot) : "folder '" + fullRoot + "' does not exist.",
                    fullRoot);
            }

            var rootReal = RealPath.TryResolve(fullRoot) ?? fullRoot;
            EnsureNotSystemOrHome(rootReal);
            return rootReal;
        }

        /// <summary>What a deploy says when its folder is a file.</summary>
        public static string IsAFile(string fullPath) => "'" + fullPath + "' is a file; pass the folder that holds the app.";

        /// <summary>
        /// A whole disk or a home folder is never an app: scanning it would take very long and the upload would carry the
        /// user's files (the secret rules are a safety net, not a reason to upload everything else).
        /// </summary>
        private static void EnsureNotSystemOrHome(string rootReal)
        {
            var root = Path.GetPathRoot(rootReal);
            if (string.Equals(rootReal.TrimEnd(Path.DirectorySeparatorChar), (root ?? "").TrimEnd(Path.DirectorySeparatorChar), RealPath.Comparison))
                throw new PackagingException("refusing to deploy '" + rootReal + "': it is the root of a disk, not an app folder. Pass the folder that holds the app.", rootReal);

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var homeReal = string.IsNullOrEmpty(home) ? null : RealPath.TryResolve(home);
            if (homeReal != null && RealPath.IsSameOrUnder(homeReal, rootReal))
            {
                throw new PackagingException(
                    "refusing to deploy '" + rootReal + "': it is your home folder" + (string.Equals(homeReal, rootReal, RealPath.Comparison) ? "" : " or holds it ('" + homeReal + "')")
                    + ", not an app folder. Pass the folder that holds the app.",
                    rootReal);
            }
        }

        /// <summary>
        /// Two files whose paths differ only in letter case or Unicode normalisation ("é" as one code point or as e + accent)
        /// look the same in every listing, and on a case-insensitive or normalising file system one overwrites the other:
        /// which one the app gets would be chance. Refused before any quote, naming both.
        /// </summary>
        private static void EnsureNoNameTwins(IReadOnlyList<PlannedFile> files)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var key = file.RelativePath.Normalize(NormalizationForm.FormC).ToUpperInvariant();
                if (seen.TryGetValue(key, out var twin))
                {
                    throw new PackagingException(
                        "refusing to upload '" + file.RelativePath + "' and '" + twin + "': their paths differ only in letter case or Unicode normalisation "
                        + "(" + CodePoints(twin) + " vs " + CodePoints(file.RelativePath) + "), so on a case-insensitive or normalising file system one would "
                        + "overwrite the other. Rename or exclude one of them (-Exclude or .gitignore).",
                        file.RelativePath);
                }

                seen.Add(key, file.RelativePath);
            }
        }

        private static string CodePoints(string path)
        {
            var name = path.Substring(path.LastIndexOf('/') + 1);
            var builder = new StringBuilder();
            foreach (var c in name)
            {
                if (c < 0x80) builder.Append(c);
                else builder.Append("U+").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }

        private static (UploadForm, string) ChooseForm(IReadOnlyList<PlannedFile> files, PackOptions options)
        {
            if (options.Form.HasValue) return (options.Form.Value, "form forced by the caller");
            long base64 = files.Sum(f => UploadSizes.Base64Length(f.Size));
            if (files.Count > PackOptions.MaxFilesInFilesForm)
                return (UploadForm.Zip, files.Count + " files is more than the files form's " + PackOptions.MaxFilesInFilesForm);
            if (base64 > options.FilesFormMaxBase64Bytes)
            {
                return (UploadForm.Zip, "base64 content " + UploadLimits.Megabytes(base64) + " is above the files-form threshold of "
                    + UploadLimits.Megabytes(options.FilesFormMaxBase64Bytes));
            }

            return (UploadForm.Files, files.Count + " files, " + UploadLimits.Megabytes(base64) + " as base64: small enough for the files form");
        }

        private static IReadOnlyList<GitIgnorePattern> ParseUserPatterns(IEnumerable<string>? patterns, string origin)
        {
            var parsed = new List<GitIgnorePattern>();
            if (patterns == null) return parsed;
            foreach (var text in patterns)
            {
                if (text == null) continue;
                if (text.TrimStart().StartsWith("!", StringComparison.Ordinal))
                    throw new ArgumentException(origin + " pattern '" + text + "' starts with '!'; to re-include paths use -Include instead.");
                var pattern = GitIgnorePattern.Parse(text.Replace('\\', '/'), origin, 0);
                if (pattern != null) parsed.Add(pattern);
            }

            return parsed;
        }
    }
}
