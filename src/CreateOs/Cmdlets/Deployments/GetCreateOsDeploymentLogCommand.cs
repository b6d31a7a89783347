using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Gets a deployment's build log (typed lines) or runtime log (text lines); -Follow keeps printing new lines.</para>
    /// <para type="description">There is no streaming endpoint: -Follow polls every 2 seconds and writes only lines not written yet. Following a build log ends when the deployment is done or failed; following a runtime log runs until Ctrl+C.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsDeploymentLog", DefaultParameterSetName = BuildSet)]
    [OutputType(typeof(BuildLogLine), ParameterSetName = new[] { BuildSet })]
    [OutputType(typeof(string), ParameterSetName = new[] { RuntimeSet })]
    public sealed class GetCreateOsDeploymentLogCommand : CreateOsCmdlet
    {
        private const string BuildSet = "Build";
        private const string RuntimeSet = "Runtime";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string DeploymentId { get; set; } = "";

        /// <summary>The build log (the default).</summary>
        [Parameter(ParameterSetName = BuildSet)]
        public SwitchParameter Build { get; set; }

        /// <summary>Lines of the build log to skip.</summary>
        [Parameter(ParameterSetName = BuildSet)]
        [ValidateRange(0, int.MaxValue)]
        public int SkipLine { get; set; }

        /// <summary>The runtime log of a deployed deployment.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RuntimeSet)]
        public SwitchParameter Runtime { get; set; }

        /// <summary>How far back the runtime log goes, in seconds.</summary>
        [Parameter(ParameterSetName = RuntimeSet)]
        [NumberRange(1, 7 * 24 * 3600)]
        public int SinceSeconds { get; set; } = 60;

        /// <summary>Keep polling and write new lines as they come.</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        [Parameter(DontShow = true)]
        [NumberRange(0.01, 60)]
        public double PollIntervalSeconds { get; set; } = 2;

        protected override string ErrorNoun => "DeploymentLog";

        protected override void ProcessRecord()
        {
            var api = Api;
            var interval = TimeSpan.FromSeconds(PollIntervalSeconds);
            if (ParameterSetName == BuildSet)
            {
                TryInvoke(DeploymentId, () => Await(async ct =>
                {
                    var next = SkipLine;
                    while (true)
                    {
                        // Status before lines: once a final status is seen, the next read of lines is complete.
                        var finished = Follow && IsFinal((await api.Deployments.GetAsync(ProjectId, DeploymentId, ct).ConfigureAwait(false)).Status);
                        var lines = await api.Deployments.GetBuildLogsAsync(ProjectId, DeploymentId, next, ct).ConfigureAwait(false);
                        next += lines.Count;
                        foreach (var line in lines) OnPipelineThread(() => WriteObject(line));
                        if (!Follow || finished) return;
                        await Task.Delay(interval, ct).ConfigureAwait(false);
                    }
                }));
                return;
            }

            WriteTextLog(DeploymentId, SinceSeconds, Follow, interval, (since, ct) => api.Deployments.GetRuntimeLogsAsync(ProjectId, DeploymentId, since, ct));
        }

        private static bool IsFinal(string status) => DeploymentStates.IsSucceeded(status) || DeploymentStates.IsFailed(status) || status == "sleeping";
    }
}
