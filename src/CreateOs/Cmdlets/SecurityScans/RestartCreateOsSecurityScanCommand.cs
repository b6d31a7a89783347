using System.Management.Automation;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.SecurityScans
{
    /// <summary>
    /// <para type="synopsis">Runs a failed security scan again (only failed scans can be retriggered; the status is checked first).</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "CreateOsSecurityScan", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(SecurityScan))]
    public sealed class RestartCreateOsSecurityScanCommand : SecurityScanCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(DeploymentId, () =>
            {
                var current = Await(ct => api.SecurityScans.GetAsync(ProjectId, DeploymentId, ct));
                if (current.Status != "failed")
                    throw new WrongStateException($"Cannot retrigger the {What}: its status is '{current.Status}' and only failed scans can be retriggered. Nothing was sent.",
                        current.Status, current.IsSucceeded ? "The scan succeeded; read it with Get-CreateOsSecurityScan or Save-CreateOsSecurityScanReport." : "Wait for the running scan to finish.");
                if (!ShouldProcess(What, "Retrigger")) return;
                WriteObject(Await(async ct =>
                {
                    await api.SecurityScans.RetriggerAsync(ProjectId, DeploymentId, ct).ConfigureAwait(false);
                    return await api.SecurityScans.GetAsync(ProjectId, DeploymentId, ct).ConfigureAwait(false);
                }));
            });
        }
    }
}
