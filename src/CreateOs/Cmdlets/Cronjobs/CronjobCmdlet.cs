using System.Collections;
using System.Management.Automation;
using CreateOs.Commands.Environments;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>A cmdlet about one cronjob: -ProjectId and -CronjobId (and Name, for messages), bound from cronjob objects.</summary>
    public abstract class CronjobCmdlet : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CronjobIdCompleter))]
        public string CronjobId { get; set; } = "";

        /// <summary>Shown in confirmations; bound from cronjob objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Name { get; set; }

        protected override string ErrorNoun => "Cronjob";

        protected string What => Name is null ? $"cronjob {CronjobId} of project {ProjectId}" : $"cronjob '{Name}' ({CronjobId})";

        /// <summary>The HTTP call of an http cronjob from the cmdlet's parameters; null when none of them was given.</summary>
        internal static CronjobSettings? SettingsOf(string? path, string? method, IDictionary? headers, string? body, int? timeoutSec)
        {
            if (path is null && method is null && headers is null && body is null && timeoutSec is null) return null;
            return new CronjobSettings
            {
                Path = path ?? "",
                Method = (method ?? "GET").ToUpperInvariant(),
                Headers = headers is null ? null : VariableMaps.ToInvariantStrings(headers, "Headers"),
                Body = body,
                TimeoutInSeconds = timeoutSec,
            };
        }
    }
}
