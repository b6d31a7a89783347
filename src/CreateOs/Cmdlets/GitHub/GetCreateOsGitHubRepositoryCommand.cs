using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.GitHub
{
    /// <summary>
    /// <para type="synopsis">Gets the repositories a GitHub installation can see (pipe accounts from Get-CreateOsGitHubAccount).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsGitHubRepository")]
    [OutputType(typeof(GitHubRepository))]
    public sealed class GetCreateOsGitHubRepositoryCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string InstallationId { get; set; } = "";

        /// <summary>Repository name or owner/name; wildcards allowed.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        public string? Name { get; set; }

        protected override string ErrorNoun => "GitHubRepository";

        protected override void ProcessRecord()
        {
            var api = Api;
            var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            TryInvoke(InstallationId, () =>
            {
                var repositories = Await(ct => api.GitHub.ListRepositoriesAsync(InstallationId, ct));
                WriteObject(repositories.Where(r => pattern is null || pattern.IsMatch(r.Name) || pattern.IsMatch(r.FullName)).ToList(), enumerateCollection: true);
            });
        }
    }
}
