using System.Management.Automation;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Changes an environment's display name, description, branch or auto-promotion; what is not named keeps its value.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectEnvironment))]
    public sealed class SetCreateOsEnvironmentCommand : EnvironmentCmdlet
    {
        [Parameter]
        public string? DisplayName { get; set; }

        /// <summary>4–2048 letters, digits, spaces, '_' and '-'.</summary>
        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public string? Branch { get; set; }

        [Parameter]
        public bool AutoPromote { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            bool? autoPromote = MyInvocation.BoundParameters.ContainsKey(nameof(AutoPromote)) ? AutoPromote : (bool?)null;
            if (!TryInvoke(EnvironmentId, () => EnvironmentsApi.ValidateUpdate(DisplayName ?? "keep", Description ?? "keep", Branch))) return;
            if (!ShouldProcess(What, "Update")) return;
            var api = Api;
            TryInvoke(EnvironmentId, () =>
            {
                var updated = Await(async ct =>
                {
                    // The API requires displayName and description on every update: keep the current ones when not given.
                    var current = await api.Environments.GetAsync(ProjectId, EnvironmentId, ct).ConfigureAwait(false);
                    var description = Description ?? current.Description;
                    if (string.IsNullOrEmpty(description) || description!.Length < 4) description = current.UniqueName + " environment";
                    await api.Environments.UpdateAsync(ProjectId, EnvironmentId, DisplayName ?? current.DisplayName, description!, Branch, autoPromote, ct).ConfigureAwait(false);
                    return PassThru ? await api.Environments.GetAsync(ProjectId, EnvironmentId, ct).ConfigureAwait(false) : null;
                });
                if (updated != null) WriteObject(updated);
            });
        }
    }
}
