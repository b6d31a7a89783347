using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// Polls a gateway deployment until it is ready or failed, spending the session's request budget where readiness is
    /// likely (<see cref="PollSchedule"/>): every quarter second at first, growing through the budget's first window,
    /// then the pace the budget sustains (about every 2.2 s), so "ready" is noticed about a second after it happens
    /// without the wallet ever going over the gateway's 30 requests a minute.
    /// </summary>
    public sealed class DeploymentWatcher
    {
        private readonly MppGatewayClient _gateway;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Func<DateTimeOffset> _clock;
        private readonly RequestBudget _budget;
        // Counts this watcher's polls when the client has no budget of its own that already counts them.
        private readonly bool _ownBudget;

        public DeploymentWatcher(MppGatewayClient gateway, Func<TimeSpan, CancellationToken, Task>? delay = null, Func<DateTimeOffset>? clock = null)
        {
            _gateway = gateway;
            _delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _ownBudget = gateway.Budget is null;
            _budget = gateway.Budget ?? new RequestBudget(clock: _clock, delay: _delay);
            Schedule = PollSchedule.ForBudget(_budget.MaxRequests, _budget.Window);
        }

        public PollSchedule Schedule { get; set; }

        public async Task<MppDeploymentStatus> WaitAsync(string projectId, string deploymentId, TimeSpan timeout, Action<MppDeploymentStatus>? onStatus, CancellationToken ct)
        {
            var start = _clock();
            var deadline = start + timeout;
            while (true)
            {
                if (_ownBudget) await _budget.AcquireAsync(ct).ConfigureAwait(false);
                var status = await _gateway.GetStatusAsync(projectId, deploymentId, ct).ConfigureAwait(false);
                onStatus?.Invoke(status);
                if (status.IsFinal) return status;
                if (_clock() >= deadline)
                    throw new TimeoutException($"Deployment {deploymentId} is still {status} after {timeout.TotalMinutes:0.#} min. It may still finish: check it with Get-MppDeploymentStatus -ProjectId {projectId} -DeploymentId {deploymentId}.");
                await PauseAsync(start, deadline, ct).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Follows a project through /agent/projects when its deployment id is unknown (the gateway's 200 was lost and
        /// the deploy was found by reconciling): ready once it has a URL, failed on "failed".
        /// </summary>
        public async Task<MppDeploymentStatus> WaitForProjectAsync(string projectId, TimeSpan timeout, Action<MppDeploymentStatus>? onStatus, CancellationToken ct)
        {
            var start = _clock();
            var deadline = start + timeout;
            while (true)
            {
                if (_ownBudget) await _budget.AcquireAsync(ct).ConfigureAwait(false);
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
                if (_clock() >= deadline)
                    throw new TimeoutException($"Project {projectId} is still {status} after {timeout.TotalMinutes:0.#} min; check it with Get-MppProject.");
                await PauseAsync(start, deadline, ct).ConfigureAwait(false);
            }
        }

        /// <summary>Waits as long as the schedule says for the tokens left, never past the deadline.</summary>
        private Task PauseAsync(DateTimeOffset start, DateTimeOffset deadline, CancellationToken ct)
        {
            var now = _clock();
            var interval = Schedule.NextInterval(now - start, _budget.Available);
            var remaining = deadline - now;
            return _delay(interval < remaining ? interval : remaining, ct);
        }
    }
}
