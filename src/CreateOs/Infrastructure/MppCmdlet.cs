using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core;
using CreateOs.Core.Gateway;
using CreateOs.Core.Http;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>Base of the gateway cmdlets: the signed gateway client of the session, and following a deployment.</summary>
    public abstract class MppCmdlet : CreateOsCmdlet
    {
        private const int WaitProgressId = 41;

        protected MppGatewayClient Gateway => ActiveSession.GetGatewayClient();

        /// <summary>Stops the command with a clear error when no wallet is connected (signed routes need one).</summary>
        protected void RequireWallet()
        {
            if (!ActiveSession.HasWallet)
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(new WalletNotConnectedException(), "Wallet", null));
        }

        /// <summary>
        /// Polls the gateway until the deployment is ready or failed, showing the server status and the elapsed time as
        /// progress (always completed), within the session's request budget.
        /// </summary>
        protected MppDeploymentStatus FollowDeployment(MppGatewayClient gateway, string projectId, string? deploymentId, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            var progress = new ProgressRecord(WaitProgressId, $"Deploying {projectId}", "waiting for the gateway");
            try
            {
                var watcher = new DeploymentWatcher(gateway);
                void Show(MppDeploymentStatus status)
                {
                    var text = $"{status} after {watch.Elapsed.TotalSeconds:0} s";
                    OnPipelineThread(() =>
                    {
                        progress.StatusDescription = text;
                        WriteProgress(progress);
                        WriteVerbose($"Deployment {deploymentId ?? projectId}: {text}");
                    });
                }
                return string.IsNullOrEmpty(deploymentId)
                    ? Await(ct => watcher.WaitForProjectAsync(projectId, timeout, Show, ct))
                    : Await(ct => watcher.WaitAsync(projectId, deploymentId!, timeout, Show, ct));
            }
            finally
            {
                CompleteProgress(progress);
            }
        }

        /// <summary>
        /// Follows <paramref name="result"/>'s deployment (<see cref="FollowDeployment"/>), writes where it ended into the
        /// result, and notes a live endpoint in the journal record of the payment that bought it.
        /// </summary>
        protected MppDeploymentStatus FollowInto(MppDeployResult result, MppGatewayClient gateway, PaymentJournal journal, TimeSpan timeout)
        {
            var status = FollowDeployment(gateway, result.ProjectId, result.DeploymentId, timeout);
            result.Status = status.Status;
            result.Endpoint = status.Endpoint;
            result.Reason = status.Reason;
            if (status.IsReady && result.PaymentId is { } paymentId) journal.RecordEndpoint(paymentId, status.Endpoint);
            return status;
        }

        /// <summary>"Ready" is the gateway's opinion: ask the endpoint once and warn when it does not answer.</summary>
        protected void ProbeEndpoint(string? endpoint, int? port)
        {
            if (EndpointIdentity.WebAddressOrNull(endpoint) is not string address) return;
            var uri = new Uri(address);
            var answered = Await(async ct =>
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(TimeSpan.FromSeconds(10));
                    using var response = await HttpTransport.Shared.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    return (int)response.StatusCode < 500;
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException)
                {
                    return false;
                }
            });
            if (!answered)
                WriteWarning($"The gateway reports the deployment ready, but {endpoint} does not answer yet. If it stays that way, check that the app listens on the port it was deployed with{(port.HasValue ? $" ({port})" : "")} and on 0.0.0.0.");
        }
    }
}
