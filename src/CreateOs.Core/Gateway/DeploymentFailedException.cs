using System;

namespace CreateOs.Core.Gateway
{
    /// <summary>The build or rollout failed on the platform (not a client or payment error).</summary>
    public sealed class DeploymentFailedException : Exception
    {
        public DeploymentFailedException(string message) : base(message) { }
    }
}

namespace CreateOs.Core.Gateway
{
    /// <summary>The wallet already has a gateway project of that name; gateway deployments cannot be updated.</summary>
    public sealed class ProjectAlreadyDeployedException : System.InvalidOperationException
    {
        public ProjectAlreadyDeployedException(string message) : base(message) { }
    }
}
