using System.Numerics;
using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;
using static CreateOs.Oracle.Tests.Nethereum.OracleCases;
using LegacyTransaction = CreateOs.Core.Chain.LegacyTransaction;
using NethereumLegacy = Nethereum.Model.LegacyTransactionChainId;

namespace CreateOs.Oracle.Tests.Nethereum;

/// <summary>Transactions we sign are byte for byte the ones Nethereum signs: unsigned encoding, signed raw bytes, hash.</summary>
public class TransactionOracleTests
{
    private static readonly ulong[] PaymentChains = { 42161, 8453 };

    [Fact]
    public void Eip1559_transactions_on_Arbitrum_and_Base_sign_to_the_same_bytes_as_Nethereum() =>
        Run("eip1559", PerPrimitive, random =>
        {
            var keyBytes = random.PrivateKey();
            var maxFee = random.Unsigned(random.Pick(64, 128, 256));
            var tx = new Eip1559Transaction
            {
                ChainId = random.Chance(90) ? random.Pick(PaymentChains) : random.UInt64(),
                Nonce = random.UInt64(),
                MaxFeePerGas = maxFee,
                MaxPriorityFeePerGas = random.Chance(30) ? BigInteger.Zero : random.Chance(50) ? maxFee : maxFee / (random.Next(1, 1000)),
                GasLimit = random.UInt64(),
                To = random.Chance(5) ? null : EthereumAddress.FromBytes(random.Address()),
                Value = random.Unsigned(256),
                Data = random.Data(),
                AccessList = random.Chance(20) ? RandomAccessList(random) : Array.Empty<AccessListEntry>(),
            };
            using var key = EthereumKey.FromPrivateKey(keyBytes);
            var signed = tx.Sign(key);

            var theirs = new Transaction1559(tx.ChainId, tx.Nonce, tx.MaxPriorityFeePerGas, tx.MaxFeePerGas, tx.GasLimit,
                tx.To?.ToLowerHexString(), tx.Value, Hex.Encode(tx.Data),
                tx.AccessList.Select(e => new AccessListItem(e.Address.ToLowerHexString(), e.StorageKeys.ToList())).ToList());
            var theirRaw = NethereumSigning.With(keyBytes, () => new Transaction1559Signer().SignTransaction(keyBytes, theirs));

            SameTransaction(random, tx.EncodeUnsigned(), signed, theirs.GetRLPEncodedRaw(), theirRaw);
        });

    [Fact]
    public void Legacy_EIP155_transactions_on_Arbitrum_and_Base_sign_to_the_same_bytes_as_Nethereum() =>
        Run("legacy", PerPrimitive, random =>
        {
            var keyBytes = random.PrivateKey();
            var tx = new LegacyTransaction
            {
                // Legacy v = chainId·2 + 35 + recId: 3-byte v on both payment chains; other ids widen it.
                ChainId = random.Chance(90) ? random.Pick(PaymentChains) : (ulong)random.Next(1, int.MaxValue),
                Nonce = random.UInt64(),
                GasPrice = random.Unsigned(random.Pick(64, 256)),
                GasLimit = random.UInt64(),
                To = EthereumAddress.FromBytes(random.Address()),
                Value = random.Unsigned(256),
                Data = random.Data(),
            };
            using var key = EthereumKey.FromPrivateKey(keyBytes);
            var signed = tx.Sign(key);

            var theirs = new NethereumLegacy(tx.To!.Value.ToLowerHexString(), tx.Value, tx.Nonce, tx.GasPrice, tx.GasLimit, Hex.Encode(tx.Data), tx.ChainId);
            var theirRaw = NethereumSigning.With(keyBytes, () => new LegacyTransactionSigner().SignTransaction(keyBytes, theirs));

            SameTransaction(random, tx.EncodeUnsigned(), signed, theirs.GetRLPEncodedRaw(), theirRaw);
        });

    [Fact]
    public void Transactions_Nethereum_signs_decode_to_the_same_fields_and_sender() =>
        Run("decode", PerPrimitive / 10, random =>
        {
            var keyBytes = random.PrivateKey();
            var chainId = random.Pick(PaymentChains);
            var to = Hex.Encode(random.Address());
            var value = random.Unsigned(256);
            var nonce = random.UInt64();
            var data = Hex.Encode(random.Data());
            var maxFee = random.Unsigned(64);
            var gasPrice = random.Unsigned(64);
            var typed = random.Chance(50);
            var raw = NethereumSigning.With(keyBytes, () => typed
                ? new Transaction1559Signer().SignTransaction(keyBytes, new Transaction1559(chainId, nonce, 0, maxFee, 100_000, to, value, data, new List<AccessListItem>()))
                : new LegacyTransactionSigner().SignTransaction(keyBytes, new NethereumLegacy(to, value, nonce, gasPrice, 21_000, data, chainId)));

            var decoded = TransactionDecoder.Decode(NormalHex(raw));
            Same("sender", decoded.From.ToChecksumString(), new TransactionVerificationAndRecoveryImp().GetSenderAddress(raw));
            Same("chain", decoded.ChainId?.ToString() ?? "none", chainId.ToString());
            Same("value", decoded.Value.ToString(), value.ToString());
            Same("to", decoded.To?.ToLowerHexString() ?? "", to);
            Same("hash", decoded.Hash, Hex.Encode(Sha3Keccack.Current.CalculateHash(Hex.Decode(raw))));
        });

    /// <summary>The unsigned preimage, the signed bytes and the hash are Nethereum's; now and then Nethereum recovers our signer.</summary>
    private static void SameTransaction(CaseRandom random, byte[] oursUnsigned, CreateOs.Core.Chain.SignedTransaction ours, byte[] theirUnsigned, string theirRaw)
    {
        Same("unsigned preimage", oursUnsigned, theirUnsigned);
        Same("signed raw", ours.RawHex, NormalHex(theirRaw));
        Same("tx hash", ours.Hash, Hex.Encode(Sha3Keccack.Current.CalculateHash(Hex.Decode(theirRaw))));
        if (random.Chance(RecoveryPercent))
            Same("sender Nethereum recovers", ours.From.ToChecksumString(), new TransactionVerificationAndRecoveryImp().GetSenderAddress(ours.RawHex));
    }

    private static IReadOnlyList<AccessListEntry> RandomAccessList(CaseRandom random) =>
        Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => new AccessListEntry(EthereumAddress.FromBytes(random.Address()), Enumerable.Range(0, random.Next(4)).Select(_ => random.Bytes(32)).ToList()))
            .ToList();
}
