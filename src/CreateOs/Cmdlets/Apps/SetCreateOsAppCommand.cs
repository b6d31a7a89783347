using System.Management.Automation;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Changes an app's name, description or colour (PATCH); what is not given keeps its value.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(App))]
    public sealed class SetCreateOsAppCommand : AppCmdlet
    {
        [Parameter]
        public string? Name { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        public string? Color { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryInvoke(AppId, () => AppsApi.Validate(Name, Description, Color, creating: false))) return;
            if (!ShouldProcess($"app {AppId}", "Update")) return;
            var api = Api;
            TryInvoke(AppId, () =>
            {
                var updated = Await(async ct =>
                {
                    // name is required by the API: keep the current one when none is given.
                    var name = Name ?? (await api.Apps.GetAsync(AppId, ct).ConfigureAwait(false)).Name;
                    await api.Apps.UpdateAsync(AppId, name, Description, Color, ct).ConfigureAwait(false);
                    return PassThru ? await api.Apps.GetAsync(AppId, ct).ConfigureAwait(false) : null;
                });
                if (updated != null) WriteObject(updated);
            });
        }
    }
}
