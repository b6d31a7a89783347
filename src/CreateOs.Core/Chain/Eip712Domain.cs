using System;
using System.Text;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// An EIP-712 domain of the form <c>EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)</c>
    /// (the one USDC's FiatToken uses). For payments the name and version come from <see cref="TokenRegistry"/>, never
    /// from a server: a wrong domain would make a signature for some other contract.
    /// </summary>
    public sealed class Eip712Domain
    {
        /// <summary>keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)").</summary>
        public static readonly byte[] TypeHash = Keccak256.Hash(Encoding.UTF8.GetBytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));

        public Eip712Domain(string name, string version, ulong chainId, EthereumAddress verifyingContract)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Version = version ?? throw new ArgumentNullException(nameof(version));
            ChainId = chainId;
            VerifyingContract = verifyingContract;
        }

        public string Name { get; }
        public string Version { get; }
        public ulong ChainId { get; }
        public EthereumAddress VerifyingContract { get; }

        /// <summary>hashStruct(domain), the DOMAIN_SEPARATOR a contract reports.</summary>
        public byte[] Separator() => Keccak256.Hash(
            TypeHash,
            Keccak256.Hash(Encoding.UTF8.GetBytes(Name)),
            Keccak256.Hash(Encoding.UTF8.GetBytes(Version)),
            Erc20Abi.Uint256Word(ChainId),
            Erc20Abi.AddressWord(VerifyingContract));

        /// <summary>keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash): what is signed.</summary>
        public byte[] Digest(byte[] structHash)
        {
            if (structHash is null || structHash.Length != 32) throw new ArgumentException("A struct hash is 32 bytes.", nameof(structHash));
            return Keccak256.Hash(new byte[] { 0x19, 0x01 }, Separator(), structHash);
        }

        public override string ToString() => $"{Name} v{Version} on chain {ChainId} at {VerifyingContract.ToChecksumString()}";
    }
}
