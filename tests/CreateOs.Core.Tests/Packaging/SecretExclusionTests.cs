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
        ".aws/credentials", "credentials.json", "config/credentials.json",
        "service-account.json", "service-account-prod.json", ".docker/config.json",
        "UTC--2024-01-01T00-00-00.000Z--0123456789abcdef0123456789abcdef01234567",
        "CERT.PEM", ".ENV",
    };

    [Theory]
    [MemberData(nameof(SecretFiles))]
    public void Secret_files_are_never_uploaded(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file, "secret");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded(file, ExclusionKind.Secret, "never uploaded");
    }

    [Theory]
    [MemberData(nameof(SecretFiles))]
    public void Secret_files_stay_out_even_when_gitignore_negates_them(string file)
    {
        var name = file.Substring(file.LastIndexOf('/') + 1);
        using var folder = new TempFolder()
            .File(".gitignore", "*\n!*\n!" + file + "\n!" + name + "\n!**/" + name + "\n")
            .File("index.js").File(file, "secret");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { file, "**" } });
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
