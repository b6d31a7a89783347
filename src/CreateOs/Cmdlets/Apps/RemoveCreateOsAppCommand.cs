using System.Management.Automation;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Deletes an app; its projects and services stay, with no app.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsAppCommand : AppCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess($"app {AppId}", "Delete")) return;
            var api = Api;
            TryInvoke(AppId, () => Await(ct => api.Apps.DeleteAsync(AppId, ct)));
        }
    }
}
