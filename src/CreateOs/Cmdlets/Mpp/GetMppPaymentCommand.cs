using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Lists the payment journal: every paid deploy, its state and its transaction.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MppPayment")]
    [OutputType(typeof(PaymentRecord))]
    public sealed class GetMppPaymentCommand : MppCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("PaymentId")]
        public string? Id { get; set; }

        /// <summary>Only records in these states (e.g. NeedsReconcile).</summary>
        [Parameter]
        public PaymentState[]? State { get; set; }

        /// <summary>Only records not finished yet (to be resumed).</summary>
        [Parameter]
        public SwitchParameter Unfinished { get; set; }

        protected override string ErrorNoun => "MppPayment";

        protected override void ProcessRecord()
        {
            var journal = ActiveSession.GetPaymentJournal();
            TryInvoke(Id, () =>
            {
                if (Id != null)
                {
                    var record = journal.Find(Id);
                    if (record is null)
                        WriteError(NotFoundError(Id, $"No payment {Id} in the journal at {journal.Directory}."));
                    else WriteObject(record);
                    return;
                }
                foreach (var record in journal.All())
                {
                    if (State != null && !State.Contains(record.State)) continue;
                    if (Unfinished && record.IsFinished) continue;
                    WriteObject(record);
                }
            });
        }
    }
}
