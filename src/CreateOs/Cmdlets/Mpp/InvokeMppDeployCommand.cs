using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Commands.Projects;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Core.Packaging;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Deploys a folder to CreateOS through the pay-per-deploy gateway and pays for it from the connected wallet.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "MppDeploy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(MppDeployResult))]
    public sealed class InvokeMppDeployCommand : MppDeployCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The unique name: 4–32 letters, digits and hyphens; part of the app's URL.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("UniqueName")]
        public string Name { get; set; } = "";

        /// <summary>4–48 letters, digits, spaces, '_' and '-' (CreateOS's limit, stricter than the gateway's). Defaults to -Name.</summary>
        [Parameter]
        public string? DisplayName { get; set; }

        [Parameter]
        public string? Description { get; set; }

        /// <summary>How many months to pay for (multiplies the price).</summary>
        [Parameter]
        [NumberRange(1, GatewayDeploySpec.MaxMonths)]
        public int Months { get; set; } = 1;

        /// <summary>The port the app listens on; detected from the folder when possible, never guessed.</summary>
        [Parameter]
        [NumberRange(1, 65535)]
        public int Port { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(RuntimeCompleter))]
        public string? Runtime { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(FrameworkCompleter))]
        public string? Framework { get; set; }

        [Parameter] public string? InstallCommand { get; set; }
        [Parameter] public string? BuildCommand { get; set; }
        [Parameter] public string? RunCommand { get; set; }
        [Parameter] public string? BuildDir { get; set; }
        [Parameter] public SwitchParameter HasDockerfile { get; set; }

        /// <summary>Let Build AI work out how to build (the gateway's default when no runtime or framework is given).</summary>
        [Parameter] public SwitchParameter UseBuildAI { get; set; }

        /// <summary>Runtime environment variables for the app.</summary>
        [Parameter]
        [Alias("Env")]
        public Hashtable? RunEnvs { get; set; }

        /// <summary>Extra .gitignore-style patterns to leave out.</summary>
        [Parameter] public string[]? Exclude { get; set; }

        /// <summary>Patterns to upload although a default rule or .gitignore leaves them out (never secrets).</summary>
        [Parameter] public string[]? Include { get; set; }

        /// <summary>Deploy with the credits the wallet already has even though they are shared with active projects (case C), instead of paying.</summary>
        [Parameter] public SwitchParameter UseExistingCredits { get; set; }

        /// <summary>
        /// How to pay: Auto (payment v2 — a signed authorization the gateway settles — when the gateway offers it, else
        /// v1), V1 (only a transfer + X-Payment-Tx), V2 (only a signed authorization).
        /// </summary>
        [Parameter] public PaymentProtocol PaymentProtocol { get; set; } = PaymentProtocol.Auto;

        /// <summary>Return as soon as the gateway accepted the deploy, without waiting for it to be live.</summary>
        [Parameter] public SwitchParameter NoWait { get; set; }

        /// <summary>Seconds to wait for the deployment to be live (default 600).</summary>
        [Parameter]
        [NumberRange(1, 86400)]
        public int Timeout { get; set; } = 600;

        protected override string ErrorNoun => "MppDeploy";

        protected override void ProcessRecord()
        {
            var folder = FileSystemPath.Resolve(this, Path);
            if (!Directory.Exists(folder))
            {
                WriteFailure(new DirectoryNotFoundException(File.Exists(folder) ? UploadPlanner.IsAFile(folder) : $"No folder at {folder}."), folder);
                return;
            }

            GatewayDeploySpec spec = null!;
            UploadPlan plan = null!;
            if (!TryInvoke(Name, () =>
            {
                UploadPlanner.CheckAppFolder(folder); // a disk root or the home folder is refused before the app's settings are looked at
                spec = BuildSpec(folder);
                spec.Validate();
                plan = UploadPlanner.Plan(folder, UploadOptions.For(ActiveSession, UploadTarget.Gateway, Exclude, Include));
                foreach (var exclusion in plan.Exclusions) WriteVerbose("Not uploaded: " + exclusion);
                UploadPlanner.EnsureFits(plan);
            })) return;

            var limits = PaymentLimitsFor(MaxPaymentUsd);
            var chain = Chain ?? "the gateway's default chain";
            var uploadSummary = $"{plan.FileCount} files, {plan.TotalBytes / 1024.0:0.#} KiB as {plan.Form}, {plan.Exclusions.Count} left out{UploadOptions.SecretsSummary(plan)}{UploadOptions.LinksAndSpecialFilesSummary(plan)}";
            if (!ShouldProcess(
                    $"'{spec.UniqueName}' from {folder} ({uploadSummary}); wallet {ActiveSession.WalletAddress ?? "(none connected)"}; paying in {(Token ?? "usdc").ToUpperInvariant()} on {chain}, at most {limits.MaxPaymentUsd} USD",
                    "Deploy through the pay-per-deploy gateway"))
                return;
            RequireWallet();

            try
            {
                TryInvoke(spec.UniqueName, () => WriteObject(Deploy(spec, plan, limits)));
            }
            finally
            {
                CompletePaymentProgress();
            }
        }

        private GatewayDeploySpec BuildSpec(string folder)
        {
            var settings = new ProjectSettings
            {
                Runtime = Runtime,
                Framework = Framework,
                InstallCommand = InstallCommand,
                BuildCommand = BuildCommand,
                RunCommand = RunCommand,
                BuildDir = BuildDir,
                HasDockerfile = HasDockerfile.IsPresent ? true : (bool?)null,
                RunEnvs = RunEnvs is null ? null : VariableMaps.ToStringMap(RunEnvs, nameof(RunEnvs)),
            };
            if (UseBuildAI || (Runtime is null && Framework is null && !HasDockerfile))
            {
                settings.UseBuildAI = true;
                settings.Runtime ??= "build-ai";
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Port)))
            {
                settings.Port = Port;
            }
            else
            {
                var detected = AppInspector.DetectPort(folder);
                if (detected != null)
                {
                    settings.Port = detected.Port;
                    WriteVerbose($"Port {detected.Port} detected: {detected.Evidence}.");
                }
            }
            return new GatewayDeploySpec
            {
                UniqueName = Name,
                DisplayName = DisplayName ?? Name,
                Description = Description,
                Months = Months,
                Settings = settings,
            };
        }

        private MppDeployResult Deploy(GatewayDeploySpec spec, UploadPlan plan, PaymentLimits limits)
        {
            var session = ActiveSession;
            var gateway = session.GetGatewayClient();
            var journal = session.GetPaymentJournal();
            var swept = journal.SweepStaleBodies();
            if (swept > 0) WriteVerbose($"Deleted {swept} deploy bodies left in {journal.Directory} by earlier runs that ended without cleaning up.");
            // Followed to "ready" after the wallet's lock is let go: once the gateway holds the payment, another run may pay.
            return Finish(gateway, journal, PayUnderWalletLock(spec, plan, limits, gateway, journal), spec.Settings.Port);
        }

        /// <summary>Everything from the look for unfinished payments to the gateway's answer to the paid request, under the wallet's lock.</summary>
        private MppDeployResult PayUnderWalletLock(GatewayDeploySpec spec, UploadPlan plan, PaymentLimits limits, MppGatewayClient gateway, PaymentJournal journal)
        {
            var session = ActiveSession;
            var flow = NewFlow(gateway, journal);
            using (var walletLock = journal.LockWallet(session.WalletAddress!, TimeSpan.FromSeconds(30), Stopping))
            {
                // An unfinished payment for this project is finished first: it may already have paid.
                var ofThisProject = journal.Unfinished(session.WalletAddress!, gateway.GatewayUri.AbsoluteUri)
                    .Where(r => string.Equals(r.UniqueName, spec.UniqueName, StringComparison.OrdinalIgnoreCase)).ToList();
                var unfinished = ofThisProject.FirstOrDefault(r => r.MayHavePaid);
                if (unfinished != null)
                {
                    WriteWarning($"Payment {unfinished.Id} for '{spec.UniqueName}' is unfinished ({unfinished.State}); finishing it instead of paying again.");
                    return ResultOf(Await(ct => flow.ResumeAsync(unfinished, ct)).Record);
                }
                // The same in a journal folder another run used for this wallet: it must be finished there, never paid beside.
                var otherJournals = journal.Elsewhere(walletLock);
                var elsewhere = PaymentJournal.UnfinishedIn(otherJournals, session.WalletAddress!, gateway.GatewayUri.AbsoluteUri, spec.UniqueName).FirstOrDefault();
                if (elsewhere.Record != null) throw new PaymentUnfinishedElsewhereException(elsewhere.Directory, elsewhere.Record);
                foreach (var stale in ofThisProject) flow.Decline(stale, "superseded by a new quote; nothing had been signed");

                // The gateway cannot update a deployment, and a second deploy of the same name fails after payment.
                var existing = Await(ct => gateway.GetProjectsAsync(ct)).FirstOrDefault(p => string.Equals(p.Name, spec.UniqueName, StringComparison.OrdinalIgnoreCase));
                if (existing != null)
                {
                    var paid = journal.All().LastOrDefault(r => r.State == PaymentState.Accepted && r.ProjectId == existing.Id);
                    if (paid is null)
                        throw new ProjectAlreadyDeployedException(ProjectAlreadyDeployedException.MessageFor(spec.UniqueName, existing));
                    WriteWarning($"'{spec.UniqueName}' was already deployed and paid by payment {paid.Id}; following that deployment instead of paying again.");
                    return ResultOf(paid);
                }

                using var body = WriteBody(spec, plan, journal);
                var request = new MppDeployRequest
                {
                    UniqueName = spec.UniqueName,
                    DisplayName = spec.DisplayName,
                    BodyPath = body.Path,
                    BodyDigest = body.Sha256Hex,
                    Chain = Chain,
                    Token = Token,
                    UseExistingCredits = UseExistingCredits,
                    Protocol = PaymentProtocol,
                    Limits = limits,
                    OtherJournals = otherJournals,
                };
                var asked = Await(ct => flow.AskAsync(request, ct));
                if (asked.Accepted != null)
                {
                    WriteVerbose("The gateway deployed it with existing credits: nothing was paid.");
                    return new MppDeployResult { ProjectId = asked.Accepted.ProjectId, DeploymentId = asked.Accepted.DeploymentId, UniqueName = spec.UniqueName, Status = asked.Accepted.Status };
                }

                var terms = asked.Terms!;
                var record = asked.Record!;
                if (terms.Quote.Warning != null) WriteWarning(terms.Quote.Warning + " Paying instead; use -UseExistingCredits to share the credits.");
                bool confirmed;
                try
                {
                    confirmed = ConfirmPayment(terms, asked.EstimatedMaxGasEth);
                }
                catch (PaymentNotConfirmedException)
                {
                    flow.Decline(record, "the payment could not be confirmed in this host");
                    throw;
                }
                if (!confirmed)
                {
                    flow.Decline(record, "declined by the user");
                    return new MppDeployResult { UniqueName = spec.UniqueName, Status = "not paid", AmountUsd = terms.Quote.AmountUsd, Chain = terms.Chain.Name, Token = terms.TokenId, PaymentId = record.Id };
                }
                return ResultOf(Await(ct => flow.PayAndSubmitAsync(record, terms, ct)).Record);
            }
        }

        private GatewayDeployBody WriteBody(GatewayDeploySpec spec, UploadPlan plan, PaymentJournal journal)
        {
            var progress = new ProgressRecord(42, $"Packing {spec.UniqueName}", "reading files");
            try
            {
                return Await(ct => GatewayDeployBody.WriteAsync(spec, plan, journal, new ByteProgressReporter(this, progress), ct));
            }
            finally
            {
                CompleteProgress(progress);
            }
        }

        private MppDeployResult Finish(MppGatewayClient gateway, PaymentJournal journal, MppDeployResult result, int? port)
        {
            if (NoWait || result.ProjectId.Length == 0) return result;
            var status = FollowInto(result, gateway, journal, TimeSpan.FromSeconds(Timeout));
            if (status.IsFailed)
                throw new DeploymentFailedException($"Deployment {result.DeploymentId} of '{result.UniqueName}' failed: {status.Reason ?? status.DeploymentStatus ?? "no reason given"}." + (result.PaymentTx is null ? "" : $" The payment {result.PaymentTx} became credits; fix the app and deploy again with -UseExistingCredits."));
            if (status.IsReady) ProbeEndpoint(status.Endpoint, port);
            return result;
        }
    }
}
