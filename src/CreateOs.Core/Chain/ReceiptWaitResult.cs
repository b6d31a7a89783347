namespace CreateOs.Core.Chain
{
    public enum ReceiptWaitStatus
    {
        /// <summary>Mined with status 1.</summary>
        Succeeded,
        /// <summary>Mined with status 0: terminal, needs a new user decision.</summary>
        Reverted,
        /// <summary>No receipt before the deadline: unknown, NOT failed. Do not pay again.</summary>
        Pending,
    }

    public sealed class ReceiptWaitResult
    {
        public ReceiptWaitResult(string transactionHash, ReceiptWaitStatus status, TransactionReceipt? receipt)
        {
            TransactionHash = transactionHash; Status = status; Receipt = receipt;
        }

        public string TransactionHash { get; }
        public ReceiptWaitStatus Status { get; }
        /// <summary>Null when <see cref="Status"/> is Pending.</summary>
        public TransactionReceipt? Receipt { get; }
    }
}
