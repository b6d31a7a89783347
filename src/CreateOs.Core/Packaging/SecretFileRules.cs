using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CreateOs.Core.Packaging
{
    /// <summary>One rule that makes a file (or folder) a secret, with what it protects.</summary>
    public sealed class SecretRule
    {
        internal SecretRule(string pattern, string what, bool readmittable = true)
        {
            Pattern = pattern;
            What = what;
            Readmittable = readmittable;
        }

        /// <summary>The rule as documented, e.g. <c>*.tfvars</c> or <c>.aws/</c>.</summary>
        public string Pattern { get; }

        /// <summary>What such files hold, e.g. "Terraform variables (often cloud credentials)".</summary>
        public string What { get; }

        /// <summary>
        /// Whether <c>-Include</c> naming the file's exact path can upload it anyway. False for wallet keystores and the
        /// connected wallet, which are never uploaded.
        /// </summary>
        public bool Readmittable { get; }

        public override string ToString() => Pattern + " (" + What + ")";
    }

    /// <summary>A path that a <see cref="SecretRule"/> matched.</summary>
    public sealed class SecretMatch
    {
        internal SecretMatch(SecretRule rule, string? backupOf = null, string? detail = null)
        {
            Rule = rule;
            BackupOf = backupOf;
            Detail = detail;
        }

        public SecretRule Rule { get; }

        /// <summary>The name the rule matched when the file is a backup or editor copy of it (<c>.env~</c> → <c>.env</c>).</summary>
        public string? BackupOf { get; }

        /// <summary>Extra evidence, e.g. the setting found in a config file.</summary>
        public string? Detail { get; }

        /// <summary>The exclusion reason shown to the user: the rule, what it protects, and whether -Include can override it.</summary>
        public string Reason =>
            "secret (" + Rule.Pattern + ": " + Rule.What + (BackupOf is null ? "" : "; a copy of " + BackupOf) + (Detail is null ? "" : "; " + Detail) + "); "
            + (Rule.Readmittable ? "left out unless -Include names this exact path" : "never uploaded");
    }

    /// <summary>
    /// Files that are secrets by name, and the content rules applied by <see cref="SecretContentScanner"/>. Built from what
    /// secret scanners treat as secret files: gitrob's and shhgit's sensitive-file signatures, gitleaks' and trufflehog's
    /// private-key rules, GitHub secret scanning's key patterns, plus the package-manager, cloud and wallet files those
    /// tools look into. Names match case-insensitively, also for backup and editor copies (<c>~</c>, <c>.bak</c>,
    /// <c>.backup</c>, <c>.old</c>, <c>.orig</c>, <c>.save</c>, <c>.sav</c>, <c>.swp</c>, <c>.tmp</c>, <c>.copy</c>, <c>#name#</c>).
    /// Secrets are never uploaded because of .gitignore negations or -Include patterns; -Include naming the exact path
    /// re-admits one (never a wallet keystore).
    /// </summary>
    public static class SecretFileRules
    {
        public static readonly IReadOnlyList<string> AllowedEnvTemplateSuffixes = new[] { ".example", ".sample", ".template" };

        private static readonly string[] BackupSuffixes = { "~", ".bak", ".backup", ".old", ".orig", ".save", ".sav", ".swp", ".swo", ".tmp", ".copy" };

        // Folders: everything inside is a secret.
        private static readonly SecretRule SshFolder = new SecretRule(".ssh/", "SSH keys and config");
        private static readonly (string Name, SecretRule Rule)[] FolderRules =
        {
            (".ssh", SshFolder),
            (".gnupg", new SecretRule(".gnupg/", "GnuPG private keys")),
            (".aws", new SecretRule(".aws/", "AWS credentials")),
            (".azure", new SecretRule(".azure/", "Azure CLI tokens")),
            (".kube", new SecretRule(".kube/", "Kubernetes credentials")),
            (".docker", new SecretRule(".docker/", "Docker registry credentials")),
            (".terraform", new SecretRule(".terraform/", "Terraform backend state and credentials")),
            (".password-store", new SecretRule(".password-store/", "pass password store")),
        };

        internal static readonly SecretRule EthereumKeystore = new SecretRule("Ethereum keystore (by content)", "an encrypted wallet key: any JSON with a crypto object holding ciphertext and kdf", readmittable: false);
        internal static readonly SecretRule ConnectedWallet = new SecretRule("the connected wallet (by content hash)", "the keystore of the wallet that pays", readmittable: false);
        internal static readonly SecretRule PrivateKeyContent = new SecretRule("private key (by content)", "a PEM, OpenSSH, PGP or PuTTY private key");
        internal static readonly SecretRule PrivateKeyInJson = new SecretRule("private key in JSON (by content)", "e.g. a cloud service-account key");
        internal static readonly SecretRule RawHexKey = new SecretRule("raw 32-byte hex key (by content)", "the whole file is one 64-digit hex number, as an exported Ethereum private key is");

        private static readonly FileRule[] NameRules =
        {
            new FileRule(".env, .env.* / .env-* / .env_*", "environment file with values (templates ending .example, .sample or .template are uploaded)",
                n => (n == ".env" || (n.StartsWith(".env", StringComparison.Ordinal) && n.Length > 4 && ".-_".IndexOf(n[4]) >= 0)) && !IsEnvTemplate(n)),
            new FileRule("*.env", "environment file with values", n => n.EndsWith(".env", StringComparison.Ordinal) && n.Length > 4),
            new FileRule(".envrc", "direnv environment", n => n == ".envrc"),
            new FileRule("*.pem, *.key, *.p8, *.p12, *.pfx, *.pkcs12", "private key or key bundle", n => HasExtension(n, ".pem", ".key", ".p8", ".p12", ".pfx", ".pkcs12")),
            new FileRule("*.jks, *.keystore, *.bks", "Java/Android keystore", n => HasExtension(n, ".jks", ".keystore", ".bks")),
            new FileRule("*.ppk", "PuTTY private key", n => HasExtension(n, ".ppk")),
            new FileRule("*.ovpn", "OpenVPN profile (usually embeds a private key)", n => HasExtension(n, ".ovpn")),
            new FileRule("id_rsa*, id_dsa*, id_ecdsa*, id_ed25519*", "SSH key", n => n.StartsWith("id_rsa", StringComparison.Ordinal) || n.StartsWith("id_dsa", StringComparison.Ordinal) || n.StartsWith("id_ecdsa", StringComparison.Ordinal) || n.StartsWith("id_ed25519", StringComparison.Ordinal)),
            new FileRule("*_rsa, *_dsa, *_ecdsa, *_ed25519", "SSH private key", n => n.EndsWith("_rsa", StringComparison.Ordinal) || n.EndsWith("_dsa", StringComparison.Ordinal) || n.EndsWith("_ecdsa", StringComparison.Ordinal) || n.EndsWith("_ed25519", StringComparison.Ordinal)),
            new FileRule("UTC--*", "Ethereum keystore", n => n.StartsWith("utc--", StringComparison.Ordinal)),
            new FileRule("wallet.dat", "Bitcoin-style wallet", n => n == "wallet.dat"),
            new FileRule("*keypair.json", "Solana-style key pair", n => n.EndsWith("keypair.json", StringComparison.Ordinal)),
            new FileRule(".secret, mnemonic.txt", "wallet seed phrase (Truffle's .secret)", n => n == ".secret" || n == "mnemonic.txt" || n == ".mnemonic"),
            new FileRule("*credentials*.json, credentials.db, access_tokens.db", "cloud credentials (gcloud, Google APIs)", n => (n.Contains("credentials") && n.EndsWith(".json", StringComparison.Ordinal)) || n == "credentials.db" || n == "access_tokens.db"),
            new FileRule("*service-account*.json", "cloud service-account key", n => n.EndsWith(".json", StringComparison.Ordinal) && (n.Contains("service-account") || n.Contains("service_account") || n.Contains("serviceaccount"))),
            new FileRule("*.publishsettings", "Azure publish profile", n => HasExtension(n, ".publishsettings")),
            new FileRule(".s3cfg, .boto, .passwd-s3fs, .tugboat", "cloud storage and DigitalOcean credentials", n => n == ".s3cfg" || n == "s3cfg" || n == ".boto" || n == ".passwd-s3fs" || n == ".tugboat"),
            new FileRule(".dockercfg", "Docker registry credentials", n => n == ".dockercfg" || n == "dockercfg"),
            new FileRule(".vault-token", "HashiCorp Vault token", n => n == ".vault-token"),
            new FileRule("kubeconfig*, *.kubeconfig", "Kubernetes credentials", n => n.StartsWith("kubeconfig", StringComparison.Ordinal) || n.EndsWith(".kubeconfig", StringComparison.Ordinal)),
            new FileRule("*.tfstate, *.tfstate.*", "Terraform state (holds every secret Terraform manages)", n => n.EndsWith(".tfstate", StringComparison.Ordinal) || n.Contains(".tfstate.")),
            new FileRule("*.tfvars, *.tfvars.json", "Terraform variables (often cloud credentials)", n => n.EndsWith(".tfvars", StringComparison.Ordinal) || n.EndsWith(".tfvars.json", StringComparison.Ordinal)),
            new FileRule(".terraformrc, terraform.rc", "Terraform CLI credentials", n => n == ".terraformrc" || n == "terraform.rc"),
            new FileRule(".npmrc, .pypirc", "package registry token", n => n == ".npmrc" || n == "npmrc" || n == ".pypirc"),
            new FileRule("settings-security.xml", "Maven master password", n => n == "settings-security.xml"),
            new FileRule(".netrc, _netrc", "login credentials for hosts", n => n == ".netrc" || n == "_netrc" || n == "netrc"),
            new FileRule(".pgpass, .my.cnf", "database password", n => n == ".pgpass" || n == "pgpass" || n == ".my.cnf"),
            new FileRule(".git-credentials", "git credential store", n => n == ".git-credentials"),
            new FileRule(".htpasswd, .htdigest, proftpdpasswd", "web or FTP password hashes", n => n == ".htpasswd" || n == "htpasswd" || n == ".htdigest" || n == "proftpdpasswd"),
            new FileRule("*.kdbx, *.kdb, *.keychain, *.keychain-db, *.agilekeychain, *.psafe3, *.kwallet", "password manager database",
                n => HasExtension(n, ".kdbx", ".kdb", ".keychain", ".keychain-db", ".agilekeychain", ".psafe3", ".kwallet")),
            new FileRule("secret(s).json / .yml / .yaml / .toml", "application secrets", n => IsOneOf(n, "secret.json", "secrets.json", "secret.yml", "secrets.yml", "secret.yaml", "secrets.yaml", "secret.toml", "secrets.toml")),
            new FileRule(".*_history, .history", "shell or REPL history (commands with passwords and tokens)", n => n == ".history" || (n.StartsWith(".", StringComparison.Ordinal) && n.EndsWith("_history", StringComparison.Ordinal))),
        };

        private static readonly PathRule[] PathRules =
        {
            new PathRule(".gem/credentials", "RubyGems API key", ".gem", "credentials"),
            new PathRule(".cargo/credentials(.toml)", "crates.io token", ".cargo", "credentials", "credentials.toml"),
            new PathRule(".composer/auth.json", "Composer registry tokens", ".composer", "auth.json"),
            new PathRule("gh/hosts.yml", "GitHub CLI token", "gh", "hosts.yml"),
            new PathRule("doctl/config.yaml", "DigitalOcean token", "doctl", "config.yaml"),
            new PathRule(".config/hub", "GitHub token of hub", ".config", "hub"),
        };

        private static readonly ContentRule[] ContentRules =
        {
            new ContentRule(".yarnrc.yml / .yarnrc with a registry token", "package registry token",
                new Regex(@"npmAuthToken|npmAuthIdent|_authToken|(^|[\s""'])_auth\s*[:=]|_password\s*[:=]", RegexOptions.Multiline | RegexOptions.CultureInvariant),
                ".yarnrc.yml", ".yarnrc.yaml", ".yarnrc"),
            new ContentRule("bunfig.toml with a registry token or password", "package registry token",
                new Regex(@"(^|[\s{,])(token|password)\s*=", RegexOptions.Multiline | RegexOptions.CultureInvariant), "bunfig.toml"),
            new ContentRule("pip.conf / pip.ini with a password in an index URL", "package index password",
                new Regex(@"://[^\s/@:]+:[^\s/@]+@", RegexOptions.CultureInvariant), "pip.conf", "pip.ini"),
        };

        /// <summary>The rules, as documented to users.</summary>
        public static IReadOnlyList<SecretRule> Rules { get; } =
            FolderRules.Select(f => f.Rule)
                .Concat(NameRules.Select(r => r.Rule))
                .Concat(PathRules.Select(r => r.Rule))
                .Concat(ContentRules.Select(r => r.Rule))
                .Concat(new[] { EthereumKeystore, ConnectedWallet, PrivateKeyContent, PrivateKeyInJson, RawHexKey })
                .ToList();

        /// <summary>The rule a path matches by name, else null.</summary>
        /// <param name="relativePath">Forward-slash path relative to the root.</param>
        public static SecretMatch? Match(string relativePath, string name, bool isDirectory)
        {
            if (isDirectory)
            {
                foreach (var (folder, rule) in FolderRules)
                {
                    if (string.Equals(name, folder, StringComparison.OrdinalIgnoreCase)) return new SecretMatch(rule);
                }

                return null;
            }

            var parent = ParentName(relativePath).ToLowerInvariant();
            foreach (var candidate in NameAndOriginals(name.ToLowerInvariant()))
            {
                var backupOf = candidate.Length == name.Length ? null : candidate;
                foreach (var rule in NameRules)
                {
                    if (rule.Matches(candidate)) return new SecretMatch(rule.Rule, backupOf);
                }

                foreach (var rule in PathRules)
                {
                    if (rule.Matches(parent, candidate)) return new SecretMatch(rule.Rule, backupOf);
                }
            }

            return null;
        }

        /// <summary>Like <see cref="Match"/>, but also refuses paths under a secret folder (used for symlink targets: "notes.txt -> .ssh/id_x").</summary>
        public static SecretMatch? MatchPathAndAncestors(string relativePath, bool isDirectory)
        {
            var segments = relativePath.Split('/');
            for (var i = 0; i < segments.Length - 1; i++)
            {
                var ancestor = Match(string.Join("/", segments, 0, i + 1), segments[i], true);
                if (ancestor != null) return ancestor;
            }

            return Match(relativePath, segments[segments.Length - 1], isDirectory);
        }

        /// <summary>The content rule for a config file that is a secret only when it holds a credential (<c>.yarnrc.yml</c> with <c>npmAuthToken</c>), else null.</summary>
        internal static ContentRule? ContentRuleFor(string name)
        {
            var lower = name.ToLowerInvariant();
            foreach (var candidate in NameAndOriginals(lower))
            {
                foreach (var rule in ContentRules)
                {
                    if (rule.Names.Contains(candidate)) return rule;
                }
            }

            return null;
        }

        public static bool IsAllowedEnvTemplate(string name) => IsEnvTemplate(name.ToLowerInvariant());

        private static bool IsEnvTemplate(string lowerName)
        {
            foreach (var suffix in AllowedEnvTemplateSuffixes)
            {
                if (lowerName.EndsWith(suffix, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        /// <summary>The name itself, then the names it may be a backup or editor copy of (<c>.env~</c> → <c>.env</c>; <c>.id_rsa.swp</c> → <c>id_rsa</c>).</summary>
        private static IEnumerable<string> NameAndOriginals(string lowerName)
        {
            yield return lowerName;
            var current = lowerName;
            if (current.Length > 2 && current[0] == '#' && current[current.Length - 1] == '#')
            {
                current = current.Substring(1, current.Length - 2);
                yield return current;
            }

            var stripped = true;
            while (stripped)
            {
                stripped = false;
                foreach (var suffix in BackupSuffixes)
                {
                    if (current.Length > suffix.Length && current.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        var isSwap = suffix == ".swp" || suffix == ".swo";
                        current = current.Substring(0, current.Length - suffix.Length);
                        yield return current;
                        if (isSwap && current.Length > 1 && current[0] == '.') yield return current.Substring(1); // vim: .name.swp
                        stripped = true;
                        break;
                    }
                }
            }
        }

        private static bool HasExtension(string lowerName, params string[] extensions)
        {
            foreach (var extension in extensions)
            {
                if (lowerName.Length > extension.Length && lowerName.EndsWith(extension, StringComparison.Ordinal)) return true;
            }

            return false;
        }

        private static bool IsOneOf(string lowerName, params string[] names) => Array.IndexOf(names, lowerName) >= 0;

        private static string ParentName(string relativePath)
        {
            var lastSlash = relativePath.LastIndexOf('/');
            if (lastSlash <= 0) return "";
            var previousSlash = relativePath.LastIndexOf('/', lastSlash - 1);
            return relativePath.Substring(previousSlash + 1, lastSlash - previousSlash - 1);
        }

        private sealed class FileRule
        {
            private readonly Func<string, bool> _matches;

            public FileRule(string pattern, string what, Func<string, bool> matches)
            {
                Rule = new SecretRule(pattern, what);
                _matches = matches;
            }

            public SecretRule Rule { get; }

            public bool Matches(string lowerName) => _matches(lowerName);
        }

        private sealed class PathRule
        {
            private readonly string _parent;
            private readonly string[] _names;

            public PathRule(string pattern, string what, string parent, params string[] names)
            {
                Rule = new SecretRule(pattern, what);
                _parent = parent;
                _names = names;
            }

            public SecretRule Rule { get; }

            public bool Matches(string lowerParent, string lowerName) => lowerParent == _parent && Array.IndexOf(_names, lowerName) >= 0;
        }

        /// <summary>A config file that is a secret when its content matches <see cref="Pattern"/>.</summary>
        internal sealed class ContentRule
        {
            public ContentRule(string pattern, string what, Regex content, params string[] names)
            {
                Rule = new SecretRule(pattern, what);
                Pattern = content;
                Names = new HashSet<string>(names, StringComparer.Ordinal);
            }

            public SecretRule Rule { get; }

            public Regex Pattern { get; }

            public HashSet<string> Names { get; }
        }
    }
}
