using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Chain;
using CreateOs.Core.Http;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Gateway
{
    /// <summary>One paid deploy to ask for: the packed body (on disk, sent byte-identical every time) and the choices.</summary>
    public sealed class MppDeployRequest
    {
        public string UniqueName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string BodyPath { get; set; } = "";
        public string BodyDigest { get; set; } = "";
        public string? Chain { get; set; }
        public string? Token { get; set; }
        public bool UseExistingCredits { get; set; }
        public PaymentProtocol Protocol { get; set; } = PaymentProtocol.Auto;
        public PaymentLimits Limits { get; set; } = new PaymentLimits();
        /// <summary>Journal folders other runs paid from this wallet in (see <see cref="PaymentJournal.Elsewhere"/>): their payments count against the budgets too.</summary>
        public IReadOnlyList<PaymentJournal> OtherJournals { get; set; } = Array.Empty<PaymentJournal>();
    }

    /// <summary>The answer to asking: deployed from credits, or terms to pay (already journaled as Quoted).</summary>
    public sealed class AskOutcome
    {
        public DeployAccepted? Accepted { get; set; }
        public PaymentTerms? Terms { get; set; }
        public PaymentRecord? Record { get; set; }
        /// <summary>The gas coin this payment may cost at most, in ETH (for the confirmation prompt).</summary>
        public decimal EstimatedMaxGasEth { get; set; }
    }

    /// <summary>How a paid or resumed deploy ended at the gateway.</summary>
    public sealed class SubmitOutcome
    {
        public SubmitOutcome(PaymentRecord record) => Record = record;
        public PaymentRecord Record { get; }
        public string? ProjectId => Record.ProjectId;
        public string? DeploymentId => Record.DeploymentId;
    }

    /// <summary>What the flow reports while it works (for Write-Progress and -Verbose).</summary>
    public sealed class MppProgress
    {
        public MppProgress(string phase, string message) { Phase = phase; Message = message; }
        public string Phase { get; }
        public string Message { get; }
    }

    /// <summary>
    /// The pay-per-deploy flow (reference §6, §11, §12): ask for a quote, validate it, check balances, and — once the
    /// caller has the user's approval — pay, back to back: v1 signs, journals, broadcasts a transfer, awaits its receipt
    /// and submits the hash; v2 signs an EIP-3009 authorization, journals it and sends it as a credential for the gateway
    /// to settle. After a transfer or authorization exists, every path reuses it; none pays a second time for a quote.
    /// </summary>
    public sealed partial class MppDeployFlow
    {
        private readonly MppGatewayClient _gateway;
        private readonly PaymentJournal _journal;
        private readonly Func<EthereumKey> _key;
        private readonly Func<ChainInfo, EthRpcClient> _rpcFor;
        private readonly IProgress<MppProgress>? _progress;

        public MppDeployFlow(MppGatewayClient gateway, PaymentJournal journal, Func<EthereumKey> key, Func<ChainInfo, EthRpcClient> rpcFor, IProgress<MppProgress>? progress = null)
        {
            _gateway = gateway;
            _journal = journal;
            _key = key;
            _rpcFor = rpcFor;
            _progress = progress;
        }

        public TimeSpan ReceiptTimeout { get; set; } = ReceiptWaiter.DefaultTimeout;
        public int MaxSubmitAttempts { get; set; } = 4;
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, ct) => Task.Delay(wait, ct);
        /// <summary>Test hook: called after each journal state is written, before the step it enables (crash tests kill here).</summary>
        public Action<PaymentRecord>? AfterJournalWrite { get; set; }
        /// <summary>The wall clock (v2 validity windows and challenge expiry).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        private string Wallet => _key().Address.ToChecksumString();

        /// <summary>
        /// Sends the deploy without payment. Credits may deploy it at once (cases A and B); otherwise validates the quote,
        /// checks token and gas balances and journals it as Quoted. Nothing is signed here.
        /// </summary>
        public async Task<AskOutcome> AskAsync(MppDeployRequest request, CancellationToken ct)
        {
            var record = new PaymentRecord
            {
                Wallet = Wallet,
                GatewayUri = _gateway.GatewayUri.AbsoluteUri,
                UniqueName = request.UniqueName,
                DisplayName = request.DisplayName,
                BodyDigest = request.BodyDigest,
            };
            Report("quote", request.UseExistingCredits ? "Asking the gateway to deploy with existing credits..." : "Asking the gateway for a quote...");
            var response = await _gateway.DeployAsync(request.BodyPath, new DeployAttempt { UseExistingCredits = request.UseExistingCredits, IdempotencyKey = record.IdempotencyKey }, ct).ConfigureAwait(false);
            if (response.Accepted != null) return new AskOutcome { Accepted = response.Accepted };

            var quote = response.Quote!;
            IReadOnlyCollection<string>? advertised = null;
            if (request.Limits.PinnedRecipients.Count == 0)
            {
                try { advertised = await _gateway.GetRecipientsAsync(ct).ConfigureAwait(false); }
                catch (ApiException) { advertised = null; }
            }
            var now = Clock();
            var terms = PaymentPolicy.Validate(quote, request.Chain, request.Token, request.Limits, _key().Address, advertised,
                request.Protocol, now, new Uri(_gateway.GatewayUri, "agent/deploy"), request.BodyDigest);
            PaymentPolicy.CheckBudget(terms, request.Limits, _journal.All().Concat(request.OtherJournals.SelectMany(j => j.All())), record.Wallet, now);
            var maxGasWei = await CheckBalancesAsync(terms, ct).ConfigureAwait(false);

            record.AmountUsd = quote.AmountUsd;
            record.AmountToken = terms.Amount.ToString();
            record.PayTo = terms.PayTo.ToChecksumString();
            record.Chain = terms.Chain.Name;
            record.ChainId = terms.Chain.ChainId;
            record.Token = terms.TokenId;
            record.TokenContract = terms.Token.Address.ToChecksumString();
            record.Protocol = terms.Kind;
            PrivateFile.Copy(request.BodyPath, _journal.BodyPathOf(record.Id));
            _journal.Advance(record, PaymentState.Quoted, quote.Warning is null ? "quote received" : "quote received with warning: " + quote.Warning);
            AfterJournalWrite?.Invoke(record);
            return new AskOutcome { Terms = terms, Record = record, EstimatedMaxGasEth = (decimal)maxGasWei / 1_000_000_000_000_000_000m };
        }

        /// <summary>The user declined the payment: the quote is closed, nothing was signed.</summary>
        public void Decline(PaymentRecord record, string reason)
        {
            _journal.Advance(record, PaymentState.Closed, reason);
            _journal.DeleteBody(record.Id);
        }

        /// <summary>
        /// Signs the transfer, journals its hash BEFORE broadcasting, broadcasts, waits for the receipt and submits the
        /// hash — with no pause for the user between the receipt and the paid retry (the gateway's price cache is short).
        /// </summary>
        public async Task<SubmitOutcome> PayAndSubmitAsync(PaymentRecord record, PaymentTerms terms, CancellationToken ct)
        {
            if (record.State != PaymentState.Quoted)
                throw new InvalidOperationException($"Payment {record.Id} is {record.State}; only a Quoted payment can be paid. Use Resume-MppDeploy.");
            await RefuseIfAlreadyDeployedAsync(record, "before signing", ct).ConfigureAwait(false);
            if (terms.Offer is { IsAuthorization: true }) return await AuthorizeAndSubmitAsync(record, terms, terms.Offer, ct).ConfigureAwait(false);
            var key = _key();
            var rpc = _rpcFor(terms.Chain);
            var payer = new Erc20Payer(rpc, terms.Chain);

            // One quote, one nonce: never below a nonce another unfinished payment of this wallet still holds.
            var reserved = _journal.Unfinished(record.Wallet, record.GatewayUri).Where(r => r.Id != record.Id && r.ChainId == terms.Chain.ChainId && r.Nonce.HasValue).Select(r => r.Nonce!.Value + 1).DefaultIfEmpty(0UL).Max();
            Report("sign", $"Signing a transfer of {terms.AmountTokens} {terms.Token.Symbol} to {terms.PayTo.ToChecksumString()} on {terms.Chain.DisplayName}...");
            var signed = await payer.BuildTransferAsync(key, terms.Token, terms.PayTo, terms.Amount,
                new TransactionBuildOptions { MinimumNonce = reserved, MaxGasCostWei = terms.MaxGasCostWei }, ct).ConfigureAwait(false);

            record.Nonce = signed.Nonce;
            record.RawTransaction = signed.RawHex;
            record.TransactionHash = signed.Hash;
            record.TransactionHashes.Add(signed.Hash);
            if (terms.Offer != null) BindTransferCredential(record, terms.Offer, signed);
            _journal.Advance(record, PaymentState.Signed, $"nonce {signed.Nonce}, max gas cost {signed.MaxGasCostWei} wei" + (terms.Offer is null ? "" : $", {terms.Kind} credential"));
            AfterJournalWrite?.Invoke(record);
            if (terms.Kind == PaymentCredentialKind.MppTransaction) return await SubmitAsync(record, ct).ConfigureAwait(false);

            await BroadcastAndConfirmAsync(record, rpc, terms.Chain, ct, nameCheckedBeforeSigning: true).ConfigureAwait(false);
            return await SubmitAsync(record, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// The gateway takes the money before CreateOS refuses a name the wallet already deployed, so right before a
        /// payment can first leave (signing; on resume, the first broadcast or send of what was signed) the name is looked
        /// up in the wallet's /agent/projects. Owned: the record is closed unpaid and <see cref="ProjectAlreadyDeployedException"/>
        /// is thrown. The lookup failing fails closed: nothing is signed or sent.
        /// </summary>
        private async Task RefuseIfAlreadyDeployedAsync(PaymentRecord record, string stage, CancellationToken ct)
        {
            Report("check", $"Checking that '{record.UniqueName}' is not already deployed by this wallet...");
            MppProject? existing;
            try
            {
                existing = await FindOwnProjectAsync(record, ct).ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                if (record.State == PaymentState.Quoted) Decline(record, $"{stage}: could not check /agent/projects ({ex.Message}); nothing was signed");
                throw;
            }
            if (existing == null) return;
            Decline(record, $"{stage}: '{record.UniqueName}' is already deployed by this wallet (project {existing.Id}); nothing was paid");
            throw new ProjectAlreadyDeployedException(ProjectAlreadyDeployedException.MessageFor(record.UniqueName, existing));
        }

        /// <summary>
        /// Payment v2: signs one EIP-3009 authorization for the chosen offer, journals it (and the exact credential)
        /// BEFORE sending it, then sends it. The gateway settles it and pays the gas; the wallet sends no transaction.
        /// </summary>
        private async Task<SubmitOutcome> AuthorizeAndSubmitAsync(PaymentRecord record, PaymentTerms terms, PaymentOffer offer, CancellationToken ct)
        {
            var key = _key();
            var now = Clock();
            var validBefore = offer.ValidBefore(now);
            if (validBefore <= now + PaymentPolicy.MinimumChallengeLifetime)
            {
                Decline(record, "the challenge expired before the authorization was signed");
                throw new PaymentRefusedException(PaymentRefusal.ExpiredChallenge, $"The gateway's payment challenge expires at {validBefore:u}, too soon to pay. Nothing was signed; run the command again for a fresh challenge.");
            }
            // MPP (draft-evm-charge "Authorization Payload"): the nonce is the challenge hash, so the signature is bound to
            // this one challenge, and validAfter is "0". x402: a random nonce and a validAfter in the past (as @x402/evm).
            var mpp = offer.Kind == PaymentCredentialKind.Mpp;
            var authorization = new TransferAuthorization
            {
                From = key.Address,
                To = terms.PayTo,
                Value = terms.Amount,
                ValidAfter = mpp ? 0 : (now - PaymentOffer.ValidAfterLead).ToUnixTimeSeconds(),
                ValidBefore = validBefore.ToUnixTimeSeconds(),
                Nonce = mpp ? offer.Challenge!.ChallengeHash : TransferAuthorization.NewNonce(),
            };
            Report("sign", $"Signing an authorization of {terms.AmountTokens} {terms.Token.Symbol} to {terms.PayTo.ToChecksumString()} on {terms.Chain.DisplayName}, valid until {validBefore:u}...");
            var domain = terms.Token.Eip712Domain;
            var signature = Eip3009.Sign(key, domain, authorization);
            var credential = PaymentCredential.Build(offer, authorization, signature);

            record.AuthorizationNonce = authorization.NonceHex;
            record.ValidAfter = (long)authorization.ValidAfter;
            record.ValidBefore = (long)authorization.ValidBefore;
            record.AuthorizationDigest = Hex.Encode(Eip3009.Digest(domain, authorization));
            record.CredentialHeader = credential.HeaderName;
            record.Credential = credential.HeaderValue;
            _journal.Advance(record, PaymentState.Signed, $"{offer.Kind} authorization signed: nonce {record.AuthorizationNonce}, valid until {validBefore:u}");
            AfterJournalWrite?.Invoke(record);
            return await SubmitAsync(record, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// Continues an unfinished payment from the state its journal record is in. It never signs a new transfer:
        /// Quoted records are closed (nothing was paid; deploy again to get a fresh quote), others reuse their hash.
        /// </summary>
        public async Task<SubmitOutcome> ResumeAsync(PaymentRecord record, CancellationToken ct)
        {
            if (!string.Equals(record.Wallet, Wallet, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Payment {record.Id} was made by wallet {record.Wallet}; connect that wallet to resume it.");
            var chain = TokenRegistry.GetChain(record.Chain);
            if (record.State == PaymentState.Quoted)
            {
                Decline(record, "resumed before signing: closed without paying; deploy again for a fresh quote");
                return new SubmitOutcome(record);
            }
            if (record.IsAuthorization && !record.IsFinished)
                return await ResumeAuthorizationAsync(record, ct).ConfigureAwait(false);
            if (record.Protocol == PaymentCredentialKind.MppTransaction && !record.IsFinished)
            {
                // The gateway broadcasts the one signed transfer; Signed means it has never seen it.
                if (record.State == PaymentState.Signed) await RefuseIfAlreadyDeployedAsync(record, "resumed before the transaction was sent", ct).ConfigureAwait(false);
                return await SubmitAsync(record, ct).ConfigureAwait(false);
            }
            switch (record.State)
            {
                case PaymentState.Signed:
                case PaymentState.Broadcast:
                    await BroadcastAndConfirmAsync(record, _rpcFor(chain), chain, ct).ConfigureAwait(false);
                    return await SubmitAsync(record, ct).ConfigureAwait(false);
                case PaymentState.Mined:
                case PaymentState.Submitted:
                case PaymentState.RetryLater:
                case PaymentState.NeedsReconcile:
                    return await SubmitAsync(record, ct).ConfigureAwait(false);
                default:
                    return new SubmitOutcome(record);
            }
        }

        /// <summary>
        /// Payment v2 resume: while the authorization can still settle, the same credential is sent again (never a new
        /// one). Once the chain's clock is past validBefore, the token contract decides: used means the payment went
        /// through (the credits are claimed), unused means it is dead and the record closes — nothing was paid.
        /// </summary>
        private async Task<SubmitOutcome> ResumeAuthorizationAsync(PaymentRecord record, CancellationToken ct)
        {
            var state = await ReadAuthorizationStateAsync(record, ct).ConfigureAwait(false);
            if (state == AuthorizationState.Used) return await SubmitAsync(record, ct, claimCredits: true).ConfigureAwait(false);
            if (state == AuthorizationState.Dead)
            {
                CloseDeadAuthorization(record);
                return new SubmitOutcome(record);
            }
            // Signed is journaled before the first send: the gateway has never seen this authorization.
            if (record.State == PaymentState.Signed) await RefuseIfAlreadyDeployedAsync(record, "resumed before the authorization was sent", ct).ConfigureAwait(false);
            return await SubmitAsync(record, ct).ConfigureAwait(false);
        }

        private enum AuthorizationState
        {
            /// <summary>authorizationState is false and validBefore has not passed on chain: it may still settle.</summary>
            Live,
            /// <summary>The token contract recorded it: the money moved.</summary>
            Used,
            /// <summary>Unused and the chain's latest block is at or past validBefore: it can never move money.</summary>
            Dead,
        }

        private async Task<AuthorizationState> ReadAuthorizationStateAsync(PaymentRecord record, CancellationToken ct)
        {
            var chain = TokenRegistry.GetChain(record.Chain);
            var rpc = _rpcFor(chain);
            var token = TokenRegistry.FindByAddress(chain, EthereumAddress.Parse(record.TokenContract))
                ?? throw new PaymentReconcileException(record, $"Payment {record.Id} names token {record.TokenContract}, which is not pinned on {chain.Name}.");
            Report("check", $"Checking authorization {record.AuthorizationNonce} on {chain.DisplayName}...");
            if (await new BalanceReader(rpc).IsAuthorizationUsedAsync(token, _key().Address, Hex.Decode(record.AuthorizationNonce!), ct).ConfigureAwait(false))
                return AuthorizationState.Used;
            var latest = await rpc.GetBlockByNumberAsync("latest", ct).ConfigureAwait(false);
            return latest != null && (long)latest.Timestamp >= record.ValidBefore ? AuthorizationState.Dead : AuthorizationState.Live;
        }

        private void CloseDeadAuthorization(PaymentRecord record)
        {
            _journal.Advance(record, PaymentState.Closed, $"authorization {record.AuthorizationNonce} expired unused (chain time past validBefore {record.ValidBefore}); nothing was paid");
            _journal.DeleteBody(record.Id);
            AfterJournalWrite?.Invoke(record);
        }

        /// <summary>Broadcasts the journaled raw transaction (again, if needed: same bytes, same hash) and waits for its receipt.</summary>
        private async Task BroadcastAndConfirmAsync(PaymentRecord record, EthRpcClient rpc, ChainInfo chain, CancellationToken ct, bool nameCheckedBeforeSigning = false)
        {
            var hash = record.TransactionHash!;
            var receipt = await rpc.GetTransactionReceiptAsync(hash, ct).ConfigureAwait(false);
            if (receipt == null)
            {
                var known = await rpc.GetTransactionByHashAsync(hash, ct).ConfigureAwait(false);
                if (known == null)
                {
                    // Resuming a transfer signed but never sent: the same check as before signing, before it can move money.
                    if (record.State == PaymentState.Signed && !nameCheckedBeforeSigning)
                        await RefuseIfAlreadyDeployedAsync(record, "resumed before the transfer was broadcast", ct).ConfigureAwait(false);
                    Report("broadcast", $"Broadcasting {hash}...");
                    var result = await rpc.SendRawTransactionAsync(Hex.Decode(record.RawTransaction!), ct).ConfigureAwait(false);
                    if (result.Status == BroadcastStatus.NonceTooLow)
                        await RequireOwnTransactionAtNonceAsync(record, rpc, ct).ConfigureAwait(false);
                }
                if (record.State != PaymentState.Broadcast)
                {
                    _journal.Advance(record, PaymentState.Broadcast, "sent to " + chain.Name);
                    AfterJournalWrite?.Invoke(record);
                }
                Report("receipt", $"Waiting for {hash} to be included on {chain.DisplayName}...");
                var waited = await new ReceiptWaiter(rpc, chain).WaitAsync(hash, ReceiptTimeout, ct).ConfigureAwait(false);
                if (waited.Status == ReceiptWaitStatus.Pending)
                    throw new PaymentPendingException(record, $"Transfer {hash} is not included after {ReceiptTimeout.TotalMinutes:0.#} min. It is not failed and will not be paid again: run Resume-MppDeploy -Id {record.Id} later.");
                receipt = waited.Receipt!;
            }

            if (!receipt.Succeeded)
            {
                _journal.Advance(record, PaymentState.Reverted, $"reverted in block {receipt.BlockNumber}");
                _journal.DeleteBody(record.Id);
                throw new PaymentRevertedException(record, $"Transfer {hash} reverted in block {receipt.BlockNumber}: no tokens moved (only gas was spent). Paying again needs a new decision: run Invoke-MppDeploy again.");
            }
            var expectedAmount = BigInteger.Parse(record.AmountToken);
            var token = EthereumAddress.Parse(record.TokenContract);
            var payTo = EthereumAddress.Parse(record.PayTo);
            if (PaymentVerification.FindPayment(receipt, token, payTo, expectedAmount, _key().Address) is null)
                throw new PaymentReconcileException(record, $"Transaction {hash} succeeded but shows no Transfer of {expectedAmount} from the pinned {record.Token} contract to {record.PayTo}. This is a bug; the payment needs a manual look.");
            record.BlockNumber = receipt.BlockNumber;
            _journal.Advance(record, PaymentState.Mined, $"included in block {receipt.BlockNumber}");
            AfterJournalWrite?.Invoke(record);
        }

        /// <summary>"nonce too low": fine only if the transaction that took our nonce is ours (same hash).</summary>
        private async Task RequireOwnTransactionAtNonceAsync(PaymentRecord record, EthRpcClient rpc, CancellationToken ct)
        {
            var mined = await rpc.GetTransactionByHashAsync(record.TransactionHash!, ct).ConfigureAwait(false);
            if (mined == null)
                throw new PaymentReconcileException(record, $"Nonce {record.Nonce} of wallet {record.Wallet} was used by another transaction, not by {record.TransactionHash}. The transfer was not made; check the wallet's history before paying again.");
        }

        /// <summary>
        /// Submits the payment (reference §12.7) — v1 the paid hash, v2 the journaled credential, always the same one:
        /// 402 → v1 the same hash again with backoff, v2 the token contract decides; 401 → re-signed automatically;
        /// 429 → Retry-After; 409 → reconcile; 500 → reconcile, then existing credits; other failures → the same again.
        /// </summary>
        private async Task<SubmitOutcome> SubmitAsync(PaymentRecord record, CancellationToken ct, bool claimCredits = false)
        {
            var bodyPath = _journal.BodyPathOf(record.Id);
            if (!File.Exists(bodyPath))
                throw new PaymentReconcileException(record, $"The deploy body of payment {record.Id} is missing from the journal ({bodyPath}); {PaidWith(record)} may have paid. Run Invoke-MppDeploy with the same folder and -UseExistingCredits.");
            var useCreditsInstead = false;
            if (claimCredits)
            {
                var existing = await TryFindOwnProjectAsync(record, ct).ConfigureAwait(false);
                if (existing != null) return Accept(record, existing.Id, null, null, "the authorization settled; found the project at /agent/projects");
                useCreditsInstead = true;
            }
            Exception? last = null;
            for (var attempt = 1; attempt <= MaxSubmitAttempts; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                record.SubmitAttempts++;
                _journal.Advance(record, PaymentState.Submitted, useCreditsInstead ? "retrying with existing credits" : $"submitting {PaidWith(record)} (attempt {attempt})");
                AfterJournalWrite?.Invoke(record);
                Report("submit", useCreditsInstead ? "Deploying with the credits the payment added..." : $"Submitting {PaidWith(record)} to the gateway...");
                TimeSpan? wait = null;
                try
                {
                    var response = await _gateway.DeployAsync(bodyPath, AttemptFor(record, useCreditsInstead), ct).ConfigureAwait(false);
                    if (response.Accepted != null) return Accept(record, response.Accepted.ProjectId, response.Accepted.DeploymentId, response.Accepted.Settlement, "accepted");
                    last = new ApiException(ApiFailureKind.ServiceError, response.Quote!.Error ?? "Payment required") { StatusCode = System.Net.HttpStatusCode.PaymentRequired, IsGateway = true };
                    if (useCreditsInstead) break; // credits did not cover it: needs a human look
                    if (record.IsAuthorization)
                    {
                        await RequireSettledAfterRefusalAsync(record, DescribeRefusal(response.Quote), ct).ConfigureAwait(false);
                        useCreditsInstead = true;
                        continue;
                    }
                    if (TryRebindTransferCredential(record, response.Quote)) continue;
                }
                catch (ApiException ex) when (ex.Status == 409 || ex.Status == 500)
                {
                    last = ex;
                    var found = await FindOwnProjectAsync(record, ct).ConfigureAwait(false);
                    if (found != null) return Accept(record, found.Id, null, null, $"HTTP {ex.Status}: found project {found.Id} at /agent/projects");
                    useCreditsInstead = true; // the documented meaning: the payment became credits
                }
                catch (ApiException ex) when (ex.Status == 402 && record.IsAuthorization && !useCreditsInstead)
                {
                    last = ex;
                    await RequireSettledAfterRefusalAsync(record, ex.Message, ct).ConfigureAwait(false);
                    useCreditsInstead = true;
                    continue;
                }
                catch (ApiException ex) when (ex.Status == 402 || ex.Status == 401 || ex.Status == 429 || (ex.Status >= 500) || ex.Kind != ApiFailureKind.ServiceError)
                {
                    last = ex;
                    wait = ex.RetryAfter;
                    if (ex.Kind != ApiFailureKind.ServiceError || ex.Status >= 500)
                    {
                        var found = await TryFindOwnProjectAsync(record, ct).ConfigureAwait(false);
                        if (found != null) return Accept(record, found.Id, null, null, "found at /agent/projects after an unanswered submit");
                    }
                }
                if (attempt < MaxSubmitAttempts)
                    await Delay(WaitBeforeResubmit(wait, attempt), ct).ConfigureAwait(false);
            }

            var state = last is ApiException api && (api.Status == 429 || api.Kind != ApiFailureKind.ServiceError || api.Status >= 502) ? PaymentState.RetryLater : PaymentState.NeedsReconcile;
            record.LastError = last?.Message;
            _journal.Advance(record, state, last?.Message);
            throw new PaymentReconcileException(record,
                $"Paid with {PaidWith(record)} but the gateway did not accept the deploy after {MaxSubmitAttempts} tries ({last?.Message}). The payment is safe in the journal and will not be paid again: run Resume-MppDeploy -Id {record.Id} later, or check Get-MppProject.");
        }

        /// <summary>
        /// The payment is made, so a refused submit is tried again: after the gateway's Retry-After, but never longer than
        /// <see cref="MppGatewayClient.LongestRetryAfterWait"/> (a hostile "Retry-After: 99999999" must not hold the run for years).
        /// </summary>
        internal static TimeSpan WaitBeforeResubmit(TimeSpan? retryAfter, int attempt) =>
            retryAfter is TimeSpan asked ? (asked > MppGatewayClient.LongestRetryAfterWait ? MppGatewayClient.LongestRetryAfterWait : asked)
            : TimeSpan.FromSeconds(Math.Min(16, Math.Pow(2, attempt)));

        /// <summary>
        /// The gateway answered a v2 credential with 402. Re-sending the same credential cannot help; the token contract
        /// says what happened. Used: returns (the payment became credits). Dead: closed, nothing paid, throws. Live: throws
        /// and waits, because the gateway holds an authorization that could still settle; no new one is signed meanwhile.
        /// </summary>
        private async Task RequireSettledAfterRefusalAsync(PaymentRecord record, string refusal, CancellationToken ct)
        {
            var authorization = await ReadAuthorizationStateAsync(record, ct).ConfigureAwait(false);
            if (authorization == AuthorizationState.Used) return;
            if (authorization == AuthorizationState.Dead)
            {
                CloseDeadAuthorization(record);
                throw new PaymentExpiredException(record, $"The gateway refused the payment authorization ({refusal}) and it expired unused: nothing was paid. Run Invoke-MppDeploy again to decide on a new payment.");
            }
            record.LastError = "the gateway refused the authorization: " + refusal;
            _journal.Advance(record, PaymentState.NeedsReconcile, record.LastError);
            throw new PaymentReconcileException(record,
                $"The gateway refused the payment authorization ({refusal}). It has moved no money so far and cannot after {DateTimeOffset.FromUnixTimeSeconds(record.ValidBefore ?? 0):u}; no new authorization is signed while it could still settle. Run Resume-MppDeploy -Id {record.Id} after that time to close it, then Invoke-MppDeploy again.");
        }

        private static DeployAttempt AttemptFor(PaymentRecord record, bool useCredits)
        {
            if (useCredits) return new DeployAttempt { UseExistingCredits = true, IdempotencyKey = record.IdempotencyKey };
            if (record.IsAuthorization || record.IsMppTransfer)
                return new DeployAttempt { Credential = new PaymentCredential(record.CredentialHeader!, record.Credential!), IdempotencyKey = record.IdempotencyKey };
            return new DeployAttempt { PaymentTx = record.TransactionHash, PaymentChain = record.Chain, PaymentToken = record.Token, IdempotencyKey = record.IdempotencyKey };
        }

        private static string PaidWith(PaymentRecord record) =>
            record.IsAuthorization ? $"{record.Protocol} authorization {record.AuthorizationNonce}"
            : record.IsMppTransfer ? $"{record.Protocol} credential of transfer {record.TransactionHash}"
            : $"transfer {record.TransactionHash}";

        private static string DescribeRefusal(PaymentQuote? quote) =>
            quote is null ? "HTTP 402" : (quote.ProblemType is null ? quote.Error ?? "HTTP 402" : $"{quote.ProblemType}: {quote.Error}");

        private SubmitOutcome Accept(PaymentRecord record, string projectId, string? deploymentId, PaymentSettlement? settlement, string note)
        {
            if (settlement != null)
            {
                record.SettlementReceipt = settlement.Receipt;
                if (record.IsAuthorization && !string.IsNullOrEmpty(settlement.Transaction))
                {
                    record.TransactionHash = settlement.Transaction;
                    if (!record.TransactionHashes.Contains(settlement.Transaction!)) record.TransactionHashes.Add(settlement.Transaction!);
                }
            }
            record.ProjectId = projectId;
            record.DeploymentId = string.IsNullOrEmpty(deploymentId) ? null : deploymentId;
            record.LastError = null;
            _journal.Advance(record, PaymentState.Accepted, note);
            _journal.DeleteBody(record.Id);
            AfterJournalWrite?.Invoke(record);
            return new SubmitOutcome(record);
        }

        private async Task<MppProject?> FindOwnProjectAsync(PaymentRecord record, CancellationToken ct)
        {
            var projects = await _gateway.GetProjectsAsync(ct).ConfigureAwait(false);
            return projects.FirstOrDefault(p => string.Equals(p.Name, record.UniqueName, StringComparison.OrdinalIgnoreCase));
        }

        private async Task<MppProject?> TryFindOwnProjectAsync(PaymentRecord record, CancellationToken ct)
        {
            try { return await FindOwnProjectAsync(record, ct).ConfigureAwait(false); }
            catch (ApiException) { return null; }
        }

        /// <summary>Token and gas balances, with a clear shortfall; returns the worst-case gas cost in wei.</summary>
        private async Task<BigInteger> CheckBalancesAsync(PaymentTerms terms, CancellationToken ct)
        {
            var rpc = _rpcFor(terms.Chain);
            var owner = _key().Address;
            var actualChainId = await rpc.GetChainIdAsync(ct).ConfigureAwait(false);
            if (actualChainId != terms.Chain.ChainId) throw new ChainIdMismatchException(terms.Chain.ChainId, actualChainId);
            var reader = new BalanceReader(rpc);
            var tokenBalance = await reader.GetTokenBalanceAsync(terms.Token, owner, ct).ConfigureAwait(false);
            if (tokenBalance < terms.Amount)
                throw new WalletShortfallException(terms.Token.Symbol, terms.Chain, terms.Amount - tokenBalance, terms.Token.Decimals, owner);
            if (!terms.PaysGas) return BigInteger.Zero; // a signed authorization: the gateway's settler pays the gas
            var fees = await FeeStrategy.EstimateAsync(rpc, terms.Chain, null, ct).ConfigureAwait(false);
            var gas = await rpc.EstimateGasAsync(new CallRequest { From = owner, To = terms.Token.Address, Data = Erc20Abi.EncodeTransfer(terms.PayTo, terms.Amount) }, ct).ConfigureAwait(false);
            var maxGasCost = fees.MaxFeePerGas * (new BigInteger(gas) * 120 / 100);
            var native = await reader.GetNativeBalanceAsync(owner, ct).ConfigureAwait(false);
            if (native < maxGasCost)
                throw new WalletShortfallException("ETH", terms.Chain, maxGasCost - native, 18, owner);
            return maxGasCost;
        }

        private void Report(string phase, string message) => _progress?.Report(new MppProgress(phase, message));
    }

    /// <summary>The wallet lacks tokens or gas for the payment; says how much is missing and where to fund.</summary>
    public sealed class WalletShortfallException : InvalidOperationException
    {
        public WalletShortfallException(string asset, ChainInfo chain, BigInteger missing, int decimals, EthereumAddress wallet)
            : base($"Wallet {wallet.ToChecksumString()} needs {(decimal)missing / (decimal)BigInteger.Pow(10, decimals)} more {asset} on {chain.DisplayName} ({chain.ChainId}) to pay. Send {asset} there (or, on a sandbox, POST /sandbox/fund), then run the command again. Nothing was signed.")
        {
            Asset = asset;
            Chain = chain.Name;
            Missing = missing;
        }

        public string Asset { get; }
        public string Chain { get; }
        public BigInteger Missing { get; }
    }

    /// <summary>A payment whose outcome is not final; the journal record says how to go on.</summary>
    public abstract class PaymentJournalException : Exception
    {
        protected PaymentJournalException(PaymentRecord record, string message) : base(message) => Record = record;
        public PaymentRecord Record { get; }
    }

    /// <summary>Broadcast but not yet included: not failed, never paid again; resume later.</summary>
    public sealed class PaymentPendingException : PaymentJournalException
    {
        public PaymentPendingException(PaymentRecord record, string message) : base(record, message) { }
    }

    /// <summary>A v2 authorization expired without being settled: nothing was paid; paying again needs a new decision.</summary>
    public sealed class PaymentExpiredException : PaymentJournalException
    {
        public PaymentExpiredException(PaymentRecord record, string message) : base(record, message) { }
    }

    /// <summary>The transfer reverted: no tokens moved.</summary>
    public sealed class PaymentRevertedException : PaymentJournalException
    {
        public PaymentRevertedException(PaymentRecord record, string message) : base(record, message) { }
    }

    /// <summary>Paid, but the gateway has not accepted the deploy yet; resumable with the same hash.</summary>
    public sealed class PaymentReconcileException : PaymentJournalException
    {
        public PaymentReconcileException(PaymentRecord record, string message) : base(record, message) { }
    }
}
