using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class SecretExclusionTests
{
    public static readonly TheoryData<string> SecretFiles = new()
    {
        ".env", ".env.local", ".env.production", "sub/.env", ".envrc",
        "cert.pem", "server.key", "store.p12", "store.pfx", "java.jks", "release.keystore", "putty.ppk",
        "id_rsa", "id_rsa.pub", "id_ed25519", "id_ed25519.pub", "id_ecdsa", "id_dsa", "keys/id_rsa-cert.pub",
        ".npmrc", ".pypirc", ".netrc", ".pgpass", ".git-credentials",
        "credentials.json", "config/credentials.json",
        "service-account.json", "service-account-prod.json",
        "UTC--2024-01-01T00-00-00.000Z--0123456789abcdef0123456789abcdef01234567",
        "CERT.PEM", ".ENV",
        // Beyond .env: what secret scanners flag as secret files.
        "prod.env", "secrets.env", "config/app.env", ".env~", ".env-prod", ".env_local", ".env.bak", "#.env#", ".env.swp",
        "terraform.tfstate", "terraform.tfstate.backup", "infra/prod.tfvars", "vars.tfvars.json", ".terraformrc",
        ".htpasswd", "public/.htpasswd", ".htdigest", "proftpdpasswd",
        "kubeconfig", "cluster.kubeconfig", "deploy_rsa", "github_ed25519", "AuthKey_ABC123.p8", "bundle.pkcs12", "vpn.ovpn",
        "id_rsa.bak", "server.key.orig", ".npmrc~", "settings-security.xml", ".my.cnf", ".vault-token", ".s3cfg", ".boto", ".dockercfg",
        "application_default_credentials.json", "gcp-credentials.json", "prod.publishsettings", "secrets.yml", "config/secrets.json",
        "vault.kdbx", "login.keychain-db", ".bash_history", ".psql_history", "wallet.dat", "program-keypair.json", ".secret",
        ".gem/credentials", ".cargo/credentials.toml", ".composer/auth.json", "gh/hosts.yml",
    };

    /// <summary>Whole folders that are secrets (the file inside is never looked at).</summary>
    public static readonly TheoryData<string> SecretFolderFiles = new()
    {
        ".aws/credentials", ".aws/config", ".docker/config.json", ".kube/config", ".azure/msal_token_cache.json", ".terraform/terraform.tfstate",
    };

    [Theory]
    [MemberData(nameof(SecretFolderFiles))]
    public void Files_in_secret_folders_are_never_uploaded(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file, "secret");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "**" } });
        plan.AssertExcluded(file.Split('/')[0], ExclusionKind.Secret, file.Split('/')[0] + "/");
    }

    [Theory]
    [MemberData(nameof(SecretFiles))]
    public void Secret_files_are_never_uploaded(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file, "secret");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded(file, ExclusionKind.Secret, "secret (");
        Assert.Contains("unless -Include names this exact path", plan.ExclusionOf(file).Reason);
    }

    [Theory]
    [InlineData("**")]
    [InlineData("*.env")]
    [InlineData("config/*")]
    [InlineData("config/")]
    [InlineData("**/prod.env")]
    [InlineData("config/prod.en?")]
    public void A_pattern_in_Include_never_readmits_a_secret(string pattern)
    {
        using var folder = new TempFolder().File("index.js").File("config/prod.env", "API_KEY=1").File("config/app.js");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { pattern } });
        plan.AssertExcluded("config/prod.env", ExclusionKind.Secret);
    }

    [Theory]
    [InlineData("config/prod.env")]
    [InlineData("./config/prod.env")]
    [InlineData("/config/prod.env")]
    [InlineData("config\\prod.env")]
    public void Include_naming_the_exact_path_readmits_that_secret_alone(string include)
    {
        using var folder = new TempFolder().File("index.js").File("config/prod.env", "PUBLIC_URL=x").File("config/other.env", "API_KEY=1");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { include } });
        plan.AssertIncluded("config/prod.env");
        plan.AssertExcluded("config/other.env", ExclusionKind.Secret);
    }

    [Fact]
    public void Include_naming_a_file_in_a_secret_folder_readmits_that_file_alone()
    {
        using var folder = new TempFolder().File("index.js").File(".aws/config", "[default]\nregion=eu-west-1").File(".aws/credentials", "aws_secret_access_key=x");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { ".aws/config", "**" } });
        plan.AssertIncluded(".aws/config");
        plan.AssertExcluded(".aws/credentials", ExclusionKind.Secret, "inside .aws/");
    }

    [Theory]
    [InlineData(".yarnrc.yml", "npmRegistryServer: \"https://npm.example.com\"\nnpmAuthToken: \"abc\"\n")]
    [InlineData(".yarnrc.yml", "npmScopes:\n  acme:\n    npmAuthIdent: \"user:pass\"\n")]
    [InlineData(".yarnrc", "\"//registry.npmjs.org/:_authToken\" \"abc\"\n")]
    [InlineData("bunfig.toml", "[install.registry]\nurl = \"https://npm.example.com\"\ntoken = \"abc\"\n")]
    [InlineData("pip.conf", "[global]\nindex-url = https://user:s3cret@pypi.example.com/simple\n")]
    public void Package_manager_config_holding_a_token_is_secret(string file, string content)
    {
        using var folder = new TempFolder().File("index.js").File(file, content);
        UploadPlanner.Plan(folder.Root).AssertExcluded(file, ExclusionKind.Secret, "credential setting");
    }

    [Theory]
    [InlineData(".yarnrc.yml", "nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.1.0.cjs\n")]
    [InlineData("bunfig.toml", "[install]\nexact = true\n")]
    [InlineData("pip.conf", "[global]\nindex-url = https://pypi.example.com/simple\n")]
    public void Package_manager_config_without_a_token_is_uploaded(string file, string content)
    {
        using var folder = new TempFolder().File("index.js").File(file, content);
        UploadPlanner.Plan(folder.Root).AssertIncluded(file);
    }

    public static readonly TheoryData<string, string> PrivateKeysByContent = new()
    {
        { "server.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n" },
        { "deploy_key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n" },
        { "signing.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----\n" },
        { "legacy.txt", "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nP2/56wAAA\n---- END SSH2 ENCRYPTED PRIVATE KEY ----\n" },
        { "putty.txt", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n" },
        { "my-project-4f2a1b.json", "{\"type\":\"service_account\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEv\\n-----END PRIVATE KEY-----\\n\"}" },
        { "pk.txt", "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n" },
        { "key", "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318" },
    };

    [Theory]
    [MemberData(nameof(PrivateKeysByContent))]
    public void Private_keys_are_found_by_content_under_any_name(string file, string content)
    {
        using var folder = new TempFolder().File("index.js").File(file, content);
        UploadPlanner.Plan(folder.Root).AssertExcluded(file, ExclusionKind.Secret, "(by content)");
    }

    [Theory]
    [InlineData("ca.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")]
    [InlineData("id.pub.txt", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMq user@host\n")]
    [InlineData("checksum.txt", "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318  app.tar.gz\n")]
    [InlineData("notes.md", "---\ntitle: how we rotate the PRIVATE KEY\n---\n")]
    public void Public_material_that_looks_like_a_key_is_uploaded(string file, string content)
    {
        using var folder = new TempFolder().File("index.js").File(file, content);
        UploadPlanner.Plan(folder.Root).AssertIncluded(file);
    }

    [Fact]
    public void Names_with_a_line_break_are_reported_as_such_and_never_uploaded()
    {
        using var folder = new TempFolder().File("index.js").File("bad\nname.txt").File("tab\tname.txt").Dir("dir\rname");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "**" } });
        plan.AssertExcluded("bad\nname.txt", ExclusionKind.InvalidName, "a line break (U+000A)");
        plan.AssertExcluded("tab\tname.txt", ExclusionKind.InvalidName, "a tab (U+0009)");
        plan.AssertExcluded("dir\rname", ExclusionKind.InvalidName, "a carriage return (U+000D)");
        Assert.Contains("bad\\nname.txt: ", plan.ExclusionOf("bad\nname.txt").ToString());
    }

    [Fact]
    public void Names_that_are_not_valid_UTF8_are_reported_as_such_not_as_broken_links_and_never_uploaded()
    {
        if (OperatingSystem.IsWindows()) return; // Windows names are UTF-16; no byte-level names to forge
        using var folder = new TempFolder().File("index.js").File("placeholder");
        Assert.Equal(0, Rename(System.Text.Encoding.UTF8.GetBytes(folder.PathOf("placeholder") + "\0"),
            System.Text.Encoding.UTF8.GetBytes(folder.Root + "/inv").Concat(new byte[] { 0xFF, 0xFE }).Concat(System.Text.Encoding.UTF8.GetBytes("alid.txt\0")).ToArray()));
        var plan = UploadPlanner.Plan(folder.Root);
        var exclusion = Assert.Single(plan.Exclusions);
        Assert.Equal(ExclusionKind.InvalidName, exclusion.Kind);
        Assert.Contains("not valid UTF-8", exclusion.Reason);
        Assert.DoesNotContain("symbolic link", exclusion.Reason);
        Assert.Equal(new[] { "index.js" }, plan.Paths());
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(byte[] oldPath, byte[] newPath);

    [Theory]
    [MemberData(nameof(SecretFiles))]
    public void Secret_files_stay_out_even_when_gitignore_negates_them(string file)
    {
        var name = file.Substring(file.LastIndexOf('/') + 1);
        using var folder = new TempFolder()
            .File(".gitignore", "*\n!*\n!" + file + "\n!" + name + "\n!**/" + name + "\n")
            .File("index.js").File(file, "secret");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "**", "**/" + name, "*" } });
        plan.AssertExcluded(file, ExclusionKind.Secret);
    }

    [Theory]
    [InlineData(".ssh/id_custom")]
    [InlineData(".gnupg/private-keys-v1.d/x.key")]
    public void Key_directories_are_secret(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file);
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded(file.Split('/')[0], ExclusionKind.Secret);
    }

    [Theory]
    [InlineData(".env.example")]
    [InlineData(".env.sample")]
    [InlineData(".env.template")]
    [InlineData("aws/credentials")]
    [InlineData("docker/config.json")]
    [InlineData("monkey.js")]
    [InlineData("keys.json")]
    public void Look_alikes_are_uploaded(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file, "{\"a\":1}");
        UploadPlanner.Plan(folder.Root).AssertIncluded(file);
    }

    [Fact]
    public void Env_templates_still_follow_gitignore()
    {
        using var folder = new TempFolder().File(".gitignore", ".env*\n").File("index.js").File(".env.example");
        UploadPlanner.Plan(folder.Root).AssertExcluded(".env.example", ExclusionKind.GitIgnore);
    }
}
