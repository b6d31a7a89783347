using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Api;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// The base of cmdlets that change many items (environments, domains) concurrently. ProcessRecord validates each
    /// input, asks ShouldProcess and queues it with <see cref="Enqueue"/>; EndProcessing runs the queue with at most
    /// -ThrottleLimit requests in flight (that many worker loops share the queue). Workers never write: each result is handed to the pipeline
    /// thread, and results are written in INPUT order (an item's output waits until every earlier item finished), so a
    /// script sees the same order as with -ThrottleLimit 1. A failed item becomes one ErrorRecord and the others go on;
    /// 429/503 with Retry-After are retried by the core's retry policy. Progress shows "n of total" and is completed
    /// at the end.
    /// </summary>
    public abstract class BulkCreateOsCmdlet<TItem> : CreateOsCmdlet
        where TItem : class
    {
        public const int DefaultThrottleLimit = 5;
        private readonly List<TItem> _queued = new List<TItem>();
        private ErrorRecord? _stopWith;

        /// <summary>How many requests run at once; 1 runs them one after another.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <summary>The activity shown in the progress bar, e.g. "Setting environment variables".</summary>
        protected abstract string BulkActivity { get; }

        /// <summary>The item as the TargetObject of its ErrorRecord.</summary>
        protected abstract object? TargetOf(TItem item);

        /// <summary>Runs one item on a worker thread; returns what to write for it, or null for nothing.</summary>
        protected abstract Task<object?> ExecuteAsync(CreateOsClient api, TItem item, CancellationToken ct);

        protected void Enqueue(TItem item) => _queued.Add(item);

        /// <summary>
        /// Runs on a worker before the items, e.g. to read shared state once for many items. Its failures should be left
        /// for the items to report.
        /// </summary>
        protected virtual Task BeforeBatchAsync(CreateOsClient api, IReadOnlyList<TItem> items, CancellationToken ct) => Task.CompletedTask;

        protected override void EndProcessing()
        {
            if (_queued.Count == 0) return;
            var items = _queued.ToArray();
            _queued.Clear();
            RunBatch(Api, items);
            if (_stopWith != null) ThrowTerminatingError(_stopWith);
        }

        private void RunBatch(CreateOsClient api, TItem[] items)
        {
            var total = items.Length;
            var outcomes = new Outcome[total];
            var finished = new bool[total];
            var gate = new object();
            var completed = 0;
            var nextToWrite = 0;
            var lastPercent = -1;
            var activityId = Math.Abs(GetType().FullName!.GetHashCode() % 100000) + 1;

            try
            {
                Await(async ct =>
                {
                    using var batch = CancellationTokenSource.CreateLinkedTokenSource(ct);

                    void Finish(int index, Outcome outcome)
                    {
                        lock (gate)
                        {
                            outcomes[index] = outcome;
                            finished[index] = true;
                            completed++;
                            if (outcome.Error != null && ErrorMapper.IsTerminating(outcome.Error)) batch.Cancel();
                            // Under the lock, so the pipeline thread receives results in input order.
                            while (nextToWrite < total && finished[nextToWrite])
                            {
                                var item = items[nextToWrite];
                                var result = outcomes[nextToWrite];
                                OnPipelineThread(() => WriteOutcome(item, result));
                                nextToWrite++;
                            }
                            // At most one progress update per percent: hosts render progress slowly.
                            var done = completed;
                            var percent = (int)(100L * done / total);
                            if (percent != lastPercent || done == total)
                            {
                                lastPercent = percent;
                                OnPipelineThread(() => WriteProgress(new ProgressRecord(activityId, BulkActivity, $"{done} of {total}") { PercentComplete = percent }));
                            }
                        }
                    }

                    await BeforeBatchAsync(api, items, batch.Token).ConfigureAwait(false);

                    // -ThrottleLimit workers each take the next item as soon as their previous one finished: no request
                    // waits for a scheduler hop between two items, and never more than -ThrottleLimit are in flight.
                    var next = -1;
                    async Task Worker()
                    {
                        int index;
                        while ((index = Interlocked.Increment(ref next)) < total)
                        {
                            Outcome outcome;
                            if (batch.IsCancellationRequested)
                            {
                                outcome = Outcome.Skipped;
                            }
                            else
                            {
                                try
                                {
                                    outcome = new Outcome(await ExecuteAsync(api, items[index], batch.Token).ConfigureAwait(false), null);
                                }
                                catch (OperationCanceledException) when (batch.IsCancellationRequested)
                                {
                                    outcome = Outcome.Skipped;
                                }
                                catch (Exception ex)
                                {
                                    outcome = new Outcome(null, ex);
                                }
                            }
                            Finish(index, outcome);
                        }
                    }

                    await Task.WhenAll(Enumerable.Range(0, Math.Min(ThrottleLimit, total)).Select(_ => Task.Run(Worker))).ConfigureAwait(false);
                    ct.ThrowIfCancellationRequested();
                });
            }
            finally
            {
                // Completed whatever happened (a failure or Ctrl+C must not leave the bar open).
                try { WriteProgress(new ProgressRecord(activityId, BulkActivity, $"{completed} of {total}") { RecordType = ProgressRecordType.Completed }); }
                catch (PipelineStoppedException) { }
            }
        }

        private void WriteOutcome(TItem item, Outcome outcome)
        {
            if (outcome.IsSkipped || _stopWith != null) return;
            if (outcome.Error is null)
            {
                if (outcome.Result != null) WriteObject(outcome.Result);
                return;
            }
            var record = ErrorMapper.ToErrorRecord(outcome.Error, ErrorNoun, TargetOf(item), MyInvocation.MyCommand);
            if (ErrorMapper.IsTerminating(outcome.Error)) _stopWith = record;
            else WriteError(record);
        }

        private sealed class Outcome
        {
            public static readonly Outcome Skipped = new Outcome(null, null) { IsSkipped = true };

            public Outcome(object? result, Exception? error)
            {
                Result = result;
                Error = error;
            }

            public object? Result { get; }
            public Exception? Error { get; }
            public bool IsSkipped { get; private set; }
        }
    }
}
