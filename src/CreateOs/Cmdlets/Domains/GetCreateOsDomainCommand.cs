using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Domains
{
    /// <summary>
    /// <para type="synopsis">Gets a project's custom domains with their status and the DNS records to create.</para>
    /// <para type="description">Records is the flattened list (type, name, value); RecordData keeps the records exactly as the API sent them.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsDomain", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(Domain))]
    public sealed class GetCreateOsDomainCommand : CreateOsCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The domain name; wildcards allowed.</summary>
        [Parameter(Position = 1, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DomainNameCompleter))]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DomainIdCompleter))]
        public string[] DomainId { get; set; } = Array.Empty<string>();

        /// <summary>Only domains in this status.</summary>
        [Parameter]
        [ValidateSet("pending", "issuing", "updating", "active", "error", "deleting", "verified")]
        public string? Status { get; set; }

        protected override string ErrorNoun => "Domain";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(ProjectId, () =>
            {
                var domains = Await(ct => api.Domains.ListAsync(ProjectId, ct)).AsEnumerable();
                if (Status != null) domains = domains.Where(d => d.Status == Status);
                if (ParameterSetName == IdSet)
                {
                    WriteEachById(domains, DomainId, d => d.Id, id => $"Project {ProjectId} has no domain {id}.", $"List the domains with Get-CreateOsDomain -ProjectId {ProjectId}.");
                    return;
                }
                if (Name != null)
                {
                    var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                    domains = domains.Where(d => pattern.IsMatch(d.Name));
                }
                WriteObject(domains.ToList(), enumerateCollection: true);
            });
        }
    }
}
