using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Gets the environments of a project, by unique name (wildcards allowed) or by id.</para>
    /// <para type="description">A name that does not exist is an error for a project given as a parameter; for projects from the pipeline it is only reported with -Verbose, so a name can be looked for across all projects.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsEnvironment", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ProjectEnvironment))]
    public sealed class GetCreateOsEnvironmentCommand : CreateOsCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The environment's unique name; wildcards match several.</summary>
        [Parameter(Position = 1, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string[] EnvironmentId { get; set; } = Array.Empty<string>();

        protected override string ErrorNoun => "Environment";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(ProjectId, () =>
            {
                var environments = Await(ct => api.Environments.ListAsync(ProjectId, ct));
                if (ParameterSetName == IdSet)
                {
                    WriteEachById(environments, EnvironmentId, e => e.Id, id => $"Project {ProjectId} has no environment {id}.", ListHint);
                    return;
                }
                if (Name is null)
                {
                    WriteObject(environments, enumerateCollection: true);
                    return;
                }
                var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                var matched = environments.Where(e => pattern.IsMatch(e.UniqueName)).ToList();
                WriteObject(matched, enumerateCollection: true);
                if (matched.Count > 0 || WildcardPattern.ContainsWildcardCharacters(Name)) return;
                // Across piped projects (Get-CreateOsProject -All | Get-CreateOsEnvironment -Name production) a project
                // without that environment is expected, not an error.
                if (MyInvocation.ExpectingInput) WriteVerbose($"Project {ProjectId} has no environment named '{Name}'.");
                else WriteError(NotFoundError(Name, $"Project {ProjectId} has no environment named '{Name}'.", ListHint));
            });
        }

        private string ListHint => $"List the environments with Get-CreateOsEnvironment -ProjectId {ProjectId}.";
    }
}
