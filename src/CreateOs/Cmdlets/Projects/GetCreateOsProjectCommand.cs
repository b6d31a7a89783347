using System;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Projects
{
    /// <summary>
    /// <para type="synopsis">Gets CreateOS projects: by id, by name (wildcards allowed), or a filtered list.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsProject", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Project))]
    public sealed class GetCreateOsProjectCommand : CreateOsCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ProjectId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>The project's unique name; wildcards match several. Names piped in as strings are looked up one by one.</summary>
        [Parameter(Position = 0, ParameterSetName = ListSet, ValueFromPipeline = true)]
        [Alias("UniqueName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        public string? Name { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("active", "deleting", "deleted")]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("vcs", "image", "upload")]
        public string? Type { get; set; }

        /// <summary>Only projects of this app; "null" for projects in no app.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? AppId { get; set; }

        /// <summary>Every page, not just the first.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter All { get; set; }

        protected override string ErrorNoun => "Project";

        protected override void ProcessRecord()
        {
            var api = Api;
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                    TryInvoke(id, () => WriteObject(Await(ct => api.Projects.GetAsync(id, ct))));
                return;
            }

            if (Name is null)
            {
                var filter = new ProjectFilter { Status = Status, Type = Type, App = AppId };
                TryInvoke(null, () => WritePaged<Project>(All, "projects", (offset, limit, ct) => api.Projects.ListPageAsync(filter, offset, limit, ct)));
                return;
            }

            var hasWildcard = WildcardPattern.ContainsWildcardCharacters(Name);
            var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            var byName = new ProjectFilter { Name = hasWildcard ? null : Name, Status = Status, Type = Type, App = AppId };
            var found = 0;
            TryInvoke(Name, () => WritePaged<Project>(true, "projects", (offset, limit, ct) => api.Projects.ListPageAsync(byName, offset, limit, ct),
                project => { var match = pattern.IsMatch(project.UniqueName); if (match) found++; return match; }));
            if (found == 0 && !hasWildcard)
            {
                WriteError(NotFoundError(Name, $"No project named '{Name}'.", "List your projects with Get-CreateOsProject."));
            }
        }
    }
}
