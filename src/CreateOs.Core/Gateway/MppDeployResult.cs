namespace CreateOs.Core.Gateway
{
    /// <summary>What Invoke-MppDeploy and Resume-MppDeploy return; pipes into the status, wait and remove cmdlets.</summary>
    public sealed class MppDeployResult
    {
        public string ProjectId { get; set; } = "";
        public string? DeploymentId { get; set; }
        public string UniqueName { get; set; } = "";
        /// <summary>ready, deploying or failed (the gateway's view), or accepted when not waited for.</summary>
        public string Status { get; set; } = "";
        public string? Endpoint { get; set; }
        /// <summary><see cref="Endpoint"/> under the name Get-MppProject uses.</summary>
        [Newtonsoft.Json.JsonIgnore] public string? Url => Endpoint;
        /// <summary>The transfer that paid for it (v2: the gateway's settlement transaction, when it names one); null when existing credits paid.</summary>
        public string? PaymentTx { get; set; }
        /// <summary>Transfer (v1), Mpp or X402 (v2 signed authorization); null when existing credits paid.</summary>
        public string? PaymentProtocol { get; set; }
        public decimal? AmountUsd { get; set; }
        public string? Chain { get; set; }
        public string? Token { get; set; }
        /// <summary>The payment journal record (Get-MppPayment -Id).</summary>
        public string? PaymentId { get; set; }
        public string? Reason { get; set; }

        /// <summary>
        /// What the default views show under "Paid with": "&lt;token&gt; on &lt;chain&gt;" when a transfer or a signed
        /// authorization paid (an authorization whose status is "not paid" did not), "not paid" when a journal record exists
        /// but nothing was paid, else "credits".
        /// </summary>
        [Newtonsoft.Json.JsonIgnore]
        public string PaidWith =>
            !string.IsNullOrEmpty(PaymentTx) || (!string.IsNullOrEmpty(PaymentProtocol) && !IsNotPaidStatus) ? $"{Token} on {Chain}"
            : !string.IsNullOrEmpty(PaymentId) ? "not paid"
            : "credits";

        // PowerShell's -ne, which the view used to compare with: case-insensitive in the invariant culture.
        private bool IsNotPaidStatus =>
            System.Globalization.CultureInfo.InvariantCulture.CompareInfo.Compare(Status, "not paid", System.Globalization.CompareOptions.IgnoreCase) == 0;

        public override string ToString() => Endpoint ?? $"{UniqueName} ({Status})";
    }
}
