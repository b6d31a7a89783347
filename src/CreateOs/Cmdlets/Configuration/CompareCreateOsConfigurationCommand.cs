using System.Management.Automation;
using CreateOs.Core.Configuration;

namespace CreateOs.Commands.Configuration
{
    /// <summary>
    /// <para type="synopsis">Compares a configuration file with the server: one object per difference, like a plan.</para>
    /// <para type="description">Each difference names the resource, the property, the current and the desired value and the action (Add, Change, Remove) that Sync-CreateOsConfiguration would take; nothing is written when the server already matches the file. Removals appear only with -Prune. Secret values never appear: they show as (secret).</para>
    /// </summary>
    [Cmdlet(VerbsData.Compare, "CreateOsConfiguration", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(ConfigurationChange))]
    public sealed class CompareCreateOsConfigurationCommand : ConfigurationCmdlet
    {
        protected override void ProcessRecord()
        {
            var configuration = ReadConfiguration();
            var secrets = ResolveSecrets(configuration);
            foreach (var plan in PlanAll(Api, configuration, secrets))
                foreach (var change in plan.Changes) WriteObject(change.ForOutput());
        }
    }
}
