using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Gets an environment's variables, one object per variable (pipe them to Remove-CreateOsEnvironmentVariable).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsEnvironmentVariable")]
    [OutputType(typeof(EnvironmentVariable))]
    public sealed class GetCreateOsEnvironmentVariableCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        /// <summary>Variable names to get; wildcards allowed.</summary>
        [Parameter(Position = 2)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        protected override string ErrorNoun => "EnvironmentVariable";

        protected override void ProcessRecord()
        {
            var api = Api;
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.None)).ToList();
            TryInvoke(EnvironmentId, () =>
            {
                var environment = Await(ct => api.Environments.GetAsync(ProjectId, EnvironmentId, ct));
                foreach (var pair in environment.Settings.RunEnvs.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (patterns != null && !patterns.Any(p => p.IsMatch(pair.Key))) continue;
                    WriteObject(new EnvironmentVariable
                    {
                        ProjectId = environment.ProjectId,
                        EnvironmentId = environment.Id,
                        EnvironmentName = environment.UniqueName,
                        Name = pair.Key,
                        Value = pair.Value,
                    });
                }
            });
        }
    }
}
