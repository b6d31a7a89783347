using System.Collections;
using System.Management.Automation;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>
    /// <para type="synopsis">Changes a cronjob's name, schedule or HTTP call; what is not named keeps its value.</para>
    /// <para type="description">The API replaces name, schedule and settings together, so the cmdlet reads the cronjob and sends the current values for what you did not name. The type and the environment are fixed at creation: to move a job, create a new one and remove the old.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsCronjob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Cronjob))]
    public sealed class SetCreateOsCronjobCommand : CronjobCmdlet
    {
        /// <summary>The new name (1–255 characters).</summary>
        [Parameter]
        public string? NewName { get; set; }

        /// <summary>A cron expression (five fields) or a macro such as @daily.</summary>
        [Parameter]
        public string? Schedule { get; set; }

        /// <summary>The path to call on the environment's endpoint, starting with '/'.</summary>
        [Parameter]
        public string? Path { get; set; }

        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")]
        public string? Method { get; set; }

        /// <summary>Replaces all request headers; @{} removes them.</summary>
        [Parameter]
        public IDictionary? Header { get; set; }

        /// <summary>The request body; an empty string removes it.</summary>
        [Parameter]
        public string? Body { get; set; }

        /// <summary>1–5 seconds.</summary>
        [Parameter]
        public int? TimeoutSec { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            CronjobSettings? given = null;
            if (!TryInvoke(CronjobId, () =>
            {
                given = SettingsOf(Path, Method, Header, Body, TimeoutSec);
                if (NewName != null) Core.Validation.CreateOsRules.Length("NewName", NewName, 1, CronjobRules.NameMax);
                if (Schedule != null) Core.Validation.CronSchedule.Validate("Schedule", Schedule);
            })) return;
            if (!ShouldProcess(What, "Update")) return;
            var api = Api;
            TryInvoke(CronjobId, () =>
            {
                var updated = Await(async ct =>
                {
                    var current = await api.Cronjobs.GetAsync(ProjectId, CronjobId, ct).ConfigureAwait(false);
                    var settings = given is null ? null : Merge(current.Settings, given);
                    if (settings != null) CronjobRules.Settings(settings);
                    var update = new CronjobUpdate { Name = NewName ?? current.Name, Schedule = Schedule ?? current.Schedule, Settings = settings };
                    await api.Cronjobs.UpdateAsync(ProjectId, CronjobId, update, ct).ConfigureAwait(false);
                    return PassThru ? await api.Cronjobs.GetAsync(ProjectId, CronjobId, ct).ConfigureAwait(false) : null;
                });
                if (updated != null) WriteObject(updated);
            });
        }

        /// <summary>The current call with the parts that were given replaced.</summary>
        private CronjobSettings Merge(CronjobSettings? current, CronjobSettings given) => new CronjobSettings
        {
            Path = Path ?? current?.Path ?? "",
            Method = Method?.ToUpperInvariant() ?? current?.Method ?? "GET",
            Headers = Header != null ? given.Headers : current?.Headers,
            Body = Body != null ? (Body.Length == 0 ? null : Body) : current?.Body,
            TimeoutInSeconds = TimeoutSec ?? current?.TimeoutInSeconds,
        };
    }
}
