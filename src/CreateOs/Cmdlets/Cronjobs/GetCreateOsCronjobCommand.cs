using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>
    /// <para type="synopsis">Gets the cronjobs of a project: all of them, by name (wildcards allowed) or by id.</para>
    /// <para type="description">A project has at most four cronjobs. Each carries ProjectId, CronjobId and EnvironmentId, so it pipes into Suspend-CreateOsCronjob, Set-CreateOsCronjob, Get-CreateOsCronjobActivity and the others.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsCronjob", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Cronjob))]
    public sealed class GetCreateOsCronjobCommand : CreateOsCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The cronjob's name; wildcards match several.</summary>
        [Parameter(Position = 1, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CronjobNameCompleter))]
        public string? Name { get; set; }

        /// <summary>Only cronjobs in this status.</summary>
        [Parameter(ParameterSetName = NameSet)]
        [ValidateSet("pending", "building", "active", "suspending", "suspended", "deleting")]
        public string? Status { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CronjobIdCompleter))]
        public string[] CronjobId { get; set; } = Array.Empty<string>();

        protected override string ErrorNoun => "Cronjob";

        protected override void ProcessRecord()
        {
            var api = Api;
            if (ParameterSetName == IdSet)
            {
                foreach (var id in CronjobId)
                    TryInvoke(id, () => WriteObject(Await(ct => api.Cronjobs.GetAsync(ProjectId, id, ct))));
                return;
            }
            TryInvoke(ProjectId, () =>
            {
                var cronjobs = Await(ct => api.Cronjobs.ListAsync(ProjectId, ct)).AsEnumerable();
                if (Status != null) cronjobs = cronjobs.Where(c => c.Status == Status);
                if (Name is null)
                {
                    WriteObject(cronjobs.ToList(), enumerateCollection: true);
                    return;
                }
                var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                var matched = cronjobs.Where(c => pattern.IsMatch(c.Name)).ToList();
                WriteObject(matched, enumerateCollection: true);
                if (matched.Count > 0 || WildcardPattern.ContainsWildcardCharacters(Name)) return;
                var hint = $"List the cronjobs with Get-CreateOsCronjob -ProjectId {ProjectId}.";
                if (MyInvocation.ExpectingInput) WriteVerbose($"Project {ProjectId} has no cronjob named '{Name}'.");
                else WriteError(NotFoundError(Name, $"Project {ProjectId} has no cronjob named '{Name}'.", hint));
            });
        }
    }
}
