using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using CreateOs.Commands.Deployments;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Gets the runtime log of the deployment an environment serves, as lines; -Follow keeps printing new lines until Ctrl+C.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsEnvironmentLog")]
    [OutputType(typeof(string))]
    public sealed class GetCreateOsEnvironmentLogCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        [Parameter]
        [NumberRange(1, 7 * 24 * 3600)]
        public int SinceSeconds { get; set; } = 60;

        [Parameter]
        public SwitchParameter Follow { get; set; }

        [Parameter(DontShow = true)]
        [NumberRange(0.01, 60)]
        public double PollIntervalSeconds { get; set; } = 2;

        protected override string ErrorNoun => "EnvironmentLog";

        protected override void ProcessRecord()
        {
            var api = Api;
            var interval = TimeSpan.FromSeconds(PollIntervalSeconds);
            WriteTextLog(EnvironmentId, SinceSeconds, Follow, interval, (since, ct) => api.Environments.GetLogsAsync(ProjectId, EnvironmentId, since, ct));
        }
    }
}
