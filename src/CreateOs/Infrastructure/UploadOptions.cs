using System.Collections.Generic;
using System.Linq;
using CreateOs.Core;
using CreateOs.Core.Packaging;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>What the two upload cmdlets (Invoke-MppDeploy, Publish-CreateOsDeployment -Path) share when planning a folder.</summary>
    internal static class UploadOptions
    {
        /// <summary>Packing options with the user's patterns; the connected wallet's keystore is never uploaded, under any name.</summary>
        public static PackOptions For(CreateOsSession session, UploadTarget target, IEnumerable<string>? exclude, IEnumerable<string>? include)
        {
            var options = new PackOptions
            {
                Target = target,
                Exclude = exclude?.ToList() ?? new List<string>(),
                Include = include?.ToList() ?? new List<string>(),
            };
            if (session.WalletKeystoreFingerprint != null) options.NeverUpload.Add(session.WalletKeystoreFingerprint);
            return options;
        }

        /// <summary>
        /// "; 2 left out as secrets or unsafe names: .env (…), wallet.bak (…)" for the -WhatIf/confirmation line, so every
        /// secret left out shows with its rule without -Verbose (which lists every exclusion, of any kind, with its rule).
        /// </summary>
        public static string SecretsSummary(UploadPlan plan)
        {
            var secrets = plan.Exclusions.Where(e => e.Kind == ExclusionKind.Secret || e.Kind == ExclusionKind.InvalidName).ToList();
            if (secrets.Count == 0) return "";
            var listed = secrets.Select(e => PackExclusion.Printable(e.IsDirectory ? e.Path + "/" : e.Path) + " (" + RuleOf(e) + ")");
            return $"; {secrets.Count} left out as secrets or unsafe names: " + string.Join(", ", listed);
        }

        /// <summary>
        /// "; 2 links or special files left out: old.js (broken link), run/app.sock (a socket)" for the same line: entries that
        /// look like files in a listing but cannot be uploaded are named there too, not only under -Verbose.
        /// </summary>
        public static string LinksAndSpecialFilesSummary(UploadPlan plan)
        {
            var odd = plan.Exclusions.Where(e => e.Kind == ExclusionKind.BrokenSymlink || e.Kind == ExclusionKind.SymlinkCycle || e.Kind == ExclusionKind.NotARegularFile).ToList();
            if (odd.Count == 0) return "";
            var listed = odd.Select(e => PackExclusion.Printable(e.IsDirectory ? e.Path + "/" : e.Path) + " (" + OddnessOf(e) + ")");
            return $"; {odd.Count} links or special files left out: " + string.Join(", ", listed);
        }

        private static string OddnessOf(PackExclusion exclusion)
        {
            if (exclusion.Kind == ExclusionKind.BrokenSymlink) return "broken link";
            if (exclusion.Kind == ExclusionKind.SymlinkCycle) return "link loop";
            var colon = exclusion.Reason.IndexOf(':');
            return colon > 0 ? exclusion.Reason.Substring(0, colon) : exclusion.Reason;
        }

        private static string RuleOf(PackExclusion exclusion)
        {
            if (exclusion.Kind == ExclusionKind.InvalidName) return "unsafe name";
            var reason = exclusion.Reason;
            var open = reason.IndexOf('(');
            var close = reason.IndexOf(':', open + 1);
            return open >= 0 && close > open ? reason.Substring(open + 1, close - open - 1) : reason;
        }
    }
}
