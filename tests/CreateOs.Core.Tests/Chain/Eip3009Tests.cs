using System.Numerics;
using System.Text;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

/// <summary>
/// EIP-712 / EIP-3009 against vectors made by ethers (tools/generate-eip3009-vectors.mjs): same domain separator,
/// struct hash, digest and — RFC 6979 being deterministic — the same signature bytes.
/// </summary>
public class Eip3009Tests
{
    private static readonly Lazy<JObject> Vectors = new(() =>
        JObject.Parse(EmbeddedTestData.ReadText("eip3009-vectors.json")));

    public static IEnumerable<object[]> VectorIndexes() =>
        Enumerable.Range(0, ((JArray)Vectors.Value["vectors"]!).Count).Select(i => new object[] { i });

    private static JObject Vector(int index) => (JObject)Vectors.Value["vectors"]![index]!;

    private static Eip712Domain DomainOf(JObject v) => new(
        (string)v["domain"]!["name"]!, (string)v["domain"]!["version"]!, (ulong)v["domain"]!["chainId"]!,
        EthereumAddress.Parse((string)v["domain"]!["verifyingContract"]!));

    private static TransferAuthorization MessageOf(JObject v)
    {
        var m = (JObject)v["message"]!;
        return new TransferAuthorization
        {
            From = EthereumAddress.Parse((string)m["from"]!),
            To = EthereumAddress.Parse((string)m["to"]!),
            Value = BigInteger.Parse((string)m["value"]!),
            ValidAfter = BigInteger.Parse((string)m["validAfter"]!),
            ValidBefore = BigInteger.Parse((string)m["validBefore"]!),
            Nonce = Hex.Decode((string)m["nonce"]!),
        };
    }

    [Fact]
    public void Type_hash_is_the_one_usdc_uses() =>
        Assert.Equal((string)Vectors.Value["meta"]!["typeHash"]!, Hex.Encode(Eip3009.TransferWithAuthorizationTypeHash));

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Hashes_match_ethers(int index)
    {
        var v = Vector(index);
        var domain = DomainOf(v);
        var message = MessageOf(v);
        Assert.Equal((string)v["domainSeparator"]!, Hex.Encode(domain.Separator()));
        Assert.Equal((string)v["structHash"]!, Hex.Encode(Eip3009.StructHash(message)));
        Assert.Equal((string)v["digest"]!, Hex.Encode(Eip3009.Digest(domain, message)));
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Signature_matches_ethers_and_recovers_to_from(int index)
    {
        var v = Vector(index);
        using var key = EthereumKey.FromHex((string)v["privateKey"]!);
        var message = MessageOf(v);
        var signature = Eip3009.Sign(key, DomainOf(v), message);
        Assert.Equal((string)v["signature"]!, signature.ToHex());
        Assert.True(signature.IsLowS);
        Assert.Equal(message.From, Eip3009.RecoverSigner(DomainOf(v), message, Hex.Decode((string)v["signature"]!)));
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Any_change_to_domain_or_message_moves_the_signer(int index)
    {
        var v = Vector(index);
        var signature = Hex.Decode((string)v["signature"]!);
        var domain = DomainOf(v);
        var message = MessageOf(v);
        var otherDomains = new[]
        {
            new Eip712Domain(domain.Name + "x", domain.Version, domain.ChainId, domain.VerifyingContract),
            new Eip712Domain(domain.Name, domain.Version + "1", domain.ChainId, domain.VerifyingContract),
            new Eip712Domain(domain.Name, domain.Version, domain.ChainId + 1, domain.VerifyingContract),
            new Eip712Domain(domain.Name, domain.Version, domain.ChainId, EthereumAddress.Parse("0x00000000000000000000000000000000000000ff")),
        };
        foreach (var other in otherDomains)
            Assert.NotEqual(message.From, SafeRecover(other, message, signature));

        var nonce = message.Nonce;
        nonce[31] ^= 1;
        var changed = new[]
        {
            With(message, m => m.Value ^= 1),
            With(message, m => m.ValidAfter ^= 1),
            With(message, m => m.ValidBefore ^= 1),
            With(message, m => m.To = message.From),
            With(message, m => m.Nonce = nonce),
        };
        foreach (var other in changed)
            Assert.NotEqual(message.From, SafeRecover(domain, other, signature));
    }

    [Fact]
    public void Refuses_to_sign_for_another_wallet()
    {
        using var key = EthereumKey.Generate();
        var message = new TransferAuthorization { From = EthereumAddress.Parse("0x00000000000000000000000000000000000000aa"), To = key.Address, Value = 1, ValidBefore = 10, Nonce = TransferAuthorization.NewNonce() };
        Assert.Throws<ArgumentException>(() => Eip3009.Sign(key, TokenRegistry.GetToken("arbitrum", "usdc").Eip712Domain, message));
    }

    [Fact]
    public void Nonces_are_32_random_bytes()
    {
        var nonces = Enumerable.Range(0, 64).Select(_ => Hex.Encode(TransferAuthorization.NewNonce())).ToList();
        Assert.All(nonces, n => Assert.Equal(66, n.Length));
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
        Assert.Throws<ArgumentException>(() => new TransferAuthorization { Nonce = new byte[31] });
    }

    [Fact]
    public void Usdc_domains_are_pinned_and_other_tokens_take_no_authorizations()
    {
        foreach (var chain in TokenRegistry.Chains)
        {
            var usdc = TokenRegistry.GetToken(chain, "usdc");
            Assert.True(usdc.SupportsTransferWithAuthorization);
            Assert.Equal("USD Coin", usdc.Eip712Domain.Name);
            Assert.Equal("2", usdc.Eip712Domain.Version);
            Assert.Equal(chain.ChainId, usdc.Eip712Domain.ChainId);
            Assert.Equal(usdc.Address, usdc.Eip712Domain.VerifyingContract);
            var usdt = TokenRegistry.GetToken(chain, "usdt", allowUnofficial: true);
            Assert.False(usdt.SupportsTransferWithAuthorization);
            Assert.Throws<InvalidOperationException>(() => usdt.Eip712Domain);
        }
    }

    [Fact]
    public void Encodes_the_contract_calls()
    {
        var v = Vector(2);
        var message = MessageOf(v);
        var signature = EthereumSignature.FromHex((string)v["signature"]!);
        var call = Eip3009.EncodeTransferWithAuthorization(message, signature);
        Assert.Equal(4 + 9 * 32, call.Length);
        Assert.Equal(Eip3009.TransferWithAuthorizationSelector, Hex.Encode(call.Take(4).ToArray()));
        Assert.Equal(Eip3009.TransferWithAuthorizationSelector, Hex.Encode(Keccak256.Hash(Encoding.ASCII.GetBytes("transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)")).Take(4).ToArray()));
        Assert.Equal(Eip3009.AuthorizationStateSelector, Hex.Encode(Keccak256.Hash(Encoding.ASCII.GetBytes("authorizationState(address,bytes32)")).Take(4).ToArray()));
        Assert.Equal(27 + signature.RecoveryId, call[4 + 7 * 32 - 1]);
        Assert.Equal(signature.R, call.Skip(4 + 7 * 32).Take(32).ToArray());
        Assert.Equal(signature.S, call.Skip(4 + 8 * 32).Take(32).ToArray());
        Assert.Equal(message.Nonce, call.Skip(4 + 5 * 32).Take(32).ToArray());

        var state = Eip3009.EncodeAuthorizationState(message.From, message.Nonce);
        Assert.Equal(4 + 64, state.Length);
        Assert.Equal(message.From.ToBytes(), state.Skip(4 + 12).Take(20).ToArray());
    }

    private static TransferAuthorization With(TransferAuthorization source, Action<TransferAuthorization> change)
    {
        var copy = new TransferAuthorization { From = source.From, To = source.To, Value = source.Value, ValidAfter = source.ValidAfter, ValidBefore = source.ValidBefore, Nonce = source.Nonce };
        change(copy);
        return copy;
    }

    private static EthereumAddress? SafeRecover(Eip712Domain domain, TransferAuthorization message, byte[] signature)
    {
        try { return Eip3009.RecoverSigner(domain, message, signature); }
        catch (FormatException) { return null; }
    }
}
