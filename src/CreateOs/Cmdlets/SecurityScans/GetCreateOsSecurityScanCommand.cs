using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.SecurityScans
{
    /// <summary>
    /// <para type="synopsis">Gets the latest security scan of a deployment, with its parsed report once it succeeded.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsSecurityScan")]
    [OutputType(typeof(SecurityScan))]
    public sealed class GetCreateOsSecurityScanCommand : SecurityScanCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(DeploymentId, () => WriteObject(Await(ct => api.SecurityScans.GetAsync(ProjectId, DeploymentId, ct))));
        }
    }
}
