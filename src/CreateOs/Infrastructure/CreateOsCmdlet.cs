using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core;
using CreateOs.Core.Api;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Packaging;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// The base of every CreateOs cmdlet: resolves the session (-Session or the runspace's default), cancels in-flight
    /// work on Ctrl+C, runs async core calls while keeping every Write* on the pipeline thread, and maps failures to
    /// ErrorRecords.
    /// </summary>
    public abstract class CreateOsCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<Action> _pipelineWork = new ConcurrentQueue<Action>();
        private CreateOsSession? _session;

        /// <summary>The session to use instead of the runspace's default (see Connect-CreateOs -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public CreateOsSession? Session { get; set; }

        /// <summary>The noun in this cmdlet's error ids (CreateOs.&lt;Noun&gt;NotFound).</summary>
        protected abstract string ErrorNoun { get; }

        /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing); hides Cmdlet.Stopping, a bool, on purpose.</summary>
        protected new CancellationToken Stopping => _stopping.Token;

        protected CreateOsSession ActiveSession => _session ??= Session ?? SessionStore.GetOrCreate(this);

        /// <summary>
        /// What Format-List shows without -Property for output types that have a table view but no list view (a
        /// PSStandardMembers.DefaultDisplayPropertySet, carried by each object rather than by a types file, which would
        /// cost every Import-Module about as much as loading the module itself). Built on first use, not by the first
        /// command of every session.
        /// </summary>
        private static PSMemberSet? DisplaySetFor(object item) => item switch
        {
            Project _ => _projectDisplaySet ??= DisplaySet("UniqueName", "DisplayName", "Id", "Type", "Status", "Description", "AppId", "Settings", "EnabledSecurityScan", "CreatedAt", "UpdatedAt"),
            WalletBalance _ => _walletBalanceDisplaySet ??= DisplaySet("Address", "Chain", "ChainId", "Symbol", "Balance", "NativeBalance", "Contract", "IsUnofficial", "Source"),
            _ => null,
        };

        private static PSMemberSet? _projectDisplaySet, _walletBalanceDisplaySet;

        private static PSMemberSet DisplaySet(params string[] properties) =>
            new PSMemberSet("PSStandardMembers", new PSMemberInfo[] { new PSPropertySet("DefaultDisplayPropertySet", properties) });

        /// <summary>Writes <paramref name="sendToPipeline"/>, with its default display set when its type has one.</summary>
        protected new void WriteObject(object? sendToPipeline)
        {
            if (sendToPipeline != null && DisplaySetFor(sendToPipeline) is { } set)
            {
                var wrapped = new PSObject(sendToPipeline);
                wrapped.Members.Add(set.Copy());
                sendToPipeline = wrapped;
            }
            base.WriteObject(sendToPipeline);
        }

        /// <summary>As <see cref="Cmdlet.WriteObject(object, bool)"/>, each item with its default display set.</summary>
        protected new void WriteObject(object? sendToPipeline, bool enumerateCollection)
        {
            if (!enumerateCollection || !(sendToPipeline is System.Collections.IEnumerable items) || sendToPipeline is string || sendToPipeline is System.Collections.IDictionary)
            {
                WriteObject(sendToPipeline);
                return;
            }
            foreach (var item in items) WriteObject(item);
        }

        /// <summary>
        /// The REST client; stops the command with a clear error when the session has no API key. A runspace's default
        /// session that was never connected connects itself from $env:CREATEOS_API_KEY when that is set (for CI, like
        /// gh's GH_TOKEN); a session passed with -Session never does.
        /// </summary>
        protected CreateOsClient Api
        {
            get
            {
                var session = ActiveSession;
                if (!session.IsConnected && Session is null && ApiKeyFromEnvironment() is { } key)
                {
                    using (key) session.Connect(key);
                    WriteVerbose($"Connected to {session.ApiUri} with the API key in ${ApiKeyVariable}.");
                }
                try
                {
                    return session.GetApiClient();
                }
                catch (NotConnectedException ex)
                {
                    ThrowTerminatingError(ErrorMapper.ToErrorRecord(ex, "Session", null));
                    throw; // unreachable: ThrowTerminatingError always throws
                }
            }
        }

        /// <summary>The environment variable automation sets instead of calling Connect-CreateOs -ApiKey.</summary>
        public const string ApiKeyVariable = "env:CREATEOS_API_KEY";

        /// <summary>$env:CREATEOS_API_KEY as a read-only SecureString, or null when it is unset or empty.</summary>
        internal static System.Security.SecureString? ApiKeyFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(ApiKeyVariable.Substring("env:".Length));
            if (string.IsNullOrWhiteSpace(text)) return null;
            var key = new System.Security.SecureString();
            foreach (var c in text!.Trim()) key.AppendChar(c);
            key.MakeReadOnly();
            return key;
        }

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose()
        {
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Runs core work to completion on a worker, draining verbose/debug/progress output onto the pipeline thread
        /// meanwhile. Ctrl+C cancels the work and stops the pipeline.
        /// </summary>
        protected T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            Task<T> task;
            using (ApiDiagnostics.Listen(Report))
            {
                task = Task.Run(() => work(_stopping.Token));
            }
            var finished = ((IAsyncResult)task).AsyncWaitHandle;
            while (!finished.WaitOne(50))
            {
                DrainPipelineWork();
            }
            DrainPipelineWork();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void Await(Func<CancellationToken, Task> work) => Await<bool>(async ct => { await work(ct).ConfigureAwait(false); return true; });

        /// <summary>Queues output from a worker thread; it is written on the pipeline thread.</summary>
        protected void OnPipelineThread(Action action) => _pipelineWork.Enqueue(action);

        /// <summary>
        /// Runs one item's work and turns its failure into an ErrorRecord with <paramref name="target"/>: non-terminating
        /// unless the failure concerns the whole session (not connected, bad API key).
        /// </summary>
        protected bool TryInvoke(object? target, Action action)
        {
            try
            {
                action();
                return true;
            }
            catch (PipelineStoppedException)
            {
                throw;
            }
            catch (Exception ex)
            {
                var record = ErrorMapper.ToErrorRecord(ex, ErrorNoun, target, MyInvocation.MyCommand);
                if (ErrorMapper.IsTerminating(ex)) ThrowTerminatingError(record);
                WriteError(record);
                return false;
            }
        }

        /// <summary>
        /// Streams a paginated list onto the pipeline page by page, honouring -First/-Skip/-IncludeTotalCount and -All.
        /// Without -All or -First one page is written, and a warning says how many more there are.
        /// </summary>
        protected void WritePaged<T>(bool all, string pluralNoun, Func<int, int, CancellationToken, Task<Page<T>>> fetchPage, Func<T, bool>? filter = null)
        {
            var paging = PagingParameters;
            var firstGiven = paging.First != ulong.MaxValue;
            long? first = firstGiven ? (long)Math.Min(paging.First, long.MaxValue) : all ? (long?)null : CreateOsClient.MaxPageSize;
            var skip = (long)Math.Min(paging.Skip, int.MaxValue);
            var written = 0L;
            var matched = 0L;

            // With a client-side filter the server cannot page for us: walk everything, then skip/take the matches.
            var total = Await(ct => CreateOsClient.WalkPagesAsync(fetchPage, filter is null ? skip : 0, filter is null ? first : null, items =>
            {
                foreach (var item in items)
                {
                    if (filter != null)
                    {
                        if (!filter(item)) continue;
                        matched++;
                        if (matched <= skip || (first.HasValue && written >= first.Value)) continue;
                    }
                    written++;
                    var value = item;
                    _pipelineWork.Enqueue(() => WriteObject(value));
                }
            }, ct, warning => _pipelineWork.Enqueue(() => WriteWarning(warning))));

            if (paging.IncludeTotalCount)
                WriteObject(paging.NewTotalCount((ulong)(total ?? written + skip), total.HasValue ? 1.0 : 0.5));
            if (!all && !firstGiven && filter is null && total.HasValue && skip + written < total.Value)
                WriteWarning($"Showing {written} of {total.Value} {pluralNoun}. Use -All to list them all, or -First and -Skip to page.");
        }

        /// <summary>
        /// The Save-* pattern for signed download links: see the other overload; writes a SavedFile.
        /// </summary>
        protected void SaveDownload(string path, string defaultFileName, bool force, string action, string projectId, string deploymentId,
            Func<CreateOsClient, CancellationToken, Task<string>> downloadUri) =>
            SaveDownload(path, defaultFileName, force, action, deploymentId,
                async (api, file, progress, ct) => await CreateOsClient.DownloadToFileAsync(await downloadUri(api, ct).ConfigureAwait(false), file, ActiveSession.Timeout, progress, ct).ConfigureAwait(false),
                (file, length) => new SavedFile { Path = file, Bytes = length, ProjectId = projectId, DeploymentId = deploymentId });

        /// <summary>
        /// The Save-* pattern: resolve the target file (a folder gets <paramref name="defaultFileName"/>), refuse to
        /// overwrite without -Force, ask ShouldProcess, stream the download to disk with a progress bar in bytes (closed
        /// whatever happens), and write what <paramref name="result"/> makes of the file. Everything fails per item with
        /// <paramref name="target"/> as the target.
        /// </summary>
        protected void SaveDownload(string path, string defaultFileName, bool force, string action, object target,
            Func<CreateOsClient, string, IProgress<TransferProgress>, CancellationToken, Task<long>> download, Func<string, long, object> result)
        {
            var file = SaveTarget.Resolve(this, path, defaultFileName);
            if (!TryInvoke(target, () => SaveTarget.RequireWritable(file, force))) return;
            if (!ShouldProcess(file, action)) return;
            var api = Api;
            var bar = new ProgressRecord(Math.Abs(GetType().FullName!.GetHashCode() % 100000) + 1, action, "Starting");
            try
            {
                TryInvoke(target, () =>
                {
                    var length = Await(ct => download(api, file, new ByteProgressReporter(this, bar), ct));
                    WriteVerbose($"Saved {length} bytes to {file}.");
                    WriteObject(result(file, length));
                });
            }
            finally
            {
                CompleteProgress(bar);
            }
        }

        /// <summary>
        /// Writes a text log as lines; with <paramref name="follow"/>, re-polls every <paramref name="interval"/> and writes
        /// only the lines not written yet, until Ctrl+C. The API has no streaming endpoint, only "the last N seconds".
        /// </summary>
        protected void WriteTextLog(object target, int sinceSeconds, bool follow, TimeSpan interval, Func<int, CancellationToken, Task<string>> fetch) =>
            TryInvoke(target, () => Await(async ct =>
            {
                var since = sinceSeconds;
                var written = new System.Collections.Generic.List<string>();
                while (true)
                {
                    var fresh = LogLines.NewLines(written, LogLines.Split(await fetch(since, ct).ConfigureAwait(false)));
                    foreach (var line in fresh) OnPipelineThread(() => WriteObject(line));
                    if (!follow) return;
                    written.AddRange(fresh);
                    if (written.Count > 1000) written.RemoveRange(0, written.Count - 1000);
                    // Ask for a little more than the interval so no line falls between two polls.
                    since = (int)Math.Ceiling(interval.TotalSeconds) + 5;
                    await Task.Delay(interval, ct).ConfigureAwait(false);
                }
            }));

        /// <summary>Warnings often quote a server (a quote's warning, a deployment's reason): written without control characters.</summary>
        public new void WriteWarning(string text) => base.WriteWarning(ServerText.Clean(text));

        /// <summary>As <see cref="WriteWarning"/>, for verbose lines.</summary>
        public new void WriteVerbose(string text) => base.WriteVerbose(ServerText.Clean(text));

        /// <summary>As <see cref="WriteWarning"/>, for debug lines.</summary>
        public new void WriteDebug(string text) => base.WriteDebug(ServerText.Clean(text));

        protected void WriteFailure(Exception exception, object? target) => WriteError(ErrorMapper.ToErrorRecord(exception, ErrorNoun, target, MyInvocation.MyCommand));

        private void Report(DiagnosticLevel level, string message)
        {
            switch (level)
            {
                case DiagnosticLevel.Verbose: _pipelineWork.Enqueue(() => WriteVerbose(message)); break;
                case DiagnosticLevel.Debug: _pipelineWork.Enqueue(() => WriteDebug(message)); break;
                case DiagnosticLevel.Warning: _pipelineWork.Enqueue(() => WriteWarning(message)); break;
            }
        }

        private void DrainPipelineWork()
        {
            while (_pipelineWork.TryDequeue(out var action)) action();
        }

        /// <summary>"CreateOs.&lt;Noun&gt;NotFound" (ObjectNotFound) for <paramref name="target"/>, with what to do about it.</summary>
        protected ErrorRecord NotFoundError(string target, string message, string? recommendedAction = null) =>
            new ErrorRecord(new ItemNotFoundException(message), $"CreateOs.{ErrorNoun}NotFound", ErrorCategory.ObjectNotFound, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };

        /// <summary>
        /// Writes the items whose id is one of <paramref name="ids"/> (case-insensitive), in the order asked, and a
        /// NotFound error for each id that has none.
        /// </summary>
        protected void WriteEachById<T>(IEnumerable<T> items, IEnumerable<string> ids, Func<T, string> idOf, Func<string, string> notFoundMessage, string recommendedAction)
        {
            var list = items.ToList();
            foreach (var id in ids)
            {
                var found = list.FirstOrDefault(item => string.Equals(idOf(item), id, StringComparison.OrdinalIgnoreCase));
                if (found != null) WriteObject(found);
                else WriteError(NotFoundError(id, notFoundMessage(id), recommendedAction));
            }
        }

        /// <summary>Closes a progress bar; call it in a finally on the pipeline thread, so failures and Ctrl+C close it too.</summary>
        protected void CompleteProgress(ProgressRecord record)
        {
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }

        /// <summary>
        /// A progress bar counting bytes (files packed, request body sent), fed from worker threads and written on the
        /// pipeline thread as the given progress record's activity; close it with <see cref="CompleteProgress"/>. Each
        /// report is a new record, so hosts that keep the records see every step.
        /// </summary>
        protected class ByteProgressReporter : IProgress<PackProgress>, IProgress<TransferProgress>
        {
            private readonly CreateOsCmdlet _cmdlet;
            private readonly ProgressRecord _bar;

            public ByteProgressReporter(CreateOsCmdlet cmdlet, ProgressRecord bar)
            {
                _cmdlet = cmdlet;
                _bar = bar;
            }

            public void Report(PackProgress value) => Show(value.BytesDone, value.BytesTotal, value.CurrentPath);

            public void Report(TransferProgress value) => Show(value.BytesSent, value.BytesTotal, null);

            /// <summary>A negative total means the length is unknown (a download without Content-Length).</summary>
            private void Show(long done, long total, string? currentOperation)
            {
                var record = new ProgressRecord(_bar.ActivityId, _bar.Activity, total < 0 ? $"{done / 1024:N0} KiB" : $"{done / 1024:N0} of {total / 1024:N0} KiB")
                {
                    ParentActivityId = _bar.ParentActivityId,
                    CurrentOperation = currentOperation,
                    PercentComplete = total < 0 ? -1 : total == 0 ? 100 : (int)Math.Min(100, done * 100 / total),
                };
                _cmdlet.OnPipelineThread(() => _cmdlet.WriteProgress(record));
            }
        }
    }
}
