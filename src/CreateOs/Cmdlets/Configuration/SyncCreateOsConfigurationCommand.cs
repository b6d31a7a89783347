using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using CreateOs.Core.Api;
using CreateOs.Core.Configuration;

namespace CreateOs.Commands.Configuration
{
    /// <summary>
    /// <para type="synopsis">Makes the server match a configuration file: applies each difference after ShouldProcess, projects concurrently, and reports a summary.</para>
    /// <para type="description">Reads the file, compares it with every project (as Compare-CreateOsConfiguration does), asks ShouldProcess for each change (-WhatIf prints the plan and sends nothing), then applies the approved changes, -ThrottleLimit projects at a time and each project's changes in order. Running it again changes nothing. Nothing is deleted unless -Prune. Secret references are resolved when it runs, through Get-Secret (SecretManagement) when that command exists, else from the named environment variables. A failure on one project or resource is reported for it and the others go on; the summary at the end counts changed, unchanged, failed and skipped resources.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "CreateOsConfiguration", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConfigurationSyncSummary))]
    public sealed class SyncCreateOsConfigurationCommand : ConfigurationCmdlet
    {
        protected override void ProcessRecord()
        {
            var clock = Stopwatch.StartNew();
            var configuration = ReadConfiguration();
            var secrets = ResolveSecrets(configuration);
            var api = Api;
            var results = new List<ConfigurationResourceResult>();
            var plans = PlanAll(api, configuration, secrets, (project, error) => results.Add(new ConfigurationResourceResult
            {
                Project = project.UniqueName, ResourceType = ConfigurationResourceType.Project, Name = project.UniqueName, Outcome = ResourceOutcome.Failed, Error = error.Message,
            }));

            // ShouldProcess on the pipeline thread, one change at a time, in file order: with -WhatIf this is the plan.
            var approved = new Dictionary<ProjectPlan, List<ConfigurationChange>>();
            foreach (var plan in plans)
                approved[plan] = plan.Changes.Where(change => ShouldProcess(change.Resource, change.Description)).ToList();

            var outcomes = new Dictionary<ProjectPlan, IReadOnlyList<ChangeOutcome>>();
            var work = plans.Where(p => approved[p].Count > 0).ToList();
            if (work.Count > 0) Apply(api, work, approved, secrets, outcomes);

            foreach (var plan in plans) results.AddRange(Results(plan, outcomes.TryGetValue(plan, out var done) ? done : Array.Empty<ChangeOutcome>()));
            var order = configuration.Projects.Select((p, i) => (p.UniqueName, i)).ToDictionary(p => p.UniqueName, p => p.i, StringComparer.OrdinalIgnoreCase);
            WriteObject(new ConfigurationSyncSummary
            {
                Projects = configuration.Projects.Count,
                ChangesApplied = outcomes.Values.Sum(o => o.Count(x => x.Applied)),
                Duration = clock.Elapsed,
                Resources = results.OrderBy(r => order[r.Project]).ToList(), // stable: file order, then resource order
            });
        }

        /// <summary>Projects concurrently (-ThrottleLimit), each project's changes in order; outcomes reported on the pipeline thread as they come.</summary>
        private void Apply(CreateOsClient api, IReadOnlyList<ProjectPlan> work, Dictionary<ProjectPlan, List<ConfigurationChange>> approved,
            Dictionary<SecretReference, string?> secrets, Dictionary<ProjectPlan, IReadOnlyList<ChangeOutcome>> outcomes)
        {
            var applier = new ConfigurationApplier(api, Prune) { Resolve = reference => secrets.TryGetValue(reference, out var value) ? value : null };
            var collected = new IReadOnlyList<ChangeOutcome>?[work.Count];
            var total = approved.Values.Sum(a => a.Count);
            var finished = 0;
            var activity = "Applying the configuration";
            try
            {
                Await(ct => Throttle.ForEachAsync(work, ThrottleLimit, async (plan, index, token) =>
                {
                    collected[index] = await applier.ApplyAsync(plan, approved[plan], outcome =>
                    {
                        var count = Interlocked.Increment(ref finished);
                        OnPipelineThread(() =>
                        {
                            Report(outcome);
                            WriteProgress(new ProgressRecord(ProgressId, activity, $"{count} of {total} changes") { PercentComplete = 100 * count / total });
                        });
                    }, token).ConfigureAwait(false);
                }, ct));
            }
            finally
            {
                CompleteProgress(new ProgressRecord(ProgressId, activity, "Done"));
            }
            for (var i = 0; i < work.Count; i++) outcomes[work[i]] = collected[i] ?? Array.Empty<ChangeOutcome>();
        }

        private readonly HashSet<Exception> _reported = new HashSet<Exception>();

        /// <summary>Verbose for each applied change; one error per failed call (not one per change it carried).</summary>
        private void Report(ChangeOutcome outcome)
        {
            if (outcome.Applied)
            {
                WriteVerbose($"{outcome.Change.Resource}: {outcome.Change.Description}: done.");
                return;
            }
            if (_reported.Add(outcome.Error!)) WriteFailure(outcome.Error!, outcome.Change.Resource);
        }

        private static IEnumerable<ConfigurationResourceResult> Results(ProjectPlan plan, IReadOnlyList<ChangeOutcome> outcomes)
        {
            foreach (var (type, name) in plan.Resources)
            {
                bool Mine(ConfigurationChange c) => c.ResourceType == type && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase);
                var changes = plan.Changes.Count(Mine);
                var own = outcomes.Where(o => Mine(o.Change)).ToList();
                var failure = own.FirstOrDefault(o => !o.Applied);
                yield return new ConfigurationResourceResult
                {
                    Project = plan.Desired.UniqueName,
                    ResourceType = type,
                    Name = name,
                    Applied = own.Count(o => o.Applied),
                    Outcome = failure != null ? ResourceOutcome.Failed : own.Any(o => o.Applied) ? ResourceOutcome.Changed : changes > 0 ? ResourceOutcome.Skipped : ResourceOutcome.Unchanged,
                    Error = failure?.Error?.Message,
                };
            }
        }
    }
}
