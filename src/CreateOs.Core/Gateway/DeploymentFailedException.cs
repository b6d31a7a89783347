using System;

namespace CreateOs.Core.Gateway
{
    /// <summary>The build or rollout failed on the platform (not a client or payment error).</summary>
    public sealed class DeploymentFailedException : Exception
    {
        public DeploymentFailedException(string message) : base(message) { }
    }
}
