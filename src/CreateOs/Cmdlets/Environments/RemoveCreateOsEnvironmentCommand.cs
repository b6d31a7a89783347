using System.Management.Automation;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Deletes an environment; its domains are detached.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsEnvironmentCommand : EnvironmentCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, "Delete")) return;
            var api = Api;
            TryInvoke(EnvironmentId, () => Await(ct => api.Environments.DeleteAsync(ProjectId, EnvironmentId, ct)));
        }
    }
}
