using System;
using System.Linq;
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

        /// <summary>
        /// Follows a project through /agent/projects when its deployment id is unknown (the gateway's 200 was lost and
        /// the deploy was found by reconciling): ready once it has a URL, failed on "failed".
        /// </summary>
        public async Task<MppDeploymentStatus> WaitForProjectAsync(string projectId, TimeSpan timeout, Action<MppDeploymentStatus>? onStatus, CancellationToken ct)
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (true)
            {
                var project = (await _gateway.GetProjectsAsync(ct).ConfigureAwait(false)).FirstOrDefault(p => p.Id == projectId);
                var status = new MppDeploymentStatus
                {
                    ProjectId = projectId,
                    Status = project is null ? "unknown" : project.Url != null ? "ready" : string.Equals(project.Status, "failed", StringComparison.OrdinalIgnoreCase) ? "failed" : "deploying",
                    DeploymentStatus = project?.Status,
                    Endpoint = project?.Url,
                    Reason = project is null ? "the project is not listed at /agent/projects" : null,
                };
                onStatus?.Invoke(status);
                if (status.IsFinal) return status;
                if (DateTimeOffset.UtcNow >= deadline)
                    throw new TimeoutException($"Project {projectId} is still {status} after {timeout.TotalMinutes:0.#} min; check it with Get-MppProject.");
                await _delay(RolloutInterval + RolloutInterval, ct).ConfigureAwait(false);
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
