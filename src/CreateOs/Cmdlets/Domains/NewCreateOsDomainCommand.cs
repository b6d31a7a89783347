using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;

namespace CreateOs.Commands.Domains
{
    /// <summary>
    /// <para type="synopsis">Adds a custom domain to a project, optionally pointing at an environment; it starts pending until its DNS records exist.</para>
    /// <para type="description">The output lists the DNS records to create (Records). Once they exist, run Update-CreateOsDomain to verify the domain and issue its certificate.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Domain))]
    public sealed class NewCreateOsDomainCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The domain, e.g. api.example.com.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public string Name { get; set; } = "";

        /// <summary>The environment the domain serves; bound from environment objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string? EnvironmentId { get; set; }

        protected override string ErrorNoun => "Domain";

        protected override void ProcessRecord()
        {
            var name = Name.Trim().ToLowerInvariant();
            if (!TryInvoke(Name, () => CreateOsRules.DomainName("Name", name))) return;
            if (!ShouldProcess($"project {ProjectId}", $"Add domain {name}" + (EnvironmentId is null ? "" : $" for environment {EnvironmentId}"))) return;
            var api = Api;
            TryInvoke(name, () => WriteObject(Await(async ct =>
            {
                var id = await api.Domains.CreateAsync(ProjectId, name, EnvironmentId, ct).ConfigureAwait(false);
                var domains = await api.Domains.ListAsync(ProjectId, ct).ConfigureAwait(false);
                foreach (var domain in domains)
                    if (domain.Id == id) return domain;
                throw Core.Api.ApiErrors.NotFound($"domain {name} was created (id {id}) but is not listed yet; run Get-CreateOsDomain -ProjectId {ProjectId}");
            })));
        }
    }
}
