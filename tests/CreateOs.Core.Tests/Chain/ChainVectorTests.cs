using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Tests.Wallet;
using CreateOs.Core.Wallet;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

public class RlpVectorTests
{
    public static IEnumerable<object[]> Valid => TestVectors.Ids("rlp", e => (bool)e["valid"]!);
    public static IEnumerable<object[]> Invalid => TestVectors.Ids("rlp", e => !(bool)e["valid"]!);

    internal static void AssertSame(JToken expected, RlpItem actual)
    {
        if (expected is JArray array)
        {
            Assert.True(actual.IsList);
            Assert.Equal(array.Count, actual.Items.Count);
            for (int i = 0; i < array.Count; i++) AssertSame(array[i], actual.Items[i]);
        }
        else
        {
            Assert.False(actual.IsList);
            Assert.Equal((string)expected!, Hex.Encode(actual.Bytes));
        }
    }

    [Theory, MemberData(nameof(Valid))]
    public void Encodes_and_decodes(string id)
    {
        var v = TestVectors.Get(id);
        string expected = (string?)v["outCorrect"] ?? (string)v["out"]!;
        RlpItem item = TestVectors.RlpItemOf(v["inHex"]!);
        Assert.Equal(expected, Hex.Encode(Rlp.Encode(item)));
        AssertSame(v["inHex"]!, Rlp.Decode(Hex.Decode(expected)));
    }

    [Theory, MemberData(nameof(Invalid))]
    public void Strict_decoder_rejects(string id)
    {
        var v = TestVectors.Get(id);
        Assert.Throws<FormatException>(() => Rlp.Decode(Hex.Decode((string)v["out"]!)));
    }

    [Fact]
    public void Integers_are_minimal()
    {
        Assert.Equal("0x80", Hex.Encode(Rlp.EncodeInteger(BigInteger.Zero)));
        Assert.Equal("0x7f", Hex.Encode(Rlp.EncodeInteger(127UL)));
        Assert.Equal("0x8180", Hex.Encode(Rlp.EncodeInteger(128UL)));
        Assert.Equal("0x830148c5", Hex.Encode(Rlp.EncodeInteger(84165UL)));
        Assert.Throws<FormatException>(() => Rlp.Decode(Hex.Decode("0x820001")).ToBigInteger());
    }
}

public class TransactionVectorTests
{
    public static IEnumerable<object[]> Cases => TestVectors.Ids("transactions");

    private static BigInteger Big(JToken? t) => t == null || t.Type == JTokenType.Null ? BigInteger.Zero : BigInteger.Parse(t.ToString());

    private static EthereumAddress? To(JObject v) => v["to"]?.Type == JTokenType.String ? EthereumAddress.Parse((string)v["to"]!) : null;

    [Theory, MemberData(nameof(Cases))]
    public void Transaction_vector(string id)
    {
        var v = TestVectors.Get(id);
        int type = (int)v["type"]!;
        byte[] expectedRaw = Hex.Decode((string)v["rawSigned"]!);
        string expectedHash = (string)v["txHash"]!;
        EthereumAddress expectedFrom = EthereumAddress.Parse((string)v["from"]!);

        // recovery: every entry (recovery-only ones too) must decode and recover the sender
        DecodedTransaction decoded = TransactionDecoder.Decode(expectedRaw);
        Assert.Equal(expectedFrom, decoded.From);
        Assert.Equal(expectedHash, decoded.Hash);
        Assert.Equal(type, decoded.Type);

        if (v["signingHash"]?.Type == JTokenType.String)
            Assert.Equal((string)v["signingHash"]!, Hex.Encode(decoded.SigningHash));

        if (v["privateKey"]?.Type != JTokenType.String) return;
        using var key = EthereumKey.FromHex((string)v["privateKey"]!);
        Assert.Equal(expectedFrom, key.Address);

        SignedTransaction signed;
        byte[] unsigned;
        if (type == 2)
        {
            var accessList = new List<AccessListEntry>();
            foreach (JObject entry in (JArray?)v["accessList"] ?? new JArray())
                accessList.Add(new AccessListEntry(EthereumAddress.Parse((string)entry["address"]!),
                    ((JArray)entry["storageKeys"]!).Select(k => Hex.Decode((string)k!)).ToList()));
            var tx = new Eip1559Transaction
            {
                ChainId = ulong.Parse((string)v["chainId"]!), Nonce = (ulong)v["nonce"]!,
                MaxPriorityFeePerGas = Big(v["maxPriorityFeePerGas"]), MaxFeePerGas = Big(v["maxFeePerGas"]),
                GasLimit = ulong.Parse((string)v["gasLimit"]!), To = To(v), Value = Big(v["value"]),
                Data = Hex.Decode((string)v["data"]!), AccessList = accessList,
            };
            unsigned = tx.EncodeUnsigned();
            signed = tx.Sign(key);
        }
        else
        {
            var tx = new LegacyTransaction
            {
                ChainId = ulong.Parse((string)v["chainId"]!), Nonce = (ulong)v["nonce"]!, GasPrice = Big(v["gasPrice"]),
                GasLimit = ulong.Parse((string)v["gasLimit"]!), To = To(v), Value = Big(v["value"]), Data = Hex.Decode((string)v["data"]!),
            };
            unsigned = tx.EncodeUnsigned();
            signed = tx.Sign(key);
        }
        if (v["unsignedSerialized"]?.Type == JTokenType.String)
            Assert.Equal((string)v["unsignedSerialized"]!, Hex.Encode(unsigned));
        Assert.Equal((string)v["rawSigned"]!, signed.RawHex);
        Assert.Equal(expectedHash, signed.Hash);

        if (v["erc20"] is JObject erc20)
        {
            byte[] calldata = Erc20Abi.EncodeTransfer(EthereumAddress.Parse((string)erc20["recipient"]!), BigInteger.Parse((string)erc20["amount"]!));
            Assert.Equal((string)erc20["calldata"]!, Hex.Encode(calldata));
        }
    }
}

public class AbiVectorTests
{
    public static IEnumerable<object[]> Cases => TestVectors.Ids("abi", e => (string?)e["kind"] != "note");

    [Theory, MemberData(nameof(Cases))]
    public void Abi_vector(string id)
    {
        var v = TestVectors.Get(id);
        if ((string)v["kind"]! == "call")
        {
            var args = (JArray)v["args"]!;
            byte[]? calldata = (string)v["signature"]! switch
            {
                "transfer(address,uint256)" => Erc20Abi.EncodeTransfer(EthereumAddress.Parse((string)args[0]!), BigInteger.Parse((string)args[1]!)),
                "balanceOf(address)" => Erc20Abi.EncodeBalanceOf(EthereumAddress.Parse((string)args[0]!)),
                "decimals()" => Erc20Abi.EncodeDecimals(),
                "symbol()" => Erc20Abi.EncodeSymbol(),
                _ => null, // approve/allowance: not needed by this module; selectors still checked below
            };
            Assert.Equal((string)v["selector"]!, Hex.Encode(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes((string)v["signature"]!))).Substring(0, 10));
            if (calldata != null) Assert.Equal((string)v["calldata"]!, Hex.Encode(calldata));
        }
        else
        {
            byte[] data = Hex.Decode((string)v["returnData"]!);
            string expected = (string)((JArray)v["decoded"]!)[0]!;
            string actual = (string)v["function"]! switch
            {
                "balanceOf" or "decimals" => Erc20Abi.DecodeUint256(data).ToString(),
                "symbol" => Erc20Abi.DecodeString(data),
                "transfer" => Erc20Abi.DecodeTransferResult(data) ? "true" : "false",
                _ => throw new InvalidOperationException(),
            };
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Empty_return_data_is_a_failure_for_uint256()
    {
        Assert.Throws<FormatException>(() => Erc20Abi.DecodeUint256(Array.Empty<byte>()));
        Assert.Throws<FormatException>(() => Erc20Abi.DecodeUint256(new byte[31]));
    }

    [Fact]
    public void Transfer_event_topic_is_keccak_of_signature()
    {
        Assert.Equal(Erc20Abi.TransferEventTopic,
            Hex.Encode(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes("Transfer(address,address,uint256)"))));
    }

    [Fact]
    public void Amount_must_fit_uint256()
    {
        var to = EthereumAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        Assert.Throws<ArgumentOutOfRangeException>(() => Erc20Abi.EncodeTransfer(to, BigInteger.One << 256));
        Assert.Throws<ArgumentOutOfRangeException>(() => Erc20Abi.EncodeTransfer(to, BigInteger.MinusOne));
    }
}

public class ContractAddressVectorTests
{
    public static IEnumerable<object[]> Cases => TestVectors.Ids("addresses", e => (string?)e["kind"] == "createAddress");

    [Theory, MemberData(nameof(Cases))]
    public void Create_address(string id)
    {
        var v = TestVectors.Get(id);
        Assert.Equal((string)v["address"]!,
            ContractAddress.Compute(EthereumAddress.Parse((string)v["from"]!), (ulong)v["nonce"]!).ToString());
    }
}
