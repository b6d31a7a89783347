using System;
using System.Numerics;
using System.Text;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>The ERC-20 calls and event this module uses, ABI-encoded by hand.</summary>
    public static class Erc20Abi
    {
        public const string TransferSelector = "0xa9059cbb";   // transfer(address,uint256)
        public const string BalanceOfSelector = "0x70a08231";  // balanceOf(address)
        public const string DecimalsSelector = "0x313ce567";   // decimals()
        public const string SymbolSelector = "0x95d89b41";     // symbol()

        /// <summary>keccak256("Transfer(address,address,uint256)").</summary>
        public const string TransferEventTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

        private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

        public static byte[] EncodeTransfer(EthereumAddress recipient, BigInteger amount) =>
            Concat(Hex.Decode(TransferSelector), AddressWord(recipient), Uint256Word(amount));

        public static byte[] EncodeBalanceOf(EthereumAddress owner) =>
            Concat(Hex.Decode(BalanceOfSelector), AddressWord(owner));

        public static byte[] EncodeDecimals() => Hex.Decode(DecimalsSelector);

        /// <summary>OP Stack GasPriceOracle getL1Fee(bytes) (selector 0x49948e0e) for an unsigned serialized transaction.</summary>
        internal static byte[] EncodeGetL1Fee(byte[] unsignedTransaction)
        {
            int padded = (unsignedTransaction.Length + 31) / 32 * 32;
            var data = new byte[padded];
            Buffer.BlockCopy(unsignedTransaction, 0, data, 0, unsignedTransaction.Length);
            return Concat(Hex.Decode("0x49948e0e"), Uint256Word(32), Uint256Word(unsignedTransaction.Length), data);
        }

        public static byte[] EncodeSymbol() => Hex.Decode(SymbolSelector);

        /// <summary>Decodes a uint256 return value.</summary>
        /// <exception cref="FormatException">Empty data (eth_call on an address without code returns "0x") or fewer than 32 bytes.</exception>
        public static BigInteger DecodeUint256(byte[] returnData)
        {
            if (returnData is null) throw new ArgumentNullException(nameof(returnData));
            if (returnData.Length == 0) throw new FormatException("Empty return data: the address has no contract code, or the call failed.");
            if (returnData.Length < 32) throw new FormatException("Return data is shorter than one 32-byte word.");
            return BigEndian.FromBytes(returnData, 0, 32);
        }

        /// <summary>
        /// Decodes the bool returned by transfer/approve. Empty data counts as success (USDT-style tokens return nothing);
        /// the receipt status and Transfer log remain the real proof.
        /// </summary>
        public static bool DecodeTransferResult(byte[] returnData)
        {
            if (returnData is null) throw new ArgumentNullException(nameof(returnData));
            if (returnData.Length == 0) return true;
            BigInteger value = DecodeUint256(returnData);
            if (value > 1) throw new FormatException("Not an ABI bool.");
            return value == 1;
        }

        /// <summary>Decodes an ABI string return (symbol/name); falls back to a NUL-trimmed bytes32 (MKR-style).</summary>
        public static string DecodeString(byte[] returnData)
        {
            if (returnData is null) throw new ArgumentNullException(nameof(returnData));
            if (returnData.Length == 32) return Encoding.UTF8.GetString(returnData).TrimEnd('\0');
            if (returnData.Length < 64) throw new FormatException("Return data is too short for an ABI string.");
            BigInteger offset = BigEndian.FromBytes(returnData, 0, 32);
            if (offset > returnData.Length - 32) throw new FormatException("ABI string offset out of range.");
            BigInteger length = BigEndian.FromBytes(returnData, (int)offset, 32);
            if (length > returnData.Length - (int)offset - 32) throw new FormatException("ABI string length out of range.");
            return Encoding.UTF8.GetString(returnData, (int)offset + 32, (int)length);
        }

        /// <summary>Recognises an ERC-20 Transfer(from, to, value) log (3 topics, 32-byte data).</summary>
        public static bool TryDecodeTransferLog(TransactionLog log, out Erc20Transfer transfer)
        {
            transfer = null!;
            if (log is null || log.Topics.Count != 3 || log.Data.Length != 32) return false;
            if (!string.Equals(log.Topics[0], TransferEventTopic, StringComparison.OrdinalIgnoreCase)) return false;
            if (!TryTopicAddress(log.Topics[1], out var from) || !TryTopicAddress(log.Topics[2], out var to)) return false;
            transfer = new Erc20Transfer(log.Address, from, to, BigEndian.FromBytes(log.Data));
            return true;
        }

        internal static byte[] AddressWord(EthereumAddress address)
        {
            var word = new byte[32];
            Buffer.BlockCopy(address.ToBytes(), 0, word, 12, 20);
            return word;
        }

        internal static byte[] Uint256Word(BigInteger value)
        {
            if (value.Sign < 0 || value >= TwoTo256) throw new ArgumentOutOfRangeException(nameof(value), "Not a uint256.");
            return BigEndian.ToFixedBytes(value, 32);
        }

        private static bool TryTopicAddress(string topic, out EthereumAddress address)
        {
            address = default;
            if (!Hex.TryDecode(topic, out var bytes) || bytes.Length != 32) return false;
            for (int i = 0; i < 12; i++) if (bytes[i] != 0) return false;
            var raw = new byte[20];
            Buffer.BlockCopy(bytes, 12, raw, 0, 20);
            address = EthereumAddress.FromBytes(raw);
            return true;
        }

        internal static byte[] Concat(params byte[][] parts)
        {
            int length = 0;
            foreach (var p in parts) length += p.Length;
            var result = new byte[length];
            int offset = 0;
            foreach (var p in parts) { Buffer.BlockCopy(p, 0, result, offset, p.Length); offset += p.Length; }
            return result;
        }
    }
}
