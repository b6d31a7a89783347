using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Deletes the named environment variables and keeps all others.</para>
    /// <para type="description">Reads the current map, deletes only the named keys, writes the map back. Runs concurrently over many environments like Set-CreateOsEnvironmentVariable.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsEnvironmentVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectEnvironment))]
    public sealed class RemoveCreateOsEnvironmentVariableCommand : EnvironmentVariableBulkCmdlet
    {
        /// <summary>The variables to delete (exact names).</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        protected override string BulkActivity => "Removing environment variables";

        protected override void ProcessRecord()
        {
            var names = Name.Distinct(StringComparer.Ordinal).ToArray();
            if (!ShouldProcess($"environment {EnvironmentId} of project {ProjectId}", $"Remove variables {string.Join(", ", names)}")) return;
            Enqueue(new VariableChange(ProjectId, EnvironmentId, current =>
            {
                foreach (var name in names) current.Remove(name);
                return current;
            }));
        }
    }
}
