using System;
using System.Collections.Generic;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>A raw signed transaction parsed back into fields, with its recovered sender.</summary>
    public sealed class DecodedTransaction
    {
        internal DecodedTransaction() { }

        /// <summary>2 (EIP-1559) or 0 (legacy).</summary>
        public int Type { get; internal set; }
        /// <summary>Null for a pre-EIP-155 legacy transaction.</summary>
        public ulong? ChainId { get; internal set; }
        public ulong Nonce { get; internal set; }
        public BigInteger MaxPriorityFeePerGas { get; internal set; }
        /// <summary>For legacy transactions, the gas price.</summary>
        public BigInteger MaxFeePerGas { get; internal set; }
        public ulong GasLimit { get; internal set; }
        public EthereumAddress? To { get; internal set; }
        public BigInteger Value { get; internal set; }
        public byte[] Data { get; internal set; } = Array.Empty<byte>();
        public IReadOnlyList<AccessListEntry> AccessList { get; internal set; } = Array.Empty<AccessListEntry>();
        public EthereumSignature Signature { get; internal set; } = null!;
        public byte[] SigningHash { get; internal set; } = Array.Empty<byte>();
        public EthereumAddress From { get; internal set; }
        /// <summary>0x-hex keccak256 of the raw bytes.</summary>
        public string Hash { get; internal set; } = "";
    }
}
