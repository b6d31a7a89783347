using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Environments
{
    /// <summary>A cmdlet about one environment: -ProjectId and -EnvironmentId, bound from environment objects.</summary>
    public abstract class EnvironmentCmdlet : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        /// <summary>Shown in confirmations; bound from environment objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? UniqueName { get; set; }

        protected override string ErrorNoun => "Environment";

        protected string What => UniqueName is null ? $"environment {EnvironmentId} of project {ProjectId}" : $"environment '{UniqueName}' ({EnvironmentId})";
    }
}
