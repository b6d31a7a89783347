using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>
    /// <para type="synopsis">Schedules a cronjob on an environment: an HTTP call (path, method, headers, body) on a cron schedule.</para>
    /// <para type="description">Every field is checked before any request (name 1–255 characters, a five-field cron expression or a macro such as @daily, path starting with '/', timeout 1–5 s), and so is the limit of four cronjobs per project. The type and the environment cannot change later.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsCronjob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Cronjob))]
    public sealed class NewCreateOsCronjobCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The environment whose endpoint the job calls; bound from environment objects.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        /// <summary>1–255 characters, unique within the project.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        public string Name { get; set; } = "";

        /// <summary>A cron expression (minute hour day-of-month month day-of-week), e.g. '*/5 * * * *', or a macro such as @hourly.</summary>
        [Parameter(Mandatory = true, Position = 3)]
        public string Schedule { get; set; } = "";

        [Parameter]
        [ValidateSet("http", "artifact")]
        public string Type { get; set; } = "http";

        /// <summary>The path to call on the environment's endpoint, starting with '/'.</summary>
        [Parameter]
        public string? Path { get; set; }

        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")]
        public string? Method { get; set; }

        /// <summary>Request headers, e.g. @{ 'X-Token' = $token }.</summary>
        [Parameter]
        public IDictionary? Header { get; set; }

        [Parameter]
        public string? Body { get; set; }

        /// <summary>1–5 seconds.</summary>
        [Parameter]
        public int? TimeoutSec { get; set; }

        protected override string ErrorNoun => "Cronjob";

        protected override void ProcessRecord()
        {
            NewCronjob? cronjob = null;
            if (!TryInvoke(Name, () =>
            {
                cronjob = new NewCronjob
                {
                    EnvironmentId = EnvironmentId,
                    Name = Name,
                    Schedule = Schedule,
                    Type = Type,
                    Settings = CronjobCmdlet.SettingsOf(Path, Method, Header, Body, TimeoutSec),
                };
                cronjob.Validate();
            })) return;
            if (!ShouldProcess($"project {ProjectId}", $"Schedule cronjob '{Name}' ({Schedule}{(cronjob!.Settings is null ? "" : ", " + cronjob.Settings)}) on environment {EnvironmentId}")) return;
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(async ct =>
            {
                var existing = await api.Cronjobs.ListAsync(ProjectId, ct).ConfigureAwait(false);
                if (existing.Count >= CronjobRules.MaxPerProject)
                    throw ApiErrors.LimitReached($"Project {ProjectId} already has {existing.Count} cronjobs, the most a project may have ({CronjobRules.MaxPerProject}); nothing was sent. Remove one with Remove-CreateOsCronjob first.");
                if (existing.Any(c => string.Equals(c.Name, Name, StringComparison.OrdinalIgnoreCase)))
                    throw ApiErrors.Conflict($"Project {ProjectId} already has a cronjob named '{Name}'; nothing was sent.");
                var id = await api.Cronjobs.CreateAsync(ProjectId, cronjob, ct).ConfigureAwait(false);
                return await api.Cronjobs.GetAsync(ProjectId, id, ct).ConfigureAwait(false);
            })));
        }
    }
}
