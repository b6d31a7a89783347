using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.RLP;
using Nethereum.Util;
using static CreateOs.Oracle.Tests.Nethereum.OracleCases;

namespace CreateOs.Oracle.Tests.Nethereum;

/// <summary>ABI calldata of every call we make, RLP, EIP-55 and Keccak-256 agree with Nethereum byte for byte.</summary>
public class EncodingOracleTests
{
    private static readonly FunctionABI Transfer = Function("transfer", ("address", "to"), ("uint256", "value"));
    private static readonly FunctionABI BalanceOf = Function("balanceOf", ("address", "owner"));
    private static readonly FunctionABI TransferWithAuthorization = Function("transferWithAuthorization",
        ("address", "from"), ("address", "to"), ("uint256", "value"), ("uint256", "validAfter"), ("uint256", "validBefore"),
        ("bytes32", "nonce"), ("uint8", "v"), ("bytes32", "r"), ("bytes32", "s"));
    private static readonly FunctionABI AuthorizationState = Function("authorizationState", ("address", "authorizer"), ("bytes32", "nonce"));

    [Fact]
    public void Abi_calldata_of_our_token_calls_matches_Nethereum() =>
        Run("abi", PerPrimitive, random =>
        {
            var to = EthereumAddress.FromBytes(random.Address());
            var amount = random.Unsigned(256);
            Same("transfer", Erc20Abi.EncodeTransfer(to, amount), Encode(Transfer, to.ToChecksumString(), amount));
            Same("balanceOf", Erc20Abi.EncodeBalanceOf(to), Encode(BalanceOf, to.ToChecksumString()));

            var authorization = new TransferAuthorization
            {
                From = EthereumAddress.FromBytes(random.Address()), To = to, Value = amount,
                ValidAfter = random.Unsigned(64), ValidBefore = random.Unsigned(256), Nonce = random.Bytes(32),
            };
            var signature = new EthereumSignature(random.Bytes(32), random.Bytes(32), random.Next(2));
            Same("transferWithAuthorization", Eip3009.EncodeTransferWithAuthorization(authorization, signature),
                Encode(TransferWithAuthorization, authorization.From.ToChecksumString(), to.ToChecksumString(), amount, authorization.ValidAfter,
                    authorization.ValidBefore, authorization.Nonce, new BigInteger(27 + signature.RecoveryId), signature.R, signature.S));
            Same("authorizationState", Eip3009.EncodeAuthorizationState(authorization.From, authorization.Nonce),
                Encode(AuthorizationState, authorization.From.ToChecksumString(), authorization.Nonce));
        });

    [Fact]
    public void Our_selector_constants_are_the_keccak_of_the_signatures_Nethereum_derives()
    {
        Assert.Equal(Erc20Abi.TransferSelector, "0x" + Transfer.Sha3Signature);
        Assert.Equal(Erc20Abi.BalanceOfSelector, "0x" + BalanceOf.Sha3Signature);
        Assert.Equal(Eip3009.TransferWithAuthorizationSelector, "0x" + TransferWithAuthorization.Sha3Signature);
        Assert.Equal(Eip3009.AuthorizationStateSelector, "0x" + AuthorizationState.Sha3Signature);
    }

    [Fact]
    public void Rlp_encodings_of_random_nested_items_match_Nethereum_and_decode_back() =>
        Run("rlp", PerPrimitive, random =>
        {
            var item = RandomItem(random, 0);
            var encoded = Rlp.Encode(item);
            Same("encoding", encoded, NethereumEncode(item));
            Same("our decode of it", Rlp.Encode(Rlp.Decode(encoded)), encoded);
            Same("Nethereum's decode of it", NethereumEncode(FromNethereum(RLP.Decode(encoded))), encoded);
            var integer = random.Unsigned(256);
            Same("integer", Rlp.EncodeInteger(integer), RLP.EncodeElement(integer.IsZero ? Array.Empty<byte>() : integer.ToByteArray(isUnsigned: true, isBigEndian: true)));
        });

    [Fact]
    public void Eip55_checksums_and_checksum_validation_match_Nethereum() =>
        Run("eip55", PerPrimitive, random =>
        {
            var lower = Hex.Encode(random.Address());
            var ours = EthereumAddress.Parse(lower).ToChecksumString();
            Same("checksum", ours, AddressUtil.Current.ConvertToChecksumAddress(lower));

            // A mixed-case spelling is valid exactly when it is the checksum (both sides say so).
            var chars = ours.ToCharArray();
            for (var i = 2; i < chars.Length; i++)
                if (char.IsLetter(chars[i]) && random.Chance(5)) chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            var spelled = new string(chars);
            if (spelled == spelled.ToLowerInvariant() || spelled[2..] == spelled[2..].ToUpperInvariant()) return; // not mixed case: no checksum to judge
            Same("checksum valid", EthereumAddress.IsChecksummed(spelled).ToString(), AddressUtil.Current.IsChecksumAddress(spelled).ToString());
            Same("parses", EthereumAddress.IsValid(spelled).ToString(), AddressUtil.Current.IsChecksumAddress(spelled).ToString());
        });

    [Fact]
    public void Keccak256_matches_Nethereum() =>
        Run("keccak", PerPrimitive, random =>
        {
            var input = random.Chance(10) ? random.Bytes(random.Next(0, 2000)) : random.Data(400);
            Same("keccak256", Keccak256.Hash(input), Sha3Keccack.Current.CalculateHash(input));
        });

    /// <summary>
    /// Nethereum derives public keys on BouncyCastle's generic curve (about 10 ms each here), so a tenth of the usual
    /// count; every signing primitive also compares the signer Nethereum recovers with our key's address.
    /// </summary>
    [Fact]
    public void Private_keys_derive_the_same_public_key_and_address_as_Nethereum() =>
        Run("address", PerPrimitive / 10, random =>
        {
            var keyBytes = random.PrivateKey();
            using var key = EthereumKey.FromPrivateKey(keyBytes);
            var theirs = new global::Nethereum.Signer.EthECKey(keyBytes, true);
            Same("public key", key.PublicKey, theirs.GetPubKey());
            Same("address", key.Address.ToChecksumString(), theirs.GetPublicAddress());
        });

    internal static FunctionABI Function(string name, params (string Type, string Name)[] inputs) =>
        new(name, false) { InputParameters = inputs.Select((p, i) => new Parameter(p.Type, p.Name, i + 1)).ToArray() };

    private static byte[] Encode(FunctionABI function, params object[] values) =>
        Hex.Decode(new FunctionCallEncoder().EncodeRequest(function.Sha3Signature, function.InputParameters, values));

    internal static RlpItem RandomItem(CaseRandom random, int depth)
    {
        if (depth > 3 || random.Chance(45)) return RlpItem.String(random.Chance(30) ? random.Bytes(random.Next(2)) : random.Data(1100));
        return RlpItem.List(Enumerable.Range(0, random.Chance(5) ? random.Next(40, 70) : random.Next(0, 6)).Select(_ => RandomItem(random, depth + 1)).ToList());
    }

    internal static byte[] NethereumEncode(RlpItem item) => item.IsList
        ? RLP.EncodeList(item.Items.Select(NethereumEncode).ToArray())
        : RLP.EncodeElement(item.Bytes);

    internal static RlpItem FromNethereum(IRLPElement element) => element is RLPCollection list
        ? RlpItem.List(list.Select(FromNethereum).ToList())
        : RlpItem.String(element.RLPData ?? Array.Empty<byte>());
}
