using System.Collections;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Creates an environment of a project (a branch for VCS projects), with variables and resources.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectEnvironment))]
    public sealed class NewCreateOsEnvironmentCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The unique name: 4–32 letters, digits and hyphens.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("UniqueName")]
        public string Name { get; set; } = "";

        /// <summary>4–48 letters, digits, spaces, '_' and '-'; defaults to the name.</summary>
        [Parameter]
        public string? DisplayName { get; set; }

        /// <summary>4–2048 characters (required by the API; defaults to "&lt;name&gt; environment").</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>The branch to deploy (required for VCS projects, not allowed for image projects).</summary>
        [Parameter]
        public string? Branch { get; set; }

        /// <summary>Promote new deployments of the branch automatically.</summary>
        [Parameter]
        public SwitchParameter AutoPromote { get; set; }

        /// <summary>Environment variables, e.g. @{ LOG_LEVEL = 'info' }.</summary>
        [Parameter]
        public IDictionary? Variables { get; set; }

        /// <summary>Image projects only: the port the container listens on.</summary>
        [Parameter]
        public int? Port { get; set; }

        /// <summary>Millicores, 200–500.</summary>
        [Parameter]
        public int Cpu { get; set; } = CreateOsRules.CpuMin;

        /// <summary>MB, 500–1024.</summary>
        [Parameter]
        public int Memory { get; set; } = CreateOsRules.MemoryMin;

        /// <summary>1–3.</summary>
        [Parameter]
        public int Replicas { get; set; } = 1;

        protected override string ErrorNoun => "Environment";

        protected override void ProcessRecord()
        {
            NewEnvironment environment = null!;
            if (!TryInvoke(Name, () =>
            {
                environment = new NewEnvironment
                {
                    UniqueName = Name,
                    DisplayName = DisplayName ?? Name,
                    Description = Description ?? Name + " environment",
                    Branch = Branch,
                    IsAutoPromoteEnabled = AutoPromote.IsPresent ? true : (bool?)null,
                    RunEnvs = VariableMaps.ToStringMap(Variables, nameof(Variables)),
                    Port = Port,
                    Resources = new EnvironmentResources { Cpu = Cpu, Memory = Memory, Replicas = Replicas },
                };
                environment.Validate();
            })) return;
            if (!ShouldProcess($"environment '{Name}' of project {ProjectId}", "Create")) return;
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(async ct =>
            {
                var id = await api.Environments.CreateAsync(ProjectId, environment, ct).ConfigureAwait(false);
                return await api.Environments.GetAsync(ProjectId, id, ct).ConfigureAwait(false);
            })));
        }
    }
}
