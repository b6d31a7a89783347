using System;

namespace CreateOs.Core.Chain
{
    /// <summary>The RPC endpoint serves a different chain than the one we are about to sign for. Nothing was signed.</summary>
    public sealed class ChainIdMismatchException : InvalidOperationException
    {
        public ChainIdMismatchException(ulong expectedChainId, ulong actualChainId)
            : base($"The RPC endpoint reports chain id {actualChainId}, expected {expectedChainId}; refusing to sign.")
        {
            ExpectedChainId = expectedChainId; ActualChainId = actualChainId;
        }

        public ulong ExpectedChainId { get; }
        public ulong ActualChainId { get; }
    }
}
