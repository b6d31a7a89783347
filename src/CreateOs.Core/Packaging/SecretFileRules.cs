using System;
using System.Collections.Generic;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Files that are never uploaded, whatever .gitignore negations or -Include say. Matched by name, case-insensitively.
    /// <c>.env.example</c>, <c>.env.sample</c> and <c>.env.template</c> are allowed: they document variable names, hold no values
    /// by convention, and builds often read them. Ethereum keystores are also caught by content (<see cref="EthereumKeystoreSniffer"/>).
    /// </summary>
    public static class SecretFileRules
    {
        public static readonly IReadOnlyList<string> AllowedEnvTemplates = new[] { ".env.example", ".env.sample", ".env.template" };

        /// <summary>The rules, as documented to users.</summary>
        public static readonly IReadOnlyList<string> Rules = new[]
        {
            ".env", ".env.* (except .env.example, .env.sample, .env.template)", ".envrc",
            "*.pem", "*.key", "*.p12", "*.pfx", "*.jks", "*.keystore", "*.ppk",
            "id_rsa*", "id_ed25519*", "id_ecdsa*", "id_dsa*", ".ssh/", ".gnupg/",
            ".npmrc", ".pypirc", ".netrc", ".pgpass", ".git-credentials",
            ".aws/credentials", "credentials.json", "service-account*.json", ".docker/config.json",
            "UTC--* (Ethereum keystore)", "any Ethereum v3 keystore JSON (by content)",
        };

        private static readonly string[] SecretExtensions = { ".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk" };
        private static readonly string[] SshKeyPrefixes = { "id_rsa", "id_ed25519", "id_ecdsa", "id_dsa" };
        private static readonly HashSet<string> SecretNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".env", ".envrc", ".npmrc", ".pypirc", ".netrc", "_netrc", ".pgpass", ".git-credentials", "credentials.json",
        };

        private static readonly HashSet<string> SecretDirectories = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".ssh", ".gnupg" };

        /// <summary>The reason when the path is a secret by name, else null.</summary>
        /// <param name="relativePath">Forward-slash path relative to the root.</param>
        public static string? Match(string relativePath, string name, bool isDirectory)
        {
            if (isDirectory)
                return SecretDirectories.Contains(name) ? "secret: " + name + "/ holds private keys; never uploaded" : null;

            if (SecretNames.Contains(name)) return Secret(name);
            if (name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase) && !IsAllowedEnvTemplate(name)) return Secret(".env.*");

            foreach (var extension in SecretExtensions)
            {
                if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) return Secret("*" + extension);
            }

            foreach (var prefix in SshKeyPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return Secret(prefix + "* (SSH key)");
            }

            if (name.StartsWith("service-account", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                return Secret("service-account*.json");
            if (name.StartsWith("UTC--", StringComparison.OrdinalIgnoreCase)) return Secret("UTC--* (Ethereum keystore)");

            var parent = ParentName(relativePath);
            if (string.Equals(parent, ".aws", StringComparison.OrdinalIgnoreCase) && string.Equals(name, "credentials", StringComparison.OrdinalIgnoreCase))
                return Secret(".aws/credentials");
            if (string.Equals(parent, ".docker", StringComparison.OrdinalIgnoreCase) && string.Equals(name, "config.json", StringComparison.OrdinalIgnoreCase))
                return Secret(".docker/config.json");
            return null;
        }

        /// <summary>Like <see cref="Match"/>, but also refuses paths under a secret folder (used for symlink targets: "notes.txt -> .ssh/id_x").</summary>
        public static string? MatchPathAndAncestors(string relativePath, bool isDirectory)
        {
            var segments = relativePath.Split('/');
            for (var i = 0; i < segments.Length - 1; i++)
            {
                var ancestor = Match(string.Join("/", segments, 0, i + 1), segments[i], true);
                if (ancestor != null) return ancestor;
            }

            return Match(relativePath, segments[segments.Length - 1], isDirectory);
        }

        public static bool IsAllowedEnvTemplate(string name)
        {
            foreach (var allowed in AllowedEnvTemplates)
            {
                if (string.Equals(name, allowed, StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        private static string Secret(string rule) => "secret (" + rule + "); never uploaded";

        private static string ParentName(string relativePath)
        {
            var lastSlash = relativePath.LastIndexOf('/');
            if (lastSlash <= 0) return "";
            var previousSlash = relativePath.LastIndexOf('/', lastSlash - 1);
            return relativePath.Substring(previousSlash + 1, lastSlash - previousSlash - 1);
        }
    }
}
