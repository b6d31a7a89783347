using System;
using CreateOs.Commands.Infrastructure;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Sets environment variables: adds or overwrites the given keys and keeps the others (-Replace replaces the whole map).</para>
    /// <para type="description">The API only replaces the whole map, so the cmdlet reads the environment's current variables, merges the given ones in and writes the map back. Many environments from the pipeline are updated concurrently (-ThrottleLimit, default 5; 1 for one at a time); results (-PassThru) and errors are written in input order, one error per failed environment while the others go on.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsEnvironmentVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectEnvironment))]
    public sealed class SetCreateOsEnvironmentVariableCommand : EnvironmentVariableBulkCmdlet
    {
        /// <summary>The variables to set, e.g. @{ LOG_LEVEL = 'debug' }.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNull]
        public IDictionary Variables { get; set; } = new Hashtable();

        /// <summary>Replace the whole map with -Variables: variables not named are deleted.</summary>
        [Parameter]
        public SwitchParameter Replace { get; set; }

        protected override string BulkActivity => "Setting environment variables";

        private IDictionary? _convertedFrom;
        private Dictionary<string, string>? _converted;

        protected override void ProcessRecord()
        {
            // -Variables is usually bound once for the whole pipeline: convert it once, not per environment.
            Dictionary<string, string>? given = ReferenceEquals(_convertedFrom, Variables) ? _converted : null;
            if (given is null && !TryInvoke(EnvironmentId, () => given = VariableMaps.ToStringMap(Variables, nameof(Variables)))) return;
            _convertedFrom = Variables;
            _converted = given;
            if (!Replace && given!.Count == 0)
            {
                WriteWarning("No variables given: nothing to change. To delete all variables use -Replace with an empty map.");
                return;
            }
            var names = string.Join(", ", given!.Keys.OrderBy(k => k, StringComparer.Ordinal));
            var action = Replace ? $"Replace all variables with: {names}" : $"Set variables {names}";
            if (!ShouldProcess($"environment {EnvironmentId} of project {ProjectId}", action)) return;
            var replace = Replace.IsPresent;
            Enqueue(new VariableChange(ProjectId, EnvironmentId, current =>
            {
                var next = replace ? new Dictionary<string, string>(StringComparer.Ordinal) : current;
                foreach (var pair in given) next[pair.Key] = pair.Value;
                return next;
            }));
        }
    }
}
