using System;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Deployments
{
    /// <summary>
    /// <para type="synopsis">Deploys a project: uploads a folder (upload projects), deploys an image (image projects) or builds the latest commit of a branch (VCS projects).</para>
    /// <para type="description">-Path packs the folder with the same rules as the paid deploy: default exclusions (.git, node_modules…), .gitignore, secrets (keys, .env, keystores) never leave the machine; each exclusion is reported with -Verbose. Up to 100 files that are all UTF-8 text go as plain text, other small uploads as base64, anything bigger as a zip (50 MB at most). -Wait follows the build: it writes new build-log lines as verbose output, shows progress with the status and the elapsed time, and returns the deployment once deployed, or fails with the last log lines.</para>
    /// </summary>
    [Cmdlet(VerbsData.Publish, "CreateOsDeployment", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Deployment), typeof(string))]
    public sealed partial class PublishCreateOsDeploymentCommand : CreateOsCmdlet
    {
        private const string PathSet = "Path";
        private const string ImageSet = "Image";
        private const string BranchSet = "Branch";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The folder to upload (upload projects).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Extra exclusions in .gitignore syntax (e.g. '*.mp4', '/docs/').</summary>
        [Parameter(ParameterSetName = PathSet)]
        public string[] Exclude { get; set; } = Array.Empty<string>();

        /// <summary>Re-includes paths a default or .gitignore rule left out (never secrets).</summary>
        [Parameter(ParameterSetName = PathSet)]
        public string[] Include { get; set; } = Array.Empty<string>();

        /// <summary>The container image to run (image projects), e.g. nginx:latest.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImageSet)]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = "";

        /// <summary>Builds the latest commit of this branch (VCS projects); an empty string means the repository's default branch.</summary>
        [Parameter(Mandatory = true, ParameterSetName = BranchSet)]
        [AllowEmptyString]
        public string Branch { get; set; } = "";

        /// <summary>Follow the build and return the deployment once deployed.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits at most.</summary>
        [Parameter]
        [NumberRange(1, 24 * 60)]
        public int TimeoutMinutes { get; set; } = 20;

        [Parameter(DontShow = true)]
        [NumberRange(0.01, 60)]
        public double PollIntervalSeconds { get; set; } = 2;

        protected override string ErrorNoun => "Deployment";

        protected override void ProcessRecord()
        {
            var api = Api;
            switch (ParameterSetName)
            {
                case ImageSet:
                    if (!TryInvoke(Image, () => Core.Validation.CreateOsRules.Length("Image", Image, 1, 255))) return;
                    if (!ShouldProcess($"project {ProjectId}", $"Deploy image {Image}")) return;
                    TryInvoke(Image, () => Finish(api, Await(ct => api.Deployments.CreateFromImageAsync(ProjectId, Image, ct))));
                    break;
                case BranchSet:
                    var branch = string.IsNullOrEmpty(Branch) ? null : Branch;
                    if (!ShouldProcess($"project {ProjectId}", $"Build the latest commit of {(branch is null ? "the default branch" : "branch " + branch)}")) return;
                    TryInvoke(ProjectId, () =>
                    {
                        var result = Await(ct => api.Deployments.TriggerLatestAsync(ProjectId, branch, ct));
                        if (result.DeploymentId != null)
                        {
                            Finish(api, result.DeploymentId);
                            return;
                        }
                        // "deployment already triggered": that commit is already building; say so and follow the newest.
                        WriteWarning($"{result.Message ?? "No new deployment was created"}: the latest commit is already being deployed.");
                        var newest = Await(async ct => (await api.Deployments.ListPageAsync(ProjectId, 0, 1, ct).ConfigureAwait(false)).Items);
                        if (newest.Count > 0) Finish(api, newest[0].Id);
                        else if (result.Message != null) WriteObject(result.Message);
                    });
                    break;
                default:
                    PublishFolder(api);
                    break;
            }
        }

        private void Finish(CreateOsClient api, string deploymentId)
        {
            if (!Wait)
            {
                WriteObject(Await(ct => api.Deployments.GetAsync(ProjectId, deploymentId, ct)));
                return;
            }
            var observer = new ProgressObserver(this, deploymentId);
            var watcher = new DeploymentWatcher(api) { PollInterval = MyInvocation.BoundParameters.ContainsKey(nameof(PollIntervalSeconds)) ? TimeSpan.FromSeconds(PollIntervalSeconds) : (TimeSpan?)null, Timeout = TimeSpan.FromMinutes(TimeoutMinutes) };
            try
            {
                WriteObject(Await(ct => watcher.WaitAsync(ProjectId, deploymentId, observer, ct)));
            }
            finally
            {
                WriteProgress(observer.Completed());
            }
        }

        /// <summary>Turns the watcher's reports into verbose lines and progress, on the pipeline thread.</summary>
        private sealed class ProgressObserver : IDeploymentObserver
        {
            private const int ActivityId = 4711;
            private readonly PublishCreateOsDeploymentCommand _cmdlet;
            private readonly string _deploymentId;
            private string _status = "queue";

            public ProgressObserver(PublishCreateOsDeploymentCommand cmdlet, string deploymentId)
            {
                _cmdlet = cmdlet;
                _deploymentId = deploymentId;
            }

            public void OnStatus(Deployment deployment, TimeSpan elapsed)
            {
                _status = deployment.Status;
                var record = new ProgressRecord(ActivityId, $"Deploying {_deploymentId}", $"{deployment.Status}, {elapsed:mm\\:ss} elapsed");
                _cmdlet.OnPipelineThread(() => _cmdlet.WriteProgress(record));
            }

            public void OnLogLine(BuildLogLine line)
            {
                var text = string.IsNullOrEmpty(line.Stage) ? line.Log : $"[{line.Stage}] {line.Log}";
                _cmdlet.OnPipelineThread(() => _cmdlet.WriteVerbose(text));
            }

            public ProgressRecord Completed() =>
                new ProgressRecord(ActivityId, $"Deploying {_deploymentId}", _status) { RecordType = ProgressRecordType.Completed };
        }
    }
}
