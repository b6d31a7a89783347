using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Core.Gateway;
using CreateOs.Core.Packaging;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>What paying cmdlets share: chain/token choice, the spending cap, the payment confirmation, progress.</summary>
    public abstract class MppDeployCmdlet : MppCmdlet
    {
        private const int PaymentProgressId = 43;

        /// <summary>The chain to pay on (default: the one the quote proposes).</summary>
        [Parameter]
        [ValidateSet("arbitrum", "base")]
        public string? Chain { get; set; }

        /// <summary>The token to pay with (default usdc).</summary>
        [Parameter]
        [ValidateSet("usdc", "usdt")]
        public string? Token { get; set; }

        /// <summary>The most this deploy may cost, in USD. Default: the session's MaxPaymentUsd, else 5.</summary>
        [Parameter]
        [ValidateRange(0.01, 100000)]
        public decimal? MaxPaymentUsd { get; set; }

        /// <summary>Allow bridged USDT on Base, which is not issued by Tether and refused by default.</summary>
        [Parameter]
        public SwitchParameter AllowUnofficialToken { get; set; }

        /// <summary>Skips the extra payment prompt. Never skips the spending cap or the quote checks.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected PaymentLimits PaymentLimitsFor(decimal? maxPaymentUsd) => new PaymentLimits
        {
            MaxPaymentUsd = maxPaymentUsd ?? ActiveSession.MaxPaymentUsd ?? PaymentLimits.SafeDefaultMaxPaymentUsd,
            DailyBudgetUsd = ActiveSession.DailyBudgetUsd,
            MonthlyBudgetUsd = ActiveSession.MonthlyBudgetUsd,
            PinnedRecipients = ActiveSession.PinnedRecipients.ToList(),
            AllowUnofficialTokens = AllowUnofficialToken,
        };

        private ProgressRecord? _paymentProgress;

        protected MppDeployFlow NewFlow(MppGatewayClient gateway, PaymentJournal journal)
        {
            var session = ActiveSession;
            _paymentProgress = new ProgressRecord(PaymentProgressId, "Paying for the deploy", "starting");
            return new MppDeployFlow(gateway, journal, session.GetWalletKey, session.GetRpcClient, new Progress(this, _paymentProgress))
            {
                AfterJournalWrite = InternalHooks.AfterJournalWrite,
            };
        }

        /// <summary>Closes the payment progress bar, whatever happened.</summary>
        protected void CompletePaymentProgress()
        {
            if (_paymentProgress is null) return;
            CompleteProgress(_paymentProgress);
            _paymentProgress = null;
        }

        /// <summary>
        /// The payment decision, separate from the deploy decision: ShouldProcess shows amount, token, chain and
        /// recipient; unless -Force, a second explicit yes is asked for. The cap was already enforced before this.
        /// </summary>
        protected bool ConfirmPayment(PaymentTerms terms, decimal estimatedMaxGasEth)
        {
            var amount = $"{terms.AmountTokens} {terms.Token.Symbol}" + (terms.Quote.AmountUsd > 0 ? $" ({terms.Quote.AmountUsd} USD)" : "");
            var description = terms.Offer is null
                ? $"{amount} on {terms.Chain.DisplayName} ({terms.Chain.ChainId}) to {terms.PayTo.ToChecksumString()}, token contract {terms.Token.Address.ToChecksumString()}, gas at most {estimatedMaxGasEth:0.########} ETH"
                : $"{amount} on {terms.Chain.DisplayName} ({terms.Chain.ChainId}) to {terms.PayTo.ToChecksumString()}, token contract {terms.Token.Address.ToChecksumString()}, by a signed authorization ({terms.Offer.Kind}) that the gateway settles, paying the gas, until {terms.Offer.ValidBefore(DateTimeOffset.UtcNow):u}";
            if (!ShouldProcess(description, "Pay")) return false;
            var irreversible = terms.Offer is null ? "The transfer cannot be taken back." : "Once settled, the payment cannot be taken back.";
            return Force || ShouldContinue($"Pay {description}? {irreversible}", "Confirm payment");
        }

        protected static MppDeployResult ResultOf(PaymentRecord record) => ResultOfRecord(record);

        internal static MppDeployResult ResultOfRecord(PaymentRecord record) => new MppDeployResult
        {
            ProjectId = record.ProjectId ?? "",
            DeploymentId = record.DeploymentId,
            UniqueName = record.UniqueName,
            Status = record.State == PaymentState.Accepted ? "accepted" : record.State.ToString(),
            PaymentTx = record.TransactionHash,
            PaymentProtocol = record.Protocol.ToString(),
            AmountUsd = record.AmountUsd,
            Chain = record.Chain,
            Token = record.Token,
            PaymentId = record.Id,
        };

        /// <summary>Flow progress, shown on the pipeline thread as Write-Progress and verbose lines.</summary>
        private sealed class Progress : IProgress<MppProgress>
        {
            private readonly MppDeployCmdlet _cmdlet;
            private readonly ProgressRecord _record;

            public Progress(MppDeployCmdlet cmdlet, ProgressRecord record)
            {
                _cmdlet = cmdlet;
                _record = record;
            }

            public void Report(MppProgress value) => _cmdlet.OnPipelineThread(() =>
            {
                _record.StatusDescription = value.Message;
                _cmdlet.WriteProgress(_record);
                _cmdlet.WriteVerbose(value.Message);
            });
        }
    }
}
