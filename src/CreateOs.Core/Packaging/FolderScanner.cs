using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Walks a folder depth-first in ordinal name order and sorts every entry into "upload" or "excluded, because ...".
    /// Stats entries, reads .gitignore files, and reads each file that could be uploaded up to its first non-blank
    /// character (JSON, PEM and small files further, streamed: <see cref="SecretContentScanner"/>).
    /// </summary>
    internal sealed class FolderScanner
    {
        private readonly string _rootReal;
        private readonly PackOptions _options;
        private readonly IReadOnlyList<GitIgnorePattern> _userExcludes;
        private readonly IReadOnlyList<GitIgnorePattern> _userIncludes;
        private readonly List<GitIgnoreFile> _gitIgnores = new List<GitIgnoreFile>();
        private readonly List<string> _ancestorRealPaths = new List<string>();
        private readonly List<PlannedFile> _files = new List<PlannedFile>();
        private readonly List<PackExclusion> _exclusions = new List<PackExclusion>();
        private readonly HashSet<string> _explicitIncludes;
        private readonly List<(FileFingerprint Fingerprint, string? RealPath)> _neverUpload;

        private FolderScanner(string rootReal, PackOptions options, IReadOnlyList<GitIgnorePattern> excludes, IReadOnlyList<GitIgnorePattern> includes)
        {
            _rootReal = rootReal;
            _options = options;
            _userExcludes = excludes;
            _userIncludes = includes;
            _explicitIncludes = new HashSet<string>(
                (options.Include ?? new List<string>()).Select(ExplicitPathOf).Where(p => p != null).Select(p => p!),
                RealPath.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            _neverUpload = (options.NeverUpload ?? new List<FileFingerprint>())
                .Where(f => f != null)
                .Select(f => (f, f.Path is null ? null : RealPath.TryResolve(f.Path)))
                .ToList();
        }

        public IReadOnlyList<PlannedFile> Files => _files;

        public IReadOnlyList<PackExclusion> Exclusions => _exclusions;

        public static FolderScanner Scan(string rootReal, PackOptions options, IReadOnlyList<GitIgnorePattern> excludes, IReadOnlyList<GitIgnorePattern> includes)
        {
            var scanner = new FolderScanner(rootReal, options, excludes, includes);
            scanner.ScanDirectory(rootReal, "", rootReal, null, false);
            return scanner;
        }

        private void ScanDirectory(string fullPath, string relativePath, string realPath, InheritedExclusion? inherited, bool forceIncluded)
        {
            var gitIgnorePath = Path.Combine(fullPath, ".gitignore");
            var loadedGitIgnore = _options.UseGitIgnore && File.Exists(gitIgnorePath);
            if (loadedGitIgnore) _gitIgnores.Add(GitIgnoreFile.Load(gitIgnorePath, relativePath));
            _ancestorRealPaths.Add(realPath);
            try
            {
                FileSystemInfo[] entries;
                try
                {
                    entries = new DirectoryInfo(fullPath).GetFileSystemInfos();
                }
                catch (Exception e) when (e is UnauthorizedAccessException || e is IOException)
                {
                    var shown = relativePath.Length == 0 ? "." : relativePath;
                    throw new PackagingException(
                        "cannot list folder '" + shown + "': " + e.Message + " Fix its permissions or exclude it (-Exclude '" + shown + "/').", shown, e);
                }

                Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var entry in entries)
                {
                    var childPath = relativePath.Length == 0 ? entry.Name : relativePath + "/" + entry.Name;
                    ScanEntry(entry, childPath, realPath, inherited, forceIncluded);
                }
            }
            finally
            {
                _ancestorRealPaths.RemoveAt(_ancestorRealPaths.Count - 1);
                if (loadedGitIgnore) _gitIgnores.RemoveAt(_gitIgnores.Count - 1);
            }
        }

        private void ScanEntry(FileSystemInfo entry, string relativePath, string parentRealPath, InheritedExclusion? inherited, bool forceIncluded)
        {
            var name = entry.Name;
            var invalidName = InvalidNameReason(name);
            if (invalidName != null)
            {
                Exclude(relativePath, entry is DirectoryInfo, ExclusionKind.InvalidName, invalidName);
                return;
            }

            var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
            string? linkTarget = null;
            bool isDirectory;
            if (isLink)
            {
                linkTarget = RealPath.TryResolve(entry.FullName);
                isDirectory = linkTarget != null && Directory.Exists(linkTarget);
            }
            else
            {
                isDirectory = entry is DirectoryInfo;
            }

            // Inside a secret folder (entered only to find files -Include names exactly): everything else stays out.
            var readmitted = false;
            if (inherited != null && inherited.Kind == ExclusionKind.Secret)
            {
                if (!isDirectory && IsExplicitlyIncluded(relativePath))
                {
                    readmitted = true;
                    inherited = null;
                }
                else
                {
                    if (isDirectory && !isLink && HasExplicitIncludeBeneath(relativePath))
                        ScanSubdirectory(entry, relativePath, parentRealPath, false, null, inherited, false);
                    else
                        Exclude(relativePath, isDirectory, ExclusionKind.Secret, inherited.Reason);
                    return;
                }
            }

            var secret = SecretFileRules.Match(relativePath, name, isDirectory);
            if (secret != null)
            {
                if (!isDirectory && secret.Rule.Readmittable && IsExplicitlyIncluded(relativePath))
                {
                    readmitted = true;
                }
                else
                {
                    if (isDirectory && !isLink && secret.Rule.Readmittable && HasExplicitIncludeBeneath(relativePath))
                        ScanSubdirectory(entry, relativePath, parentRealPath, false, null, new InheritedExclusion(ExclusionKind.Secret, "inside " + relativePath + "/ (" + secret.Reason + ")"), false);
                    else
                        Exclude(relativePath, isDirectory, ExclusionKind.Secret, secret.Reason);
                    return;
                }
            }

            var exclusion = FindExclusion(relativePath, name, isDirectory, inherited);
            var childForceIncluded = forceIncluded;
            if (exclusion != null && exclusion.Overridable && (forceIncluded || MatchesInclude(relativePath, name, isDirectory)))
            {
                exclusion = null;
                childForceIncluded = true;
            }

            if (exclusion != null)
            {
                // Excluded symlinked folders are never entered: their target was not checked against the root.
                if (isDirectory && !isLink && exclusion.Overridable && _userIncludes.Any(p => p.CouldMatchBeneath(relativePath)))
                {
                    // An -Include pattern may pick files out of this folder: look inside, excluding the rest file by file.
                    ScanSubdirectory(entry, relativePath, parentRealPath, isLink, linkTarget, exclusion.Inside(relativePath), false);
                    return;
                }

                Exclude(relativePath, isDirectory, exclusion.Kind, exclusion.Reason);
                return;
            }

            RelativePathValidator.Validate(relativePath);
            if (isLink)
            {
                if (linkTarget == null)
                {
                    Exclude(relativePath, false, ExclusionKind.BrokenSymlink, "broken symbolic link (its target does not exist, or the links loop)");
                    return;
                }

                if (!RealPath.IsSameOrUnder(linkTarget, _rootReal))
                {
                    throw new PackagingException(
                        "'" + relativePath + "' is a symbolic link to '" + linkTarget + "', outside the folder being deployed ('" + _rootReal
                        + "'). Links out of the folder are refused so nothing outside it is uploaded by accident: copy the file into the folder, "
                        + "or exclude the link (-Exclude '" + relativePath + "' or .gitignore).",
                        relativePath);
                }

                // The link's own name may be innocent ("config.txt -> .env"): judge what it points at too.
                var targetSecret = SecretFileRules.MatchPathAndAncestors(RelativeToRoot(linkTarget), isDirectory);
                if (targetSecret != null && !(readmitted || (!isDirectory && targetSecret.Rule.Readmittable && IsExplicitlyIncluded(relativePath))))
                {
                    Exclude(relativePath, isDirectory, ExclusionKind.Secret, "symbolic link to a " + targetSecret.Reason);
                    return;
                }
            }

            if (isDirectory)
            {
                ScanSubdirectory(entry, relativePath, parentRealPath, isLink, linkTarget, null, childForceIncluded);
                return;
            }

            var fullPath = linkTarget ?? entry.FullName;
            var info = isLink ? new FileInfo(fullPath) : (FileInfo)entry;
            var size = info.Length;
            var special = size == 0 ? SpecialFileType.Describe(fullPath) : null;
            if (special != null)
            {
                Exclude(relativePath, false, ExclusionKind.NotARegularFile, special + ": not a regular file, never opened (reading one can block forever)");
                return;
            }

            var bySecretContent = SecretByContent(relativePath, name, fullPath, size);
            if (bySecretContent != null && !(bySecretContent.Rule.Readmittable && (readmitted || IsExplicitlyIncluded(relativePath))))
            {
                Exclude(relativePath, false, ExclusionKind.Secret, bySecretContent.Reason);
                return;
            }

            _files.Add(new PlannedFile(relativePath, fullPath, size, info.LastWriteTimeUtc));
        }

        /// <summary>The connected wallet (by real path or content hash), then what the file's content shows, else null.</summary>
        private SecretMatch? SecretByContent(string relativePath, string name, string fullPath, long size)
        {
            try
            {
                foreach (var (fingerprint, realPath) in _neverUpload)
                {
                    if ((realPath != null && string.Equals(realPath, fullPath, RealPath.Comparison)) || fingerprint.MatchesContent(fullPath, size))
                        return new SecretMatch(SecretFileRules.ConnectedWallet, detail: fingerprint.Description);
                }

                var scanName = SecretFileRules.ContentRuleFor(name) != null ? name : Path.GetFileName(fullPath);
                return SecretContentScanner.Scan(fullPath, scanName, size);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new PackagingException(
                    "cannot read '" + relativePath + "' to check it holds no secret: " + e.Message + " Fix its permissions or exclude it (-Exclude '" + relativePath + "').", relativePath, e);
            }
        }

        /// <summary>Why a name can never be uploaded (control characters, not valid UTF-8), else null.</summary>
        private static string? InvalidNameReason(string name)
        {
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (c < ' ' || c == '\u007F' || (c >= '\u0080' && c < '\u00A0'))
                {
                    var what = c == '\n' ? "a line break (U+000A)" : c == '\r' ? "a carriage return (U+000D)" : c == '\t' ? "a tab (U+0009)" : "the control character U+" + ((int)c).ToString("X4");
                    return "the name holds " + what + ", which can forge lines of listings and logs; never uploaded: rename it";
                }

                if (c == '\uFFFD')
                    return "the name is not valid UTF-8 (its undecodable bytes show as U+FFFD); never uploaded: rename it";
                if (char.IsHighSurrogate(c) && (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1])) || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(name[i - 1]))))
                    return "the name is not valid Unicode (an unpaired surrogate); never uploaded: rename it";
            }

            return null;
        }

        /// <summary>An -Include entry without wildcards names one exact path: it alone can re-admit a secret.</summary>
        private static string? ExplicitPathOf(string? include)
        {
            if (string.IsNullOrWhiteSpace(include)) return null;
            var path = include!.Trim().Replace('\\', '/');
            while (path.StartsWith("./", StringComparison.Ordinal)) path = path.Substring(2);
            path = path.TrimStart('/');
            if (path.Length == 0 || path.EndsWith("/", StringComparison.Ordinal) || path.IndexOfAny(new[] { '*', '?', '[', '!' }) >= 0) return null;
            return path;
        }

        private bool IsExplicitlyIncluded(string relativePath) => _explicitIncludes.Contains(relativePath);

        private bool HasExplicitIncludeBeneath(string directory)
        {
            var prefix = directory + "/";
            return _explicitIncludes.Any(p => p.StartsWith(prefix, RealPath.Comparison));
        }

        private void ScanSubdirectory(
            FileSystemInfo entry, string relativePath, string parentRealPath, bool isLink, string? linkTarget, InheritedExclusion? inherited, bool forceIncluded)
        {
            string realPath;
            if (isLink)
            {
                if (linkTarget == null) return;
                if (_ancestorRealPaths.Any(ancestor => RealPath.IsSameOrUnder(ancestor, linkTarget)))
                {
                    Exclude(relativePath, true, ExclusionKind.SymlinkCycle, "directory symbolic link to its own ancestor '" + linkTarget + "' (would loop forever)");
                    return;
                }

                realPath = linkTarget;
            }
            else
            {
                realPath = Path.Combine(parentRealPath, entry.Name);
            }

            ScanDirectory(isLink ? linkTarget! : entry.FullName, relativePath, realPath, inherited, forceIncluded);
        }

        private string RelativeToRoot(string realPath) =>
            string.Equals(realPath, _rootReal, RealPath.Comparison)
                ? ""
                : realPath.Substring(_rootReal.TrimEnd(Path.DirectorySeparatorChar).Length + 1).Replace(Path.DirectorySeparatorChar, '/');

        private ExclusionRule? FindExclusion(string relativePath, string name, bool isDirectory, InheritedExclusion? inherited)
        {
            foreach (var pattern in _userExcludes)
            {
                if (pattern.IsMatch(relativePath, name, isDirectory))
                    return new ExclusionRule(ExclusionKind.UserExclusion, "matched -Exclude pattern '" + pattern.Text + "'", false);
            }

            var tooling = DefaultExclusions.MatchTooling(name, isDirectory);
            if (tooling != null) return new ExclusionRule(ExclusionKind.EditorTooling, tooling, true);

            var platform = DefaultExclusions.MatchPlatform(name, isDirectory);
            if (platform != null) return new ExclusionRule(ExclusionKind.DefaultExclusion, platform, true);

            var gitIgnore = LastGitIgnoreMatch(relativePath, name, isDirectory);
            if (gitIgnore != null && !gitIgnore.Negated)
            {
                return new ExclusionRule(
                    ExclusionKind.GitIgnore, "matched .gitignore rule '" + gitIgnore.Text + "' (" + gitIgnore.Origin + " line " + gitIgnore.LineNumber + ")", true);
            }

            return inherited == null ? null : new ExclusionRule(inherited.Kind, inherited.Reason, true);
        }

        private GitIgnorePattern? LastGitIgnoreMatch(string relativePath, string name, bool isDirectory)
        {
            // Deeper .gitignore files take precedence, so the deepest file with a matching rule decides.
            for (var i = _gitIgnores.Count - 1; i >= 0; i--)
            {
                var match = _gitIgnores[i].LastMatch(relativePath, name, isDirectory);
                if (match != null) return match;
            }

            return null;
        }

        private bool MatchesInclude(string relativePath, string name, bool isDirectory)
        {
            foreach (var pattern in _userIncludes)
            {
                if (pattern.IsMatch(relativePath, name, isDirectory)) return true;
            }

            return false;
        }

        private void Exclude(string relativePath, bool isDirectory, ExclusionKind kind, string reason) =>
            _exclusions.Add(new PackExclusion(relativePath, isDirectory, kind, reason));

        private sealed class ExclusionRule
        {
            public ExclusionRule(ExclusionKind kind, string reason, bool overridable)
            {
                Kind = kind;
                Reason = reason;
                Overridable = overridable;
            }

            public ExclusionKind Kind { get; }

            public string Reason { get; }

            /// <summary>Whether -Include can re-include the path (everything but secrets and -Exclude).</summary>
            public bool Overridable { get; }

            public InheritedExclusion Inside(string directory) =>
                new InheritedExclusion(Kind, Reason.StartsWith("inside ", StringComparison.Ordinal) ? Reason : "inside " + directory + "/ (" + Reason + ")");
        }

        private sealed class InheritedExclusion
        {
            public InheritedExclusion(ExclusionKind kind, string reason)
            {
                Kind = kind;
                Reason = reason;
            }

            public ExclusionKind Kind { get; }

            public string Reason { get; }
        }
    }
}
