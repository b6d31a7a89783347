using System;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Gets marketplace templates: listed ones (by name and category), your own (-Mine) or by id.</para>
    /// <para type="description">Listed templates stream page by page (-First, -Skip, -All); -Name matches part of the name on the server, -Category any of the categories. -Mine lists your own templates in every status but deleted, with -Status to narrow them.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsTemplate", DefaultParameterSetName = ListedSet, SupportsPaging = true)]
    [OutputType(typeof(ProjectTemplate))]
    public sealed class GetCreateOsTemplateCommand : CreateOsCmdlet
    {
        private const string ListedSet = "Listed";
        private const string MineSet = "Mine";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplateIdCompleter))]
        public string[] TemplateId { get; set; } = Array.Empty<string>();

        /// <summary>Part of the template name (matched by the server).</summary>
        [Parameter(Position = 0, ParameterSetName = ListedSet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Templates in any of these categories.</summary>
        [Parameter(ParameterSetName = ListedSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplateCategoryCompleter))]
        public string[]? Category { get; set; }

        /// <summary>Your own templates instead of the listed ones.</summary>
        [Parameter(Mandatory = true, ParameterSetName = MineSet)]
        public SwitchParameter Mine { get; set; }

        /// <summary>With -Mine: only templates in this status.</summary>
        [Parameter(ParameterSetName = MineSet)]
        [ValidateSet("draft", "underReview", "publishing", "listed", "rejected")]
        public string? Status { get; set; }

        /// <summary>Every page, not just the first.</summary>
        [Parameter(ParameterSetName = ListedSet)]
        [Parameter(ParameterSetName = MineSet)]
        public SwitchParameter All { get; set; }

        protected override string ErrorNoun => "Template";

        protected override void ProcessRecord()
        {
            var api = Api;
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in TemplateId)
                        TryInvoke(id, () => WriteObject(Await(ct => api.Templates.GetAsync(id, ct))));
                    break;
                case MineSet:
                    TryInvoke(null, () => WritePaged<ProjectTemplate>(All || Status != null, "templates", (offset, limit, ct) => api.Templates.ListMinePageAsync(offset, limit, ct),
                        Status is null ? null : t => t.Status == Status));
                    break;
                default:
                    TryInvoke(Name, () => WritePaged<ProjectTemplate>(All, "templates", (offset, limit, ct) => api.Templates.ListPublishedPageAsync(Name, Category, offset, limit, ct)));
                    break;
            }
        }
    }
}
