using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// Polls eth_getTransactionReceipt until a receipt appears or the deadline passes, at the chain's block time: every
    /// quarter block for the first <see cref="FirstBlocks"/> blocks (a transfer is normally in the next block, so its
    /// inclusion is seen an eighth of a block later on average), every half block up to <see cref="EagerBlocks"/> blocks,
    /// then backing off (doubling from one block time) to
    /// <see cref="MaxDelay"/>. The block time is the chain's pinned one (<see cref="ChainInfo.BlockTime"/>) unless the
    /// node's recent blocks show another pace (a local or test node), measured while the first poll is out.
    /// A deadline gives <see cref="ReceiptWaitStatus.Pending"/>, never a failure; transient RPC errors are retried.
    /// </summary>
    public sealed class ReceiptWaiter
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);
        /// <summary>Used when neither the chain nor its recent blocks tell the block time.</summary>
        internal static readonly TimeSpan DefaultBlockTime = TimeSpan.FromSeconds(1);
        internal static readonly TimeSpan MinDelay = TimeSpan.FromMilliseconds(50);
        internal static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
        internal const int FirstBlocks = 2;
        internal const int EagerBlocks = 20;
        /// <summary>Polls at a quarter and then at half a block before the backoff starts.</summary>
        internal const int FirstPolls = 4 * FirstBlocks;
        internal const int EagerPolls = FirstPolls + 2 * (EagerBlocks - FirstBlocks);
        /// <summary>How many blocks back the pace is measured over (timestamps have whole-second resolution).</summary>
        internal const int MeasuredBlocks = 40;

        private readonly EthRpcClient _rpc;
        private readonly ChainInfo? _chain;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public ReceiptWaiter(EthRpcClient rpc, ChainInfo? chain = null) : this(rpc, chain, Task.Delay) { }

        internal ReceiptWaiter(EthRpcClient rpc, ChainInfo? chain, Func<TimeSpan, CancellationToken, Task> delay)
        {
            _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
            _chain = chain;
            _delay = delay ?? throw new ArgumentNullException(nameof(delay));
        }

        /// <summary>The waits between polls for a chain making a block every <paramref name="blockTime"/>.</summary>
        internal static TimeSpan DelayBefore(int poll, TimeSpan blockTime)
        {
            TimeSpan delay;
            if (poll <= FirstPolls) delay = TimeSpan.FromTicks(blockTime.Ticks / 4);
            else if (poll <= EagerPolls) delay = TimeSpan.FromTicks(blockTime.Ticks / 2);
            else
            {
                var doublings = Math.Min(poll - EagerPolls - 1, 16);
                delay = TimeSpan.FromTicks((long)Math.Min(blockTime.Ticks * Math.Pow(2, doublings), MaxDelay.Ticks));
            }
            return delay < MinDelay ? MinDelay : delay > MaxDelay ? MaxDelay : delay;
        }

        /// <summary>
        /// The average block interval over the node's last <see cref="MeasuredBlocks"/> blocks, or null when there are too
        /// few or their timestamps do not move (an idle node that mines only on demand).
        /// </summary>
        internal static async Task<TimeSpan?> MeasureBlockTimeAsync(EthRpcClient rpc, CancellationToken ct)
        {
            var latest = await rpc.GetBlockByNumberAsync("latest", ct).ConfigureAwait(false);
            if (latest is null || latest.Number < 4) return null;
            var back = Math.Min((ulong)MeasuredBlocks, latest.Number - 1);
            var earlier = await rpc.GetBlockByNumberAsync("0x" + (latest.Number - back).ToString("x"), ct).ConfigureAwait(false);
            if (earlier is null || latest.Timestamp <= earlier.Timestamp) return null;
            return TimeSpan.FromSeconds((double)(latest.Timestamp - earlier.Timestamp) / back);
        }

        /// <summary>
        /// Polls until a receipt appears or <paramref name="timeout"/> passes. The deadline also interrupts a call the
        /// node never answers: it gives <see cref="ReceiptWaitStatus.Pending"/> on time, whatever the RPC timeout is.
        /// </summary>
        /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
        public async Task<ReceiptWaitResult> WaitAsync(string transactionHash, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            TimeSpan limit = timeout ?? DefaultTimeout;
            var clock = Stopwatch.StartNew();
            var blockTime = _chain?.BlockTime ?? DefaultBlockTime;
            var pending = new ReceiptWaitResult(transactionHash.ToLowerInvariant(), ReceiptWaitStatus.Pending, null);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit);
            using var measuring = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            Task<TimeSpan?>? measured = null;
            try
            {
                for (var poll = 1; ; poll++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        TransactionReceipt? receipt = await _rpc.GetTransactionReceiptAsync(transactionHash, deadline.Token).ConfigureAwait(false);
                        if (receipt != null)
                            return new ReceiptWaitResult(transactionHash.ToLowerInvariant(),
                                receipt.Succeeded ? ReceiptWaitStatus.Succeeded : ReceiptWaitStatus.Reverted, receipt);
                    }
                    catch (EthRpcException) when (!deadline.IsCancellationRequested)
                    {
                        // unknown outcome; keep polling until the deadline
                    }

                    // Not in yet: learn the node's pace while the next polls go out (the first receipt usually comes
                    // within a block, so a node that mines at once never pays for the measurement).
                    if (measured is null) measured = MeasureBlockTimeAsync(_rpc, measuring.Token);
                    else if (measured.IsCompleted)
                    {
                        if (measured.Status == TaskStatus.RanToCompletion && measured.Result is TimeSpan pace && pace >= MinDelay) blockTime = pace;
                        measured = Task.FromResult<TimeSpan?>(null);
                    }

                    TimeSpan remaining = limit - clock.Elapsed;
                    if (remaining <= TimeSpan.Zero) return pending;
                    var delay = DelayBefore(poll, blockTime);
                    await _delay(delay < remaining ? delay : remaining, deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return pending; // the deadline passed, possibly in the middle of a call the node never answered
            }
            finally
            {
                measuring.Cancel();
                if (measured != null) await measured.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false); // observe its fault
            }
        }
    }
}
