using System;
using System.Collections.Generic;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>An EIP-1559 (type 2) transaction. Signing hash = keccak256(0x02 ‖ rlp([chainId, nonce, tip, maxFee, gas, to, value, data, accessList])).</summary>
    public sealed class Eip1559Transaction
    {
        public const byte TypeByte = 0x02;

        public ulong ChainId { get; set; }
        public ulong Nonce { get; set; }
        public BigInteger MaxPriorityFeePerGas { get; set; }
        public BigInteger MaxFeePerGas { get; set; }
        public ulong GasLimit { get; set; }
        /// <summary>Null creates a contract.</summary>
        public EthereumAddress? To { get; set; }
        public BigInteger Value { get; set; }
        public byte[] Data { get; set; } = Array.Empty<byte>();
        public IReadOnlyList<AccessListEntry> AccessList { get; set; } = Array.Empty<AccessListEntry>();

        /// <summary>0x02 ‖ rlp(the nine unsigned fields).</summary>
        public byte[] EncodeUnsigned() => Envelope(Rlp.EncodeList(Fields()));

        public byte[] GetSigningHash() => Keccak256.Hash(EncodeUnsigned());

        /// <summary>0x02 ‖ rlp([… nine fields, yParity, r, s]) with r and s as minimal integers.</summary>
        public byte[] EncodeSigned(EthereumSignature signature)
        {
            if (signature is null) throw new ArgumentNullException(nameof(signature));
            if (signature.RecoveryId > 1) throw new ArgumentException("yParity must be 0 or 1.", nameof(signature));
            var fields = new List<byte[]>(Fields())
            {
                Rlp.EncodeInteger((ulong)signature.RecoveryId),
                Rlp.EncodeString(BigEndian.TrimLeadingZeros(signature.R)),
                Rlp.EncodeString(BigEndian.TrimLeadingZeros(signature.S)),
            };
            return Envelope(Rlp.EncodeList(fields.ToArray()));
        }

        public SignedTransaction Sign(EthereumKey key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            Validate();
            EthereumSignature signature = key.SignHash(GetSigningHash());
            return new SignedTransaction(EncodeSigned(signature), TypeByte, ChainId, Nonce, key.Address, To, Value,
                MaxFeePerGas, MaxPriorityFeePerGas, GasLimit);
        }

        private void Validate()
        {
            if (MaxPriorityFeePerGas.Sign < 0 || MaxFeePerGas.Sign < 0 || Value.Sign < 0)
                throw new InvalidOperationException("Fees and value must not be negative.");
            if (MaxPriorityFeePerGas > MaxFeePerGas)
                throw new InvalidOperationException("maxPriorityFeePerGas must not exceed maxFeePerGas.");
            if (Data is null) throw new InvalidOperationException("Data must not be null (use an empty array).");
        }

        private byte[][] Fields() => new[]
        {
            Rlp.EncodeInteger(ChainId),
            Rlp.EncodeInteger(Nonce),
            Rlp.EncodeInteger(MaxPriorityFeePerGas),
            Rlp.EncodeInteger(MaxFeePerGas),
            Rlp.EncodeInteger(GasLimit),
            Rlp.EncodeString(To?.ToBytes() ?? Array.Empty<byte>()),
            Rlp.EncodeInteger(Value),
            Rlp.EncodeString(Data),
            AccessListEntry.EncodeList(AccessList),
        };

        private static byte[] Envelope(byte[] rlp)
        {
            var result = new byte[rlp.Length + 1];
            result[0] = TypeByte;
            Buffer.BlockCopy(rlp, 0, result, 1, rlp.Length);
            return result;
        }
    }
}
