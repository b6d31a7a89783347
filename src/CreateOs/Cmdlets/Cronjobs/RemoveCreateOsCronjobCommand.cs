using System.Management.Automation;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>
    /// <para type="synopsis">Removes cronjobs (asynchronously: they go to 'deleting', then disappear).</para>
    /// <para type="description">Removing frees a place under the limit of four cronjobs per project once the deletion completes.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsCronjob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsCronjobCommand : CronjobCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, "Remove")) return;
            var api = Api;
            TryInvoke(CronjobId, () => Await(ct => api.Cronjobs.DeleteAsync(ProjectId, CronjobId, ct)));
        }
    }
}
