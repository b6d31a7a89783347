using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Finishes unfinished paid deploys from the payment journal, reusing their transfer: never pays again.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "MppDeploy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MppDeployResult))]
    public sealed class ResumeMppDeployCommand : MppCmdlet
    {
        /// <summary>The journal record (PaymentId of a result, Id of Get-MppPayment). Without it, every unfinished payment of the wallet.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PaymentId")]
        public string? Id { get; set; }

        [Parameter] public SwitchParameter NoWait { get; set; }

        [Parameter]
        [NumberRange(1, 86400)]
        public int Timeout { get; set; } = 600;

        protected override string ErrorNoun => "MppPayment";

        protected override void ProcessRecord()
        {
            RequireWallet();
            var session = ActiveSession;
            var gateway = session.GetGatewayClient();
            var journal = session.GetPaymentJournal();
            journal.SweepStaleBodies();
            var records = Id != null
                ? new[] { journal.Find(Id) }.Where(r => r != null).Select(r => r!).ToList()
                : journal.Unfinished(session.WalletAddress!, gateway.GatewayUri.AbsoluteUri).ToList();
            if (Id != null && records.Count == 0)
            {
                WriteError(NotFoundError(Id, $"No payment {Id} in the journal at {journal.Directory}."));
                return;
            }

            var flow = new MppDeployFlow(gateway, journal, session.GetWalletKey, session.GetRpcClient) { AfterJournalWrite = InternalHooks.AfterJournalWrite };
            foreach (var record in records)
            {
                if (record.IsFinished)
                {
                    WriteVerbose($"Payment {record.Id} is already {record.State}.");
                    continue;
                }
                if (!ShouldProcess($"payment {record.Id} for '{record.UniqueName}' ({record.State}, tx {record.TransactionHash ?? "none"})", "Resume without paying again")) continue;
                TryInvoke(record.Id, () =>
                {
                    PaymentRecord resumed;
                    using (journal.LockWallet(record.Wallet, TimeSpan.FromSeconds(30), Stopping))
                        resumed = Await(ct => flow.ResumeAsync(journal.Find(record.Id) ?? record, ct)).Record;
                    var result = MppDeployCmdlet.ResultOfRecord(resumed);
                    if (resumed.State == PaymentState.Accepted && !NoWait && resumed.ProjectId != null)
                        FollowInto(result, gateway, journal, TimeSpan.FromSeconds(Timeout));
                    WriteObject(result);
                });
            }
        }
    }
}
