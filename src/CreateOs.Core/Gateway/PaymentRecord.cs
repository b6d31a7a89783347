using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace CreateOs.Core.Gateway
{
    /// <summary>Where a paid deploy stands (reference §12.3). Only public transaction data is ever recorded, never a key.</summary>
    [JsonConverter(typeof(StringEnumConverter))]
    public enum PaymentState
    {
        /// <summary>The quote and body digest are saved and the caps checked; nothing signed.</summary>
        Quoted,
        /// <summary>The transfer (v2: the authorization) is signed and recorded; it may or may not have been sent.</summary>
        Signed,
        /// <summary>eth_sendRawTransaction was sent; the receipt is not known yet.</summary>
        Broadcast,
        /// <summary>The transfer is included with status 1 and the expected Transfer log.</summary>
        Mined,
        /// <summary>The deploy was retried with X-Payment-Tx (v2: the credential); the answer is not known yet.</summary>
        Submitted,
        /// <summary>The gateway accepted the deploy; project and deployment ids are stored.</summary>
        Accepted,
        /// <summary>A 429, 5xx or timeout after paying: to be retried with the same hash.</summary>
        RetryLater,
        /// <summary>The gateway would not take the payment after bounded retries; credits may exist. Needs a human look.</summary>
        NeedsReconcile,
        /// <summary>The transfer reverted: no money moved; a new payment needs a new decision.</summary>
        Reverted,
        /// <summary>Closed without paying (quote refused, deploy accepted from credits, abandoned by the user, or a v2 authorization that expired unused).</summary>
        Closed,
    }

    /// <summary>One journal record: one quote, at most one transfer nonce, at most one transfer that can ever mine.</summary>
    public sealed class PaymentRecord
    {
        public string Id { get; set; } = Guid.NewGuid().ToString("N");
        /// <summary><see cref="Id"/> under the name the payment cmdlets' -PaymentId expects.</summary>
        [JsonIgnore] public string PaymentId => Id;
        public PaymentState State { get; set; } = PaymentState.Quoted;
        public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
        public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
        public string Wallet { get; set; } = "";
        public string GatewayUri { get; set; } = "";
        public string UniqueName { get; set; } = "";
        public string? DisplayName { get; set; }
        /// <summary>SHA-256 of the exact deploy body; the paid retry sends the same bytes.</summary>
        public string BodyDigest { get; set; } = "";
        /// <summary>Sent on both POSTs of this deploy.</summary>
        public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString();

        public decimal AmountUsd { get; set; }
        /// <summary>Base units as a decimal string.</summary>
        public string AmountToken { get; set; } = "";
        public string PayTo { get; set; } = "";
        public string Chain { get; set; } = "";
        public ulong ChainId { get; set; }
        public string Token { get; set; } = "";
        /// <summary>The pinned contract the transfer was sent to (v2: the contract the authorization is for).</summary>
        public string TokenContract { get; set; } = "";
        /// <summary>"&lt;token&gt; on &lt;chain&gt;", as the default table shows it under "Paid with".</summary>
        [JsonIgnore] public string PaidWith => $"{Token} on {Chain}";

        /// <summary>Transfer (v1); a signed authorization sent as an MPP or x402 credential; or an MPP transaction/hash credential carrying the wallet's own transfer.</summary>
        public PaymentCredentialKind Protocol { get; set; } = PaymentCredentialKind.Transfer;
        /// <summary>v2: the EIP-3009 nonce (32 bytes, hex) identifying the one authorization of this record (MPP: the challenge hash keccak256(id ‖ realm)).</summary>
        public string? AuthorizationNonce { get; set; }
        /// <summary>v2: unix seconds; the authorization can move money only strictly between these.</summary>
        public long? ValidAfter { get; set; }
        public long? ValidBefore { get; set; }
        /// <summary>What the list view shows for <see cref="ValidBefore"/>: the UTC time ("u" format); null when there is none (or 0).</summary>
        [JsonIgnore]
        public string? AuthorizationValidBefore =>
            ValidBefore is long seconds && seconds != 0 && seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("u", System.Globalization.CultureInfo.InvariantCulture)
                : null;
        private const long MinUnixSeconds = -62_135_596_800, MaxUnixSeconds = 253_402_300_799;
        /// <summary>v2: the EIP-712 digest that was signed.</summary>
        public string? AuthorizationDigest { get; set; }
        /// <summary>v2: the credential header as sent; every retry sends exactly this again (an MPP transaction/hash credential may be re-bound to a fresh challenge, journaled first, carrying the same transfer).</summary>
        public string? CredentialHeader { get; set; }
        public string? Credential { get; set; }
        /// <summary>v2: the gateway's settlement receipt (decoded JSON).</summary>
        public string? SettlementReceipt { get; set; }

        public ulong? Nonce { get; set; }
        public string? RawTransaction { get; set; }
        public string? TransactionHash { get; set; }
        /// <summary><see cref="TransactionHash"/> under the name the deploy results use (and Resume-MppDeploy binds).</summary>
        [JsonIgnore] public string? PaymentTx => TransactionHash;
        /// <summary>Every hash ever signed for this record's nonce (a speed-up would add one); the one that mined is submitted.</summary>
        public List<string> TransactionHashes { get; set; } = new List<string>();
        public ulong? BlockNumber { get; set; }

        public string? ProjectId { get; set; }
        public string? DeploymentId { get; set; }
        public string? Endpoint { get; set; }
        public string? LastError { get; set; }
        public int SubmitAttempts { get; set; }
        public List<PaymentEvent> History { get; set; } = new List<PaymentEvent>();

        [JsonIgnore] public bool IsFinished => State == PaymentState.Accepted || State == PaymentState.Reverted || State == PaymentState.Closed;
        /// <summary>Money may have left the wallet for this record.</summary>
        [JsonIgnore] public bool MayHavePaid => State >= PaymentState.Signed && State != PaymentState.Reverted && State != PaymentState.Closed || (State == PaymentState.Closed && TransactionHash != null);
        /// <summary>Paid by an EIP-3009 authorization the gateway settles (MPP authorization, x402).</summary>
        [JsonIgnore] public bool IsAuthorization => Protocol == PaymentCredentialKind.Mpp || Protocol == PaymentCredentialKind.X402;
        /// <summary>Paid by an MPP credential that carries the wallet's own transfer (type transaction or hash).</summary>
        [JsonIgnore] public bool IsMppTransfer => Protocol == PaymentCredentialKind.MppTransaction || Protocol == PaymentCredentialKind.MppHash;

        /// <summary>What this record pays, in USD: the larger of the quoted USD price and the token amount (all pinned tokens are 6-decimal dollars).</summary>
        [JsonIgnore]
        public decimal PriceUsd =>
            Math.Max(AmountUsd, System.Numerics.BigInteger.TryParse(AmountToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var units) ? (decimal)units / 1_000_000m : 0m);

        public override string ToString() => $"{UniqueName} {State} {AmountUsd} USD {Token} on {Chain}" + (IsAuthorization ? $" by {Protocol} authorization" : IsMppTransfer ? $" by {Protocol} credential" : "") + (TransactionHash is null ? "" : " tx " + TransactionHash);
    }

    public sealed class PaymentEvent
    {
        public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
        public PaymentState State { get; set; }
        public string? Note { get; set; }

        public override string ToString() => FormattableString.Invariant($"{State} {At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z") + (string.IsNullOrEmpty(Note) ? "" : ": " + Note);
    }
}
