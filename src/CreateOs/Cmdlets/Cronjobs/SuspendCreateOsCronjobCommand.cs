using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>
    /// <para type="synopsis">Suspends cronjobs: they stop running on schedule until Resume-CreateOsCronjob.</para>
    /// <para type="description">Suspending a cronjob that is already suspended is refused by the platform (HTTP 422) and reported as CreateOs.CronjobInvalidState for that cronjob; the others go on.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Suspend, "CreateOsCronjob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Cronjob))]
    public sealed class SuspendCreateOsCronjobCommand : CronjobCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, "Suspend")) return;
            var api = Api;
            TryInvoke(CronjobId, () =>
            {
                var suspended = Await(async ct =>
                {
                    await api.Cronjobs.SuspendAsync(ProjectId, CronjobId, ct).ConfigureAwait(false);
                    return PassThru ? await api.Cronjobs.GetAsync(ProjectId, CronjobId, ct).ConfigureAwait(false) : null;
                });
                if (suspended != null) WriteObject(suspended);
            });
        }
    }
}
