using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// Polls eth_getTransactionReceipt with backoff (0.5 s doubling to 5 s) until a receipt appears or the deadline passes.
    /// A deadline gives <see cref="ReceiptWaitStatus.Pending"/>, never a failure; transient RPC errors are retried.
    /// </summary>
    public sealed class ReceiptWaiter
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);
        internal static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(500);
        internal static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

        private readonly EthRpcClient _rpc;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public ReceiptWaiter(EthRpcClient rpc) : this(rpc, Task.Delay) { }

        internal ReceiptWaiter(EthRpcClient rpc, Func<TimeSpan, CancellationToken, Task> delay)
        {
            _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
            _delay = delay ?? throw new ArgumentNullException(nameof(delay));
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
            TimeSpan delay = InitialDelay;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit);
            var pending = new ReceiptWaitResult(transactionHash.ToLowerInvariant(), ReceiptWaitStatus.Pending, null);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    TransactionReceipt? receipt = await _rpc.GetTransactionReceiptAsync(transactionHash, deadline.Token).ConfigureAwait(false);
                    if (receipt != null)
                        return new ReceiptWaitResult(transactionHash.ToLowerInvariant(),
                            receipt.Succeeded ? ReceiptWaitStatus.Succeeded : ReceiptWaitStatus.Reverted, receipt);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return pending;
                }
                catch (EthRpcException) when (!cancellationToken.IsCancellationRequested)
                {
                    // unknown outcome; keep polling until the deadline
                }

                TimeSpan remaining = limit - clock.Elapsed;
                if (remaining <= TimeSpan.Zero) return pending;
                try
                {
                    await _delay(delay < remaining ? delay : remaining, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return pending;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }
}
