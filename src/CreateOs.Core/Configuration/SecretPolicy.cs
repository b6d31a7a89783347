using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace CreateOs.Core.Configuration
{
    /// <summary>
    /// Decides which values are secrets: exported as references (never in clear) and masked in diffs and messages. The
    /// API has no secret flag, so it errs on the safe side: a value is secret when its name says so (PASSWORD, TOKEN,
    /// KEY, SECRET, AUTH, DSN, ...) or when the value looks like a credential (a URL with a password, a known key prefix,
    /// a private key, a JWT, a long random-looking string). Explicit choices override the guess.
    /// </summary>
    public sealed class SecretPolicy
    {
        public const string Mask = "(secret)";

        private static readonly HashSet<string> SecretWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "PASSWORD", "PASSWORDS", "PASSWD", "PWD", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS", "KEY", "KEYS", "APIKEY",
            "PRIVATE", "CREDENTIAL", "CREDENTIALS", "CREDS", "AUTH", "AUTHORIZATION", "SIGNING", "SALT", "COOKIE", "DSN", "JWT", "CERT",
            "CERTIFICATE", "PEM", "MNEMONIC", "SEED", "WEBHOOK", "BEARER",
        };

        private static readonly string[] CredentialPrefixes =
        {
            "sk_", "sk-", "rk_", "pk_live_", "skp_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-",
            "AKIA", "ASIA", "AIza", "SG.", "npm_", "pypi-", "shpat_", "hf_", "-----BEGIN",
        };

        private static readonly Regex UrlWithPassword = new Regex(@"^[a-z][a-z0-9+.-]*://[^/@\s:]*:[^/@\s]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Jwt = new Regex(@"^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$", RegexOptions.CultureInvariant);
        private static readonly Regex HexKey = new Regex("^(0x)?[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant);
        private static readonly Regex WordSplit = new Regex("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+", RegexOptions.CultureInvariant);

        /// <summary>Names always treated as secret (e.g. from -SecretVariable), whatever they look like.</summary>
        public Func<string, bool>? AlwaysSecret { get; set; }

        /// <summary>Names always written in clear (e.g. from -PlainVariable): the user decided they are not secrets.</summary>
        public Func<string, bool>? NeverSecret { get; set; }

        public bool IsSecret(string name, string? value)
        {
            if (AlwaysSecret?.Invoke(name) == true) return true;
            if (NeverSecret?.Invoke(name) == true) return false;
            return NameLooksSecret(name) || (value != null && ValueLooksSecret(value));
        }

        public static bool NameLooksSecret(string name) =>
            WordSplit.Split(name).Any(word => SecretWords.Contains(word))
            || name.IndexOf("CONNECTIONSTRING", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("CONNECTION_STRING", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("APIKEY", StringComparison.OrdinalIgnoreCase) >= 0;

        public static bool ValueLooksSecret(string value)
        {
            var text = value.Trim();
            if (text.Length < 8) return false;
            if (UrlWithPassword.IsMatch(text) || Jwt.IsMatch(text) || HexKey.IsMatch(text)) return true;
            if (CredentialPrefixes.Any(prefix => text.StartsWith(prefix, StringComparison.Ordinal))) return true;
            return LooksRandom(text);
        }

        /// <summary>At least 20 characters without spaces, letters and digits mixed, and about 3.5+ bits of entropy per character.</summary>
        private static bool LooksRandom(string text)
        {
            if (text.Length < 20 || text.Any(char.IsWhiteSpace)) return false;
            if (!text.Any(char.IsDigit) || !text.Any(char.IsLetter)) return false;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.AbsolutePath.Length + uri.Host.Length >= text.Length - 12) return false; // an ordinary address
            var counts = new Dictionary<char, int>();
            foreach (var c in text) counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
            double entropy = 0;
            foreach (var count in counts.Values)
            {
                var p = (double)count / text.Length;
                entropy -= p * Math.Log(p, 2);
            }
            return entropy >= 3.5;
        }

        /// <summary>
        /// The reference an export writes for a secret: a SecretManagement name and an environment variable, both derived
        /// from where the value lives (project, environment or scope, name), so either way of supplying it works.
        /// </summary>
        public static SecretReference ReferenceFor(string project, string scope, string name) =>
            new SecretReference($"createos-{project}-{scope}-{name}", null, EnvironmentVariableName("CREATEOS_" + project + "_" + scope + "_" + name));

        private static string EnvironmentVariableName(string text)
        {
            var name = new StringBuilder(text.Length);
            foreach (var c in text.ToUpperInvariant()) name.Append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_');
            return name.ToString();
        }
    }
}
