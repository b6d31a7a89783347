using System.Text;
using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class KeystoreDetectionTests
{
    // Shapes of real v3 keystores: geth writes "crypto", older clients and MyEtherWallet write "Crypto".
    internal const string GethKeystore =
        "{\"address\":\"008aeeda4d805471df9b2a5b0f38a0c3bcba786b\",\"crypto\":{\"cipher\":\"aes-128-ctr\","
        + "\"ciphertext\":\"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c\","
        + "\"cipherparams\":{\"iv\":\"83dbcc02d8ccb40e466191a123791e0e\"},\"kdf\":\"scrypt\","
        + "\"kdfparams\":{\"dklen\":32,\"n\":262144,\"p\":8,\"r\":1,\"salt\":\"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19\"},"
        + "\"mac\":\"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097\"},"
        + "\"id\":\"3198bc9c-6672-5ab3-d995-4942343ae5b6\",\"version\":3}";

    internal const string CapitalCryptoKeystore =
        "{\n  \"version\": 3,\n  \"id\": \"04e9bcbb-96fa-497b-94d1-14df4cd20af6\",\n  \"address\": \"2c7536e3605d9c16a7a3d7b1898e529396a65c23\",\n"
        + "  \"Crypto\": {\n    \"CipherText\": \"a1c25da3ecde4e6a24f3697251dd15d6208520efc84ad97397e906e6df24d251\",\n"
        + "    \"cipherparams\": { \"iv\": \"2885df2b63f7ef247d753c82fa20038a\" },\n    \"cipher\": \"aes-128-ctr\",\n    \"KDF\": \"pbkdf2\",\n"
        + "    \"kdfparams\": { \"dklen\": 32, \"salt\": \"4531b3c174cc3ff32a6a7a85d6761b410db674807b2d216d022318ceee50be10\", \"c\": 262144, \"prf\": \"hmac-sha256\" },\n"
        + "    \"mac\": \"b8b010fff37f9ae5559a352a185e86f9b9c1d7f7a9f1bd4e82a5dd35468fc7f6\"\n  }\n}\n";

    [Theory]
    [InlineData(GethKeystore)]
    [InlineData(CapitalCryptoKeystore)]
    public void Recognises_v3_keystores_in_any_case(string json)
    {
        Assert.True(EthereumKeystoreSniffer.IsKeystoreContent(Encoding.UTF8.GetBytes(json)));
        Assert.True(EthereumKeystoreSniffer.IsKeystoreContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray()));
    }

    [Theory]
    [InlineData("{\"name\":\"app\",\"version\":\"3.0.0\"}")]
    [InlineData("{\"crypto\":{\"ciphertext\":\"x\"}}")]
    [InlineData("{\"crypto\":\"aes\",\"kdf\":\"scrypt\",\"ciphertext\":\"x\"}")]
    [InlineData("not json {")]
    [InlineData("{ broken")]
    [InlineData("")]
    public void Ignores_other_json(string json)
    {
        Assert.False(EthereumKeystoreSniffer.IsKeystoreContent(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("wallet.json")]
    [InlineData("keystore")]
    [InlineData("config/deployer.JSON")]
    [InlineData("payer")]
    public void Keystore_files_are_excluded_by_content_even_when_gitignore_negates_them(string file)
    {
        using var folder = new TempFolder()
            .File(".gitignore", "!" + file + "\n")
            .File("index.js").File("package.json", "{\"name\":\"x\",\"version\":\"3.0.0\"}")
            .File(file, CapitalCryptoKeystore).File("other/" + file, GethKeystore);
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "**" } });
        plan.AssertExcluded(file, ExclusionKind.Secret, "Ethereum keystore");
        plan.AssertExcluded("other/" + file, ExclusionKind.Secret, "Ethereum keystore");
        plan.AssertIncluded("package.json");
    }

    [Fact]
    public void Array_of_keystores_is_detected()
    {
        Assert.True(EthereumKeystoreSniffer.IsKeystoreContent(Encoding.UTF8.GetBytes("[" + GethKeystore + "]")));
    }

    public static readonly TheoryData<string> InnocentNames = new()
    {
        "wallet.bak", "wallet.txt", "wallet.json.bak", "sub/keystore.backup", "paying-wallet.json.save", "README", "notes.md", "data.bin", "src/config.js",
    };

    [Theory]
    [MemberData(nameof(InnocentNames))]
    public void A_keystore_is_never_uploaded_whatever_its_name_not_even_when_Include_names_it(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file, GethKeystore);
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { file, "**" } });
        plan.AssertExcluded(file, ExclusionKind.Secret, "Ethereum keystore");
        Assert.Contains("never uploaded", plan.ExclusionOf(file).Reason);
    }

    public static readonly TheoryData<string, string> DisguisedKeystores = new()
    {
        { "padded past 64 KB", GethKeystore.Replace(",\"id\"", new string(' ', 100 * 1024) + ",\"id\"") },
        { "100 KB of leading whitespace", new string(' ', 60 * 1024) + new string('\n', 40 * 1024) + GethKeystore },
        { "nested as {wallet:{...}}", "{\"wallet\":" + GethKeystore + "}" },
        { "deep in arrays and objects", "{\"a\":[1,{\"b\":[[{\"c\":" + GethKeystore + "}]]}]}" },
        { "nested 10,000 levels deep", new string('[', 10_000) + GethKeystore + new string(']', 10_000) },
        { "second line of JSON Lines", "{\"name\":\"x\"}\n" + GethKeystore + "\n" },
        { "JSON inside a string value", "{\"keystore\":" + Newtonsoft.Json.JsonConvert.ToString(GethKeystore) + "}" },
        { "escaped member names", GethKeystore.Replace("\"crypto\"", "\"\\u0063rypto\"").Replace("\"kdf\"", "\"\\u006bdf\"") },
        { "comments, single quotes, bare names", "// my wallet\n{ /* backup */ Crypto: { 'CipherText': 'ab', KDF: 'scrypt' } }" },
        { "truncated after the kdf", GethKeystore.Substring(0, GethKeystore.IndexOf("\"kdfparams\"", StringComparison.Ordinal)) },
        { "after a byte order mark", "\uFEFF" + CapitalCryptoKeystore },
    };

    [Theory]
    [MemberData(nameof(DisguisedKeystores))]
    public void A_disguised_keystore_is_found_by_content(string disguise, string content)
    {
        Assert.True(EthereumKeystoreSniffer.IsKeystoreContent(Encoding.UTF8.GetBytes(content)), disguise);
        using var folder = new TempFolder().File("index.js").File("backup.txt", content);
        UploadPlanner.Plan(folder.Root).AssertExcluded("backup.txt", ExclusionKind.Secret, "Ethereum keystore");
    }

    [Theory]
    [InlineData("UTF-16 LE with a byte order mark", "utf-16", true)]
    [InlineData("UTF-16 LE without one", "utf-16", false)]
    [InlineData("UTF-16 BE", "utf-16BE", true)]
    [InlineData("UTF-32 LE", "utf-32", true)]
    public void A_keystore_saved_in_UTF_16_or_32_is_found(string what, string encodingName, bool byteOrderMark)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = (byteOrderMark ? encoding.GetPreamble() : Array.Empty<byte>()).Concat(encoding.GetBytes(GethKeystore)).ToArray();
        Assert.True(EthereumKeystoreSniffer.IsKeystoreContent(bytes), what);
    }

    [Theory]
    [InlineData("{\"crypto\":{\"cipherparams\":{\"ciphertext\":\"x\",\"kdf\":\"y\"}}}")]
    [InlineData("{\"ciphertext\":\"x\",\"kdf\":\"scrypt\"}")]
    [InlineData("{\"crypto\":{\"ciphertext\":\"x\"},\"kdf\":\"scrypt\"}")]
    [InlineData("{\"crypto\":[{\"ciphertext\":\"x\",\"kdf\":\"y\"}]}")]
    [InlineData("{\"note\":\"crypto: ciphertext and kdf are keystore fields\"}")]
    public void Json_that_only_mentions_keystore_fields_is_uploaded(string json)
    {
        Assert.False(EthereumKeystoreSniffer.IsKeystoreContent(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void The_connected_wallet_is_never_uploaded_under_any_name_even_when_it_does_not_look_like_a_keystore()
    {
        var walletBytes = Encoding.UTF8.GetBytes("a keystore in a format nobody detects\n");
        using var folder = new TempFolder().File("index.js").Bytes("docs/readme.txt", walletBytes).File("docs/other.txt", "a keystore in a format nobody detects!\n");
        var options = new PackOptions { Include = { "docs/readme.txt" } };
        options.NeverUpload.Add(FileFingerprint.Of("/elsewhere/wallet.json", walletBytes, "the connected wallet's keystore"));
        var plan = UploadPlanner.Plan(folder.Root, options);
        plan.AssertExcluded("docs/readme.txt", ExclusionKind.Secret, "the connected wallet");
        Assert.Contains("never uploaded", plan.ExclusionOf("docs/readme.txt").Reason);
        plan.AssertIncluded("docs/other.txt");
    }

    [Fact]
    public void The_connected_wallet_file_itself_is_excluded_by_path_even_after_it_changed()
    {
        using var folder = new TempFolder().File("index.js").File("pay.dat", "rewritten since it was connected");
        var options = new PackOptions();
        options.NeverUpload.Add(FileFingerprint.Of(folder.PathOf("pay.dat"), Encoding.UTF8.GetBytes("old content"), "the connected wallet's keystore"));
        UploadPlanner.Plan(folder.Root, options).AssertExcluded("pay.dat", ExclusionKind.Secret, "the connected wallet");
    }
}
