using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Domains
{
    /// <summary>A domain queued for a bulk change.</summary>
    public sealed class DomainItem
    {
        public string ProjectId { get; set; } = "";
        public string DomainId { get; set; } = "";
        public string? Name { get; set; }

        public override string ToString() => Name ?? DomainId;
    }

    /// <summary>
    /// Domain cmdlets that change many domains: -ProjectId/-DomainId (and Name, Status) bind from domain objects, and the
    /// changes run concurrently up to -ThrottleLimit with results and errors in input order.
    /// </summary>
    public abstract class DomainBulkCmdlet : BulkCreateOsCmdlet<DomainItem>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DomainIdCompleter))]
        public string DomainId { get; set; } = "";

        /// <summary>Shown in confirmations; bound from domain objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Name { get; set; }

        /// <summary>The status of a piped domain, so a wrong state is refused before any request.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Status { get; set; }

        protected override string ErrorNoun => "Domain";

        protected string What => Name is null ? $"domain {DomainId} of project {ProjectId}" : $"domain '{Name}' ({DomainId})";

        protected DomainItem CurrentItem => new DomainItem { ProjectId = ProjectId, DomainId = DomainId, Name = Name };

        protected override object? TargetOf(DomainItem item) => item;

        protected static async Task<Domain> FindAsync(CreateOsClient api, DomainItem item, CancellationToken ct)
        {
            var domains = await api.Domains.ListAsync(item.ProjectId, ct).ConfigureAwait(false);
            return domains.FirstOrDefault(d => string.Equals(d.Id, item.DomainId, StringComparison.OrdinalIgnoreCase))
                ?? throw ApiErrors.NotFound($"project {item.ProjectId} has no domain {item.DomainId}");
        }
    }
}
