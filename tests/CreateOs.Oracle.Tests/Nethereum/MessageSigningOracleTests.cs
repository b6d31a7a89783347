using System.Numerics;
using System.Text;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using Newtonsoft.Json.Linq;
using static CreateOs.Oracle.Tests.Nethereum.OracleCases;

namespace CreateOs.Oracle.Tests.Nethereum;

/// <summary>personal_sign and EIP-712 / EIP-3009 (the v2 payment authorization) agree with Nethereum byte for byte.</summary>
public class MessageSigningOracleTests
{
    [Fact]
    public void Personal_sign_hashes_signatures_and_recovery_match_Nethereum() =>
        Run("personal_sign", PerPrimitive, random =>
        {
            var keyBytes = random.PrivateKey();
            var message = random.Chance(50) ? Encoding.UTF8.GetBytes(random.Text(80)) : random.Data();
            using var key = EthereumKey.FromPrivateKey(keyBytes);
            var signer = new EthereumMessageSigner();

            Same("EIP-191 hash", PersonalSign.HashMessage(message), signer.HashPrefixedMessage(message));
            var ours = PersonalSign.Sign(key, message);
            var theirs = NethereumSigning.With(keyBytes, () => signer.Sign(message, new EthECKey(keyBytes, true)));
            Same("signature", ours, NormalHex(theirs));
            if (random.Chance(RecoveryPercent)) Same("recovered", PersonalSign.RecoverSigner(message, theirs).ToChecksumString(), signer.EcRecover(message, ours));
        });

    [Fact]
    public void Eip3009_authorization_digests_and_signatures_match_Nethereum_EIP712() =>
        Run("eip712", PerPrimitive, random =>
        {
            var keyBytes = random.PrivateKey();
            using var key = EthereumKey.FromPrivateKey(keyBytes);
            var domain = random.Chance(80)
                ? new Eip712Domain(random.Pick("USD Coin", "USDC"), "2", random.Pick(42161UL, 8453UL), EthereumAddress.FromBytes(random.Address()))
                : new Eip712Domain(random.Text(20), random.Text(6), random.UInt64(), EthereumAddress.FromBytes(random.Address()));
            var authorization = new TransferAuthorization
            {
                From = key.Address,
                To = EthereumAddress.FromBytes(random.Address()),
                Value = random.Unsigned(256),
                ValidAfter = random.Unsigned(random.Pick(32, 64, 256)),
                ValidBefore = random.Unsigned(random.Pick(32, 64, 256)),
                Nonce = random.Bytes(32),
            };
            var typedData = TypedDataJson(domain, authorization);
            var eip712 = new Eip712TypedDataSigner();

            Same("digest", Eip3009.Digest(domain, authorization), Sha3Keccack.Current.CalculateHash(eip712.EncodeTypedData(typedData)));
            var ours = Eip3009.Sign(key, domain, authorization).ToHex();
            Same("signature", ours, NormalHex(NethereumSigning.With(keyBytes, () => eip712.SignTypedDataV4(typedData, new EthECKey(keyBytes, true)))));
            if (random.Chance(RecoveryPercent)) Same("recovered by Nethereum", key.Address.ToChecksumString(), eip712.RecoverFromSignatureV4(typedData, ours));
        });

    /// <summary>The eth_signTypedData_v4 document a wallet would be asked to sign, written from EIP-712 and EIP-3009, not from our encoder.</summary>
    internal static string TypedDataJson(Eip712Domain domain, TransferAuthorization authorization) => new JObject
    {
        ["types"] = new JObject
        {
            ["EIP712Domain"] = Members(("name", "string"), ("version", "string"), ("chainId", "uint256"), ("verifyingContract", "address")),
            ["TransferWithAuthorization"] = Members(("from", "address"), ("to", "address"), ("value", "uint256"), ("validAfter", "uint256"),
                ("validBefore", "uint256"), ("nonce", "bytes32")),
        },
        ["primaryType"] = "TransferWithAuthorization",
        ["domain"] = new JObject
        {
            ["name"] = domain.Name, ["version"] = domain.Version, ["chainId"] = new BigInteger(domain.ChainId).ToString(),
            ["verifyingContract"] = domain.VerifyingContract.ToChecksumString(),
        },
        ["message"] = new JObject
        {
            ["from"] = authorization.From.ToChecksumString(), ["to"] = authorization.To.ToChecksumString(),
            ["value"] = authorization.Value.ToString(), ["validAfter"] = authorization.ValidAfter.ToString(),
            ["validBefore"] = authorization.ValidBefore.ToString(), ["nonce"] = authorization.NonceHex,
        },
    }.ToString(Newtonsoft.Json.Formatting.None);

    private static JArray Members(params (string Name, string Type)[] members) =>
        new(members.Select(m => new JObject { ["name"] = m.Name, ["type"] = m.Type }));
}
