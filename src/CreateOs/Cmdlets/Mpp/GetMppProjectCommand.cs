using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Mpp
{
    /// <summary>
    /// <para type="synopsis">Gets the projects the connected wallet deployed through the pay-per-deploy gateway.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MppProject")]
    [OutputType(typeof(MppProject))]
    public sealed class GetMppProjectCommand : MppCmdlet
    {
        /// <summary>Only projects whose unique name matches (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [Alias("UniqueName")]
        public string? Name { get; set; }

        protected override string ErrorNoun => "MppProject";

        protected override void ProcessRecord()
        {
            RequireWallet();
            var gateway = Gateway;
            var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            TryInvoke(Name, () =>
            {
                foreach (var project in Await(ct => gateway.GetProjectsAsync(ct)))
                    if (pattern is null || pattern.IsMatch(project.Name)) WriteObject(project);
            });
        }
    }
}
