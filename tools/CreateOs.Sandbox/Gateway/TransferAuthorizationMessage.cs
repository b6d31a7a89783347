using System.Numerics;
using System.Text;
using CreateOs.Core.Wallet;
using CreateOs.Sandbox.Chains;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// An EIP-3009 TransferWithAuthorization as a v2 credential carries it, with the gateway's own EIP-712 digest and
/// signer recovery (written from the EIP, not shared with the client's code, so the tests cross-check both).
/// Addresses are kept as sent; <see cref="Nonce"/> is lower-case hex with 0x.
/// </summary>
public sealed record TransferAuthorizationMessage(string From, string To, BigInteger Value, BigInteger ValidAfter, BigInteger ValidBefore,
    string Nonce, byte[] Signature)
{
    /// <summary>The EIP-712 domain name and version of USDC (Circle's FiatToken), pinned; the sandbox installs USDC with this name.</summary>
    public const string UsdcDomainName = "USD Coin";
    public const string UsdcDomainVersion = "2";

    private static readonly BigInteger HalfCurveOrder =
        BigInteger.Parse("07FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly byte[] DomainTypeHash = Keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static readonly byte[] MessageTypeHash = Keccak("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");

    public int V => Signature[64];

    /// <summary>s ≤ n/2 and v ∈ {27, 28}: the only form USDC's ECRecover accepts.</summary>
    public bool HasCanonicalSignature =>
        V is 27 or 28 && new BigInteger(Signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true) <= HalfCurveOrder;

    public static byte[] DomainSeparator(long chainId, string verifyingContract) => Keccak256.Hash(
        DomainTypeHash, Keccak(UsdcDomainName), Keccak(UsdcDomainVersion), Word(chainId), AddressWord(verifyingContract));

    /// <summary>keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)) for USDC at <paramref name="verifyingContract"/>.</summary>
    public byte[] Digest(long chainId, string verifyingContract)
    {
        var structHash = Keccak256.Hash(MessageTypeHash, AddressWord(From), AddressWord(To), Word(Value), Word(ValidAfter), Word(ValidBefore),
            Convert.FromHexString(EvmHex.StripPrefix(Nonce)));
        return Keccak256.Hash([0x19, 0x01], DomainSeparator(chainId, verifyingContract), structHash);
    }

    /// <summary>The signer's address (lower case), or null when the signature does not recover to a key.</summary>
    public string? RecoverSigner(long chainId, string verifyingContract)
    {
        try
        {
            return EthereumSignature.FromBytes65(Signature).RecoverAddress(Digest(chainId, verifyingContract)).ToLowerHexString();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Calldata of transferWithAuthorization(from, to, value, validAfter, validBefore, nonce, v, r, s).</summary>
    public string TransferWithAuthorizationCalldata() =>
        "0x" + EvmHex.TransferWithAuthorizationSelector + EvmHex.AddressToWord(From) + EvmHex.AddressToWord(To) + EvmHex.ToWord(Value)
        + EvmHex.ToWord(ValidAfter) + EvmHex.ToWord(ValidBefore) + EvmHex.StripPrefix(Nonce) + EvmHex.ToWord(V)
        + Convert.ToHexStringLower(Signature, 0, 32) + Convert.ToHexStringLower(Signature, 32, 32);

    private static byte[] Keccak(string text) => Keccak256.Hash(Encoding.UTF8.GetBytes(text));

    private static byte[] Word(BigInteger value) => Convert.FromHexString(EvmHex.ToWord(value));

    private static byte[] AddressWord(string address) => Convert.FromHexString(EvmHex.AddressToWord(address));
}
