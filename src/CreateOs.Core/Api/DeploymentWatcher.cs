using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
    /// lines (by lineNumber, asking only for what is new with <c>skip</c>) every interval, up to a deadline.
    /// </summary>
    public sealed class DeploymentWatcher
    {
        public const int LastLinesInFailure = 15;
        private readonly CreateOsClient _client;

        public DeploymentWatcher(CreateOsClient client) => _client = client;

        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
        /// <summary>The CLI's limit; the build itself times out at 15 minutes.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(20);

        /// <summary>Returns the deployment once it succeeded; throws <see cref="FailedDeploymentException"/> when it failed.</summary>
        public async Task<Deployment> WaitAsync(string projectId, string deploymentId, IDeploymentObserver observer, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            var lastLines = new Queue<string>();
            var nextLine = 0;
            var seen = new HashSet<int>();
            while (true)
            {
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
                observer.OnStatus(deployment, clock.Elapsed);
                if (DeploymentStates.IsSucceeded(deployment.Status)) return deployment;
                if (DeploymentStates.IsFailed(deployment.Status)) throw new FailedDeploymentException(deployment, lastLines.ToList());
                if (clock.Elapsed > Timeout)
                    throw new TimeoutException($"Deployment {deploymentId} is still '{deployment.Status}' after {Timeout.TotalMinutes:0} minutes; follow it with Get-CreateOsDeploymentLog -DeploymentId {deploymentId} -Build -Follow.");
                await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            }
        }
    }
}
