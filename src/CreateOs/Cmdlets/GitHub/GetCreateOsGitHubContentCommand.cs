using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.GitHub
{
    /// <summary>
    /// <para type="synopsis">Lists one folder of a repository branch (a GitHub tree): files ("blob") and folders ("tree").</para>
    /// <para type="description">Without -TreeSha the root is listed. Folders pipe back in: ... | Where-Object Type -eq tree | Get-CreateOsGitHubContent lists their contents.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsGitHubContent")]
    [OutputType(typeof(GitHubTreeEntry))]
    public sealed class GetCreateOsGitHubContentCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string InstallationId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "full_name")]
        [ValidateNotNullOrEmpty]
        public string Repository { get; set; } = "";

        /// <summary>The branch; bound from tree entries, so folders pipe back in.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Branch { get; set; } = "";

        /// <summary>The folder to list (a tree entry's Sha); the root when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Sha")]
        public string? TreeSha { get; set; }

        /// <summary>The folder's path, to give entries their full path; bound from tree entries.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? FullPath { get; set; }

        protected override string ErrorNoun => "GitHubContent";

        protected override void ProcessRecord()
        {
            var api = Api;
            var parent = string.IsNullOrEmpty(FullPath) ? "" : FullPath + "/";
            TryInvoke(Repository, () =>
            {
                var tree = Await(ct => api.GitHub.GetContentAsync(InstallationId, Repository, Branch, TreeSha, ct));
                foreach (var entry in tree.Tree)
                {
                    entry.InstallationId = InstallationId;
                    entry.Repository = Repository;
                    entry.Branch = Branch;
                    entry.FullPath = parent + entry.Path;
                    WriteObject(entry);
                }
            });
        }
    }
}
