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

        /// <summary>"already deployed by this wallet: 'name' (project …)", with the way out; nothing was paid.</summary>
        public static string MessageFor(string uniqueName, MppProject existing) =>
            $"already deployed by this wallet: '{uniqueName}' (project {existing.Id}, {existing.Status}). Deployments made through the gateway cannot be updated: remove it with Remove-MppProject -ProjectId {existing.Id}, or deploy under another -Name. Nothing was paid.";
    }
}
