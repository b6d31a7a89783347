using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Gateway;
using CreateOs.Core.Http;
using CreateOs.Core.Models;

namespace CreateOs.Core.Api
{
    /// <summary>What a watch reports while a deployment builds.</summary>
    public interface IDeploymentObserver
    {
        void OnStatus(Deployment deployment, TimeSpan elapsed);
        void OnLogLine(BuildLogLine line);
    }

    /// <summary>
    /// Follows a deployment until it is done or failed (reference §7 "Polling"): polls its status and the new build-log
    /// lines (by lineNumber, asking only for what is new with <c>skip</c>), up to a deadline. Without a fixed
    /// <see cref="PollInterval"/> it spends a budget of <see cref="RequestsPerMinute"/> the way the gateway watcher does
    /// (<see cref="PollSchedule"/>): a quarter second apart at first, growing over the first minute, then every 1.5 s.
    /// The REST API documents no request-rate limit; the budget stays under the 100 a minute an unverified source names.
    /// </summary>
    public sealed class DeploymentWatcher
    {
        public const int LastLinesInFailure = 15;
        /// <summary>Requests a watch may send per minute: two per poll (status and new log lines).</summary>
        public const int RequestsPerMinute = 80;
        private const int RequestsPerPoll = 2;
        private readonly CreateOsClient _client;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<DateTimeOffset> _clock;

        public DeploymentWatcher(CreateOsClient client, Func<TimeSpan, CancellationToken, Task>? delay = null, Func<DateTimeOffset>? clock = null)
        {
            _client = client;
            _delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>A fixed interval between polls instead of the budgeted schedule (tests, or a user who wants fewer requests).</summary>
        public TimeSpan? PollInterval { get; set; }
        public PollSchedule Schedule { get; set; } = PollSchedule.ForBudget(RequestsPerMinute, TimeSpan.FromMinutes(1), RequestsPerPoll);
        /// <summary>The CLI's limit; the build itself times out at 15 minutes.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(20);

        /// <summary>Returns the deployment once it succeeded; throws <see cref="FailedDeploymentException"/> when it failed.</summary>
        public async Task<Deployment> WaitAsync(string projectId, string deploymentId, IDeploymentObserver observer, CancellationToken ct)
        {
            var start = _clock();
            var budget = new RequestBudget(RequestsPerMinute, TimeSpan.FromMinutes(1), _clock, _delay);
            var lastLines = new Queue<string>();
            var nextLine = 0;
            var seen = new HashSet<int>();
            while (true)
            {
                if (PollInterval is null)
                    for (var i = 0; i < RequestsPerPoll; i++) await budget.AcquireAsync(ct).ConfigureAwait(false);
                var deployment = await _client.Deployments.GetAsync(projectId, deploymentId, ct).ConfigureAwait(false);
                // Logs after the status: a final status then always comes with every line written before it.
                var lines = await _client.Deployments.GetBuildLogsAsync(projectId, deploymentId, nextLine, ct).ConfigureAwait(false);
                foreach (var line in lines.OrderBy(l => l.LineNumber))
                {
                    nextLine++;
                    if (line.LineNumber > 0 && !seen.Add(line.LineNumber)) continue;
                    observer.OnLogLine(line);
                    lastLines.Enqueue(line.Log);
                    if (lastLines.Count > LastLinesInFailure) lastLines.Dequeue();
                }
                var elapsed = _clock() - start;
                observer.OnStatus(deployment, elapsed);
                if (DeploymentStates.IsSucceeded(deployment.Status)) return deployment;
                if (DeploymentStates.IsFailed(deployment.Status)) throw new FailedDeploymentException(deployment, lastLines.ToList());
                if (elapsed > Timeout)
                    throw new TimeoutException($"Deployment {deploymentId} is still '{deployment.Status}' after {Timeout.TotalMinutes:0} minutes; follow it with Get-CreateOsDeploymentLog -DeploymentId {deploymentId} -Build -Follow.");
                var interval = PollInterval ?? Schedule.NextInterval(elapsed, budget.Available / RequestsPerPoll);
                var remaining = Timeout - elapsed;
                await _delay(interval < remaining ? interval : remaining, ct).ConfigureAwait(false);
            }
        }
    }
}
