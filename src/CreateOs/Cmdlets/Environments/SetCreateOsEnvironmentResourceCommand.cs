using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;

namespace CreateOs.Commands.Environments
{
    /// <summary>One queued resize.</summary>
    public sealed class ResourceChange
    {
        public string ProjectId { get; set; } = "";
        public string EnvironmentId { get; set; } = "";
        public int? Cpu { get; set; }
        public int? Memory { get; set; }
        public int? Replicas { get; set; }
    }

    /// <summary>
    /// <para type="synopsis">Changes an environment's CPU (200–500 millicores), memory (500–1024 MB) or replicas (1–3); what is not given keeps its value.</para>
    /// <para type="description">Ranges are checked before any request. Many environments from the pipeline are resized concurrently (-ThrottleLimit); results and errors come in input order.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsEnvironmentResource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EnvironmentResources))]
    public sealed class SetCreateOsEnvironmentResourceCommand : BulkCreateOsCmdlet<ResourceChange>
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        /// <summary>Millicores, 200–500.</summary>
        [Parameter]
        public int? Cpu { get; set; }

        /// <summary>MB, 500–1024.</summary>
        [Parameter]
        public int? Memory { get; set; }

        /// <summary>1–3.</summary>
        [Parameter]
        public int? Replicas { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "Environment";

        protected override string BulkActivity => "Resizing environments";

        protected override object? TargetOf(ResourceChange item) => item.EnvironmentId;

        protected override void ProcessRecord()
        {
            if (!TryInvoke(EnvironmentId, () =>
            {
                if (Cpu is null && Memory is null && Replicas is null)
                    throw new ValidationException("Cpu", null, "Give at least one of -Cpu, -Memory and -Replicas.");
                if (Cpu.HasValue) CreateOsRules.Range("Cpu", Cpu.Value, CreateOsRules.CpuMin, CreateOsRules.CpuMax);
                if (Memory.HasValue) CreateOsRules.Range("Memory", Memory.Value, CreateOsRules.MemoryMin, CreateOsRules.MemoryMax);
                if (Replicas.HasValue) CreateOsRules.Range("Replicas", Replicas.Value, CreateOsRules.ReplicasMin, CreateOsRules.ReplicasMax);
            })) return;
            var change = $"{(Cpu is null ? "" : $" cpu {Cpu}m")}{(Memory is null ? "" : $" memory {Memory} MB")}{(Replicas is null ? "" : $" replicas {Replicas}")}";
            if (!ShouldProcess($"environment {EnvironmentId} of project {ProjectId}", "Resize to" + change)) return;
            Enqueue(new ResourceChange { ProjectId = ProjectId, EnvironmentId = EnvironmentId, Cpu = Cpu, Memory = Memory, Replicas = Replicas });
        }

        protected override async Task<object?> ExecuteAsync(CreateOsClient api, ResourceChange item, CancellationToken ct)
        {
            var current = (await api.Environments.GetAsync(item.ProjectId, item.EnvironmentId, ct).ConfigureAwait(false)).Resources;
            var next = new EnvironmentResources
            {
                Cpu = item.Cpu ?? current.Cpu,
                Memory = item.Memory ?? current.Memory,
                Replicas = item.Replicas ?? current.Replicas,
            };
            await api.Environments.SetResourcesAsync(item.ProjectId, item.EnvironmentId, next, ct).ConfigureAwait(false);
            return PassThru ? next : null;
        }
    }
}
