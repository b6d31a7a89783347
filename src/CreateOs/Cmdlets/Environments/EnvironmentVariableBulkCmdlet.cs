using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Environments
{
    /// <summary>One queued change of an environment's variable map.</summary>
    public sealed class VariableChange
    {
        public VariableChange(string projectId, string environmentId, Func<Dictionary<string, string>, Dictionary<string, string>> apply)
        {
            ProjectId = projectId;
            EnvironmentId = environmentId;
            Apply = apply;
        }

        public string ProjectId { get; }
        public string EnvironmentId { get; }
        /// <summary>From the current map to the map to send.</summary>
        public Func<Dictionary<string, string>, Dictionary<string, string>> Apply { get; }
    }

    /// <summary>
    /// The variable cmdlets: the API replaces the whole map, so each change reads the current map, edits it and PUTs it
    /// back. Within a batch the environment list of each project is read once (concurrently, shared by every change of
    /// that project); changes of the same environment run one after the other on the latest map, so none is lost;
    /// different environments run concurrently up to -ThrottleLimit.
    /// </summary>
    public abstract class EnvironmentVariableBulkCmdlet : BulkCreateOsCmdlet<VariableChange>
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ProjectEnvironment>>>> _environmentsByProject = new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<ProjectEnvironment>>>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _environmentGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.OrdinalIgnoreCase);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        /// <summary>Writes each environment after its change (in input order).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "EnvironmentVariable";

        protected override object? TargetOf(VariableChange item) => item.EnvironmentId;

        /// <summary>Reads the environment list of every project in the batch first, -ThrottleLimit at a time.</summary>
        protected override async Task BeforeBatchAsync(CreateOsClient api, IReadOnlyList<VariableChange> items, CancellationToken ct)
        {
            using var throttle = new SemaphoreSlim(ThrottleLimit);
            var reads = items.Select(i => i.ProjectId).Distinct(StringComparer.OrdinalIgnoreCase).Select(async projectId =>
            {
                await throttle.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await EnvironmentsOf(api, projectId, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // Each change of that project reports it.
                }
                finally
                {
                    throttle.Release();
                }
            }).ToList();
            await Task.WhenAll(reads).ConfigureAwait(false);
        }

        private Task<IReadOnlyList<ProjectEnvironment>> EnvironmentsOf(CreateOsClient api, string projectId, CancellationToken ct) =>
            _environmentsByProject.GetOrAdd(projectId, id => new Lazy<Task<IReadOnlyList<ProjectEnvironment>>>(() => api.Environments.ListAsync(id, ct))).Value;

        protected override async Task<object?> ExecuteAsync(CreateOsClient api, VariableChange item, CancellationToken ct)
        {
            var gate = _environmentGates.GetOrAdd(item.ProjectId + "/" + item.EnvironmentId, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var environments = await EnvironmentsOf(api, item.ProjectId, ct).ConfigureAwait(false);
                var environment = environments.FirstOrDefault(e => string.Equals(e.Id, item.EnvironmentId, StringComparison.OrdinalIgnoreCase))
                    ?? throw ApiErrors.NotFound($"project {item.ProjectId} has no environment {item.EnvironmentId} (list them with Get-CreateOsEnvironment -ProjectId {item.ProjectId})");
                var current = new Dictionary<string, string>(environment.Settings.RunEnvs, StringComparer.Ordinal);
                var next = item.Apply(current);
                await api.Environments.ReplaceVariablesAsync(item.ProjectId, item.EnvironmentId, next, null, ct).ConfigureAwait(false);
                // The next change of this environment in the batch starts from what was just written.
                environment.Settings.RunEnvs = next;
                return PassThru ? environment : null;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
