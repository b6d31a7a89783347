using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>
    /// <para type="synopsis">Resumes suspended cronjobs (UnsuspendCronjob): they run on schedule again.</para>
    /// <para type="description">Resuming a cronjob that is not suspended is refused by the platform (HTTP 422) and reported as CreateOs.CronjobInvalidState for that cronjob; the others go on.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "CreateOsCronjob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Cronjob))]
    public sealed class ResumeCreateOsCronjobCommand : CronjobCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(What, "Resume")) return;
            var api = Api;
            TryInvoke(CronjobId, () =>
            {
                var resumed = Await(async ct =>
                {
                    await api.Cronjobs.UnsuspendAsync(ProjectId, CronjobId, ct).ConfigureAwait(false);
                    return PassThru ? await api.Cronjobs.GetAsync(ProjectId, CronjobId, ct).ConfigureAwait(false) : null;
                });
                if (resumed != null) WriteObject(resumed);
            });
        }
    }
}
