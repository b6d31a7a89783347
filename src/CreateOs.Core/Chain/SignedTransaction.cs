using System;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// A signed, not yet broadcast transaction: the exact bytes for eth_sendRawTransaction and their hash
    /// (keccak256 of the raw bytes, type byte included). Journal it before broadcasting.
    /// </summary>
    public sealed class SignedTransaction
    {
        private readonly byte[] _raw;

        internal SignedTransaction(byte[] raw, int type, ulong chainId, ulong nonce, EthereumAddress from, EthereumAddress? to,
            BigInteger value, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, ulong gasLimit)
        {
            _raw = raw;
            Hash = Hex.Encode(Keccak256.Hash(raw));
            Type = type;
            ChainId = chainId;
            Nonce = nonce;
            From = from;
            To = to;
            Value = value;
            MaxFeePerGas = maxFeePerGas;
            MaxPriorityFeePerGas = maxPriorityFeePerGas;
            GasLimit = gasLimit;
        }

        /// <summary>The raw signed bytes (a copy).</summary>
        public byte[] Raw => (byte[])_raw.Clone();

        /// <summary>0x-hex of <see cref="Raw"/>, the eth_sendRawTransaction parameter.</summary>
        public string RawHex => Hex.Encode(_raw);

        /// <summary>0x-hex transaction hash, keccak256(raw).</summary>
        public string Hash { get; }

        /// <summary>2 for EIP-1559, 0 for legacy.</summary>
        public int Type { get; }
        public ulong ChainId { get; }
        public ulong Nonce { get; }
        public EthereumAddress From { get; }
        /// <summary>Null for contract creation.</summary>
        public EthereumAddress? To { get; }
        public BigInteger Value { get; }
        /// <summary>For legacy transactions, the gas price.</summary>
        public BigInteger MaxFeePerGas { get; }
        /// <summary>For legacy transactions, the gas price.</summary>
        public BigInteger MaxPriorityFeePerGas { get; }
        public ulong GasLimit { get; }

        /// <summary>OP Stack L1 data fee estimate in wei (Base), charged on top of gas; zero where not applicable.</summary>
        public BigInteger EstimatedL1FeeWei { get; internal set; }

        /// <summary>The most this transaction can cost in gas: maxFeePerGas × gasLimit (wei).</summary>
        public BigInteger MaxGasCostWei => MaxFeePerGas * GasLimit;

        public override string ToString() => $"SignedTransaction({Hash}, chain {ChainId}, nonce {Nonce})";
    }
}
