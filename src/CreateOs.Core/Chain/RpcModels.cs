using System;
using System.Collections.Generic;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>A log entry from a transaction receipt.</summary>
    public sealed class TransactionLog
    {
        public EthereumAddress Address { get; internal set; }
        /// <summary>0x-hex 32-byte topics, lowercase.</summary>
        public IReadOnlyList<string> Topics { get; internal set; } = Array.Empty<string>();
        public byte[] Data { get; internal set; } = Array.Empty<byte>();
        public ulong? LogIndex { get; internal set; }
    }

    /// <summary>eth_getTransactionReceipt result.</summary>
    public sealed class TransactionReceipt
    {
        public string TransactionHash { get; internal set; } = "";
        /// <summary>1 = success, 0 = reverted (a receipt with neither is refused when read).</summary>
        public int? Status { get; internal set; }
        public bool Succeeded => Status == 1;
        public ulong BlockNumber { get; internal set; }
        public string? BlockHash { get; internal set; }
        public EthereumAddress From { get; internal set; }
        public EthereumAddress? To { get; internal set; }
        public EthereumAddress? ContractAddress { get; internal set; }
        public BigInteger GasUsed { get; internal set; }
        public BigInteger? EffectiveGasPrice { get; internal set; }
        public IReadOnlyList<TransactionLog> Logs { get; internal set; } = Array.Empty<TransactionLog>();
    }

    /// <summary>eth_getTransactionByHash result.</summary>
    public sealed class RpcTransaction
    {
        public string Hash { get; internal set; } = "";
        public ulong Nonce { get; internal set; }
        public EthereumAddress From { get; internal set; }
        public EthereumAddress? To { get; internal set; }
        public BigInteger Value { get; internal set; }
        public byte[] Input { get; internal set; } = Array.Empty<byte>();
        /// <summary>Null while pending.</summary>
        public ulong? BlockNumber { get; internal set; }
    }

    /// <summary>The parts of eth_getBlockByNumber this module uses.</summary>
    public sealed class RpcBlock
    {
        public ulong Number { get; internal set; }
        public string Hash { get; internal set; } = "";
        public ulong Timestamp { get; internal set; }
        /// <summary>Null before London / on chains without EIP-1559.</summary>
        public BigInteger? BaseFeePerGas { get; internal set; }
    }

    /// <summary>An eth_call / eth_estimateGas request.</summary>
    public sealed class CallRequest
    {
        public EthereumAddress? From { get; set; }
        public EthereumAddress? To { get; set; }
        public byte[] Data { get; set; } = Array.Empty<byte>();
        public BigInteger? Value { get; set; }
    }

    public enum BroadcastStatus
    {
        /// <summary>The node accepted the transaction.</summary>
        Accepted,
        /// <summary>The node already had it ("already known"): not a failure.</summary>
        AlreadyKnown,
        /// <summary>"nonce too low": a transaction with this nonce was already mined, maybe this one; look it up by hash.</summary>
        NonceTooLow,
    }

    public sealed class BroadcastResult
    {
        public BroadcastResult(string transactionHash, BroadcastStatus status, string? nodeMessage = null)
        {
            TransactionHash = transactionHash; Status = status; NodeMessage = nodeMessage;
        }

        /// <summary>keccak256(raw), always computed locally.</summary>
        public string TransactionHash { get; }
        public BroadcastStatus Status { get; }
        public string? NodeMessage { get; }
    }
}
