using System;
using System.Collections.Generic;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>Parses raw signed EIP-1559 and legacy transactions (strict RLP) and recovers the sender.</summary>
    public static class TransactionDecoder
    {
        /// <exception cref="FormatException">Malformed, unsupported type, or a signature that does not recover (high s is rejected, EIP-2).</exception>
        public static DecodedTransaction Decode(byte[] raw)
        {
            if (raw is null) throw new ArgumentNullException(nameof(raw));
            if (raw.Length == 0) throw new FormatException("Empty transaction.");
            DecodedTransaction tx = raw[0] == Eip1559Transaction.TypeByte ? DecodeEip1559(raw)
                : raw[0] >= 0xc0 ? DecodeLegacy(raw)
                : throw new FormatException($"Unsupported transaction type 0x{raw[0]:x2}.");
            if (!tx.Signature.IsLowS) throw new FormatException("Signature s is not in the lower half of the curve order (EIP-2).");
            tx.From = tx.Signature.RecoverAddress(tx.SigningHash);
            tx.Hash = Hex.Encode(Keccak256.Hash(raw));
            return tx;
        }

        public static DecodedTransaction Decode(string rawHex) => Decode(Hex.Decode(rawHex));

        private static DecodedTransaction DecodeEip1559(byte[] raw)
        {
            var body = new byte[raw.Length - 1];
            Buffer.BlockCopy(raw, 1, body, 0, body.Length);
            IReadOnlyList<RlpItem> f = Rlp.Decode(body).Items;
            if (f.Count != 12) throw new FormatException("An EIP-1559 transaction has 12 fields.");
            var unsigned = new Eip1559Transaction
            {
                ChainId = f[0].ToUInt64(),
                Nonce = f[1].ToUInt64(),
                MaxPriorityFeePerGas = f[2].ToBigInteger(),
                MaxFeePerGas = f[3].ToBigInteger(),
                GasLimit = f[4].ToUInt64(),
                To = ReadTo(f[5]),
                Value = f[6].ToBigInteger(),
                Data = f[7].Bytes,
                AccessList = ReadAccessList(f[8]),
            };
            BigInteger yParity = f[9].ToBigInteger();
            if (yParity > 1) throw new FormatException("yParity must be 0 or 1.");
            var signature = new EthereumSignature(ReadScalar(f[10]), ReadScalar(f[11]), (int)yParity);
            return new DecodedTransaction
            {
                Type = 2, ChainId = unsigned.ChainId, Nonce = unsigned.Nonce,
                MaxPriorityFeePerGas = unsigned.MaxPriorityFeePerGas, MaxFeePerGas = unsigned.MaxFeePerGas,
                GasLimit = unsigned.GasLimit, To = unsigned.To, Value = unsigned.Value, Data = unsigned.Data,
                AccessList = unsigned.AccessList, Signature = signature, SigningHash = unsigned.GetSigningHash(),
            };
        }

        private static DecodedTransaction DecodeLegacy(byte[] raw)
        {
            IReadOnlyList<RlpItem> f = Rlp.Decode(raw).Items;
            if (f.Count != 9) throw new FormatException("A legacy transaction has 9 fields.");
            BigInteger v = f[6].ToBigInteger();
            ulong? chainId;
            int recoveryId;
            byte[] signingHash;
            var unsigned = new LegacyTransaction
            {
                Nonce = f[0].ToUInt64(), GasPrice = f[1].ToBigInteger(), GasLimit = f[2].ToUInt64(),
                To = ReadTo(f[3]), Value = f[4].ToBigInteger(), Data = f[5].Bytes,
            };
            if (v == 27 || v == 28)
            {
                chainId = null;
                recoveryId = (int)(v - 27);
                signingHash = Keccak256.Hash(Rlp.EncodeList(
                    Rlp.EncodeInteger(unsigned.Nonce), Rlp.EncodeInteger(unsigned.GasPrice), Rlp.EncodeInteger(unsigned.GasLimit),
                    Rlp.EncodeString(unsigned.To?.ToBytes() ?? Array.Empty<byte>()), Rlp.EncodeInteger(unsigned.Value),
                    Rlp.EncodeString(unsigned.Data)));
            }
            else if (v >= 37)
            {
                BigInteger id = (v - 35) / 2;
                if (id > ulong.MaxValue) throw new FormatException("Chain id does not fit in 64 bits.");
                chainId = (ulong)id;
                recoveryId = (int)((v - 35) % 2);
                unsigned.ChainId = chainId.Value;
                signingHash = unsigned.GetSigningHash();
            }
            else
            {
                throw new FormatException("Invalid legacy v.");
            }
            return new DecodedTransaction
            {
                Type = 0, ChainId = chainId, Nonce = unsigned.Nonce, MaxPriorityFeePerGas = unsigned.GasPrice,
                MaxFeePerGas = unsigned.GasPrice, GasLimit = unsigned.GasLimit, To = unsigned.To, Value = unsigned.Value,
                Data = unsigned.Data, Signature = new EthereumSignature(ReadScalar(f[7]), ReadScalar(f[8]), recoveryId),
                SigningHash = signingHash,
            };
        }

        private static EthereumAddress? ReadTo(RlpItem item)
        {
            byte[] bytes = item.Bytes;
            if (bytes.Length == 0) return null;
            if (bytes.Length != 20) throw new FormatException("The 'to' field must be empty or 20 bytes.");
            return EthereumAddress.FromBytes(bytes);
        }

        private static byte[] ReadScalar(RlpItem item)
        {
            BigInteger value = item.ToBigInteger(); // rejects leading zeros
            if (value.IsZero) throw new FormatException("Signature r and s must be non-zero.");
            return BigEndian.ToFixedBytes(value, 32);
        }

        private static IReadOnlyList<AccessListEntry> ReadAccessList(RlpItem item)
        {
            var entries = new List<AccessListEntry>();
            foreach (var entry in item.Items)
            {
                if (entry.Items.Count != 2) throw new FormatException("An access list entry has 2 fields.");
                byte[] address = entry.Items[0].Bytes;
                if (address.Length != 20) throw new FormatException("Access list address must be 20 bytes.");
                var keys = new List<byte[]>();
                foreach (var key in entry.Items[1].Items)
                {
                    if (key.Bytes.Length != 32) throw new FormatException("Access list storage keys are 32 bytes.");
                    keys.Add(key.Bytes);
                }
                entries.Add(new AccessListEntry(EthereumAddress.FromBytes(address), keys));
            }
            return entries;
        }
    }
}
