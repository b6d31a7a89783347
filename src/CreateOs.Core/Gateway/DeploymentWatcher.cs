using System;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// Polls a gateway deployment until it is ready or failed. The interval adapts to the phase: slow while queued or
    /// building (minutes), fast during the short rollout, so "ready" is noticed within about a second while the
    /// session's request budget keeps the total under the gateway's rate limit.
    /// </summary>
    public sealed class DeploymentWatcher
    {
        private readonly MppGatewayClient _gateway;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public DeploymentWatcher(MppGatewayClient gateway, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            _gateway = gateway;
            _delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
        }

        public TimeSpan BuildingInterval { get; set; } = TimeSpan.FromSeconds(4);
        public TimeSpan RolloutInterval { get; set; } = TimeSpan.FromSeconds(1);

        public async Task<MppDeploymentStatus> WaitAsync(string projectId, string deploymentId, TimeSpan timeout, Action<MppDeploymentStatus>? onStatus, CancellationToken ct)
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (true)
            {
                var status = await _gateway.GetStatusAsync(projectId, deploymentId, ct).ConfigureAwait(false);
                onStatus?.Invoke(status);
                if (status.IsFinal) return status;
                var now = DateTimeOffset.UtcNow;
                if (now >= deadline)
                    throw new TimeoutException($"Deployment {deploymentId} is still {status} after {timeout.TotalMinutes:0.#} min. It may still finish: check it with Get-MppDeploymentStatus -ProjectId {projectId} -DeploymentId {deploymentId}.");
                var interval = IntervalFor(status);
                var remaining = deadline - now;
                await _delay(interval < remaining ? interval : remaining, ct).ConfigureAwait(false);
            }
        }

        private TimeSpan IntervalFor(MppDeploymentStatus status)
        {
            switch ((status.DeploymentStatus ?? "").ToLowerInvariant())
            {
                case "queue":
                case "queued":
                case "building":
                case "pending":
                    return BuildingInterval;
                default:
                    return RolloutInterval; // deploying, promoting, or unknown: the end is near
            }
        }
    }
}
