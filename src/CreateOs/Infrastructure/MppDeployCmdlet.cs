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
        [NumberRange(0.01, 100000)]
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
        /// The payment decision, once the quote is known: one explicit yes to the exact amount, token, chain, recipient
        /// and token contract. It is separate from the deploy decision (ShouldProcess, asked before anything is uploaded,
        /// which -WhatIf and -Confirm govern). -Force answers this one; -Confirm:$false and $ConfirmPreference do not.
        /// Where nobody can answer (a non-interactive host) the command stops with CreateOs.MppDeployPaymentNotConfirmed
        /// and names -Force. The cap and the quote checks were enforced before this and are never skipped.
        /// </summary>
        protected bool ConfirmPayment(PaymentTerms terms, decimal estimatedMaxGasEth)
        {
            var amount = $"{terms.AmountTokens} {terms.Token.Symbol}" + (terms.Quote.AmountUsd > 0 ? $" ({terms.Quote.AmountUsd} USD)" : "");
            var target = $"{amount} on {terms.Chain.DisplayName} ({terms.Chain.ChainId}) to {terms.PayTo.ToChecksumString()}, token contract {terms.Token.Address.ToChecksumString()}";
            string description;
            if (terms.Offer is null)
                description = $"{target}, gas at most {estimatedMaxGasEth:0.########} ETH";
            else if (terms.Offer.IsAuthorization)
                description = $"{target}, by a signed authorization ({terms.Offer.Kind}) that the gateway settles, paying the gas, until {terms.Offer.ValidBefore(DateTimeOffset.UtcNow):u}";
            else
                description = $"{target}, by a transfer {(terms.Kind == PaymentCredentialKind.MppTransaction ? "the gateway broadcasts" : "this wallet broadcasts")} (MPP {MppCredentialTypes.NameOf(terms.Kind)} credential), gas at most {estimatedMaxGasEth:0.########} ETH";
            WriteVerbose("Payment: " + description);
            if (Force) return true;
            var irreversible = terms.Offer is { IsAuthorization: true } ? "Once settled, the payment cannot be taken back." : "The transfer cannot be taken back.";
            try
            {
                return ShouldContinue($"Pay {description}? {irreversible}", "Confirm payment");
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is System.Management.Automation.Host.HostException || e is NotImplementedException || e is PSNotImplementedException)
            {
                throw new PaymentNotConfirmedException($"Paying {amount} needs a confirmation that this host cannot ask for ({e.Message.TrimEnd('.')}). Nothing was signed. Add -Force to pay without the prompt (the spending cap and the quote checks still apply), or run the command interactively.");
            }
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

    /// <summary>The payment prompt could not be shown (non-interactive host) and -Force was not given: nothing was signed.</summary>
    public sealed class PaymentNotConfirmedException : InvalidOperationException
    {
        public PaymentNotConfirmedException(string message) : base(message) { }
    }
}
