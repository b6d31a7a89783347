using System;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.GitHub
{
    /// <summary>
    /// <para type="synopsis">Gets the branches of a repository, page by page (GitHub-style paging: -First, -Skip, -All).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsGitHubBranch", SupportsPaging = true)]
    [OutputType(typeof(GitHubBranch))]
    public sealed class GetCreateOsGitHubBranchCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string InstallationId { get; set; } = "";

        /// <summary>owner/repo; bound from repositories' FullName.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "full_name")]
        [ValidateNotNullOrEmpty]
        public string Repository { get; set; } = "";

        /// <summary>Only protected (true) or unprotected (false) branches.</summary>
        [Parameter]
        public bool Protected { get; set; }

        /// <summary>Branches per request (1–100).</summary>
        [Parameter]
        [ValidateRange(1, GitHubApi.MaxBranchesPerPage)]
        public int PageSize { get; set; } = 30;

        /// <summary>Every page; without it (or -First) one page is written.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override string ErrorNoun => "GitHubBranch";

        protected override void ProcessRecord()
        {
            var api = Api;
            bool? protectedOnly = MyInvocation.BoundParameters.ContainsKey(nameof(Protected)) ? Protected : (bool?)null;
            var paging = PagingParameters;
            var skip = (long)Math.Min(paging.Skip, int.MaxValue);
            long? first = paging.First != ulong.MaxValue ? (long)Math.Min(paging.First, int.MaxValue) : All ? (long?)null : PageSize;
            var perPage = PageSize;
            TryInvoke(Repository, () => Await(async ct =>
            {
                // Pages are numbered: start at the page holding item "skip", drop what precedes it on that page.
                var page = (int)(skip / perPage) + 1;
                var dropOnFirstPage = (int)(skip % perPage);
                long written = 0;
                while (first is null || written < first.Value)
                {
                    var branches = await api.GitHub.ListBranchesAsync(InstallationId, Repository, page, perPage, protectedOnly, ct).ConfigureAwait(false);
                    for (var i = dropOnFirstPage; i < branches.Count && (first is null || written < first.Value); i++, written++)
                    {
                        var branch = branches[i];
                        OnPipelineThread(() => WriteObject(branch));
                    }
                    dropOnFirstPage = 0;
                    if (branches.Count < perPage) break;
                    page++;
                }
            }));
        }
    }
}
