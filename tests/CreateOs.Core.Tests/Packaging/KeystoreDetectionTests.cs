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

    [Fact]
    public void Large_and_non_json_extension_files_are_not_read()
    {
        Assert.False(EthereumKeystoreSniffer.ShouldSniff("a.json", EthereumKeystoreSniffer.MaxSniffBytes + 1));
        Assert.False(EthereumKeystoreSniffer.ShouldSniff("a.js", 100));
        Assert.True(EthereumKeystoreSniffer.ShouldSniff("wallet", 100));
    }
}
