using System;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>A legacy transaction with EIP-155 replay protection: v = chainId·2 + 35 + recovery id.</summary>
    public sealed class LegacyTransaction
    {
        public ulong ChainId { get; set; }
        public ulong Nonce { get; set; }
        public BigInteger GasPrice { get; set; }
        public ulong GasLimit { get; set; }
        public EthereumAddress? To { get; set; }
        public BigInteger Value { get; set; }
        public byte[] Data { get; set; } = Array.Empty<byte>();

        /// <summary>rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]).</summary>
        public byte[] EncodeUnsigned() => Rlp.EncodeList(
            Rlp.EncodeInteger(Nonce), Rlp.EncodeInteger(GasPrice), Rlp.EncodeInteger(GasLimit),
            Rlp.EncodeString(To?.ToBytes() ?? Array.Empty<byte>()), Rlp.EncodeInteger(Value), Rlp.EncodeString(Data),
            Rlp.EncodeInteger(ChainId), Rlp.EncodeInteger(0UL), Rlp.EncodeInteger(0UL));

        public byte[] GetSigningHash() => Keccak256.Hash(EncodeUnsigned());

        public byte[] EncodeSigned(EthereumSignature signature)
        {
            if (signature is null) throw new ArgumentNullException(nameof(signature));
            BigInteger v = new BigInteger(ChainId) * 2 + 35 + signature.RecoveryId;
            return Rlp.EncodeList(
                Rlp.EncodeInteger(Nonce), Rlp.EncodeInteger(GasPrice), Rlp.EncodeInteger(GasLimit),
                Rlp.EncodeString(To?.ToBytes() ?? Array.Empty<byte>()), Rlp.EncodeInteger(Value), Rlp.EncodeString(Data),
                Rlp.EncodeInteger(v),
                Rlp.EncodeString(BigEndian.TrimLeadingZeros(signature.R)),
                Rlp.EncodeString(BigEndian.TrimLeadingZeros(signature.S)));
        }

        public SignedTransaction Sign(EthereumKey key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (GasPrice.Sign < 0 || Value.Sign < 0) throw new InvalidOperationException("Gas price and value must not be negative.");
            EthereumSignature signature = key.SignHash(GetSigningHash());
            return new SignedTransaction(EncodeSigned(signature), 0, ChainId, Nonce, key.Address, To, Value, GasPrice, GasPrice, GasLimit);
        }
    }
}
