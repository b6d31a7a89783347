using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Creates an app to group projects and services.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(App))]
    public sealed class NewCreateOsAppCommand : CreateOsCmdlet
    {
        /// <summary>2–255 characters.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>A colour like #3B82F6.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Color { get; set; }

        protected override string ErrorNoun => "App";

        protected override void ProcessRecord()
        {
            if (!TryInvoke(Name, () => AppsApi.Validate(Name, Description, Color, creating: true))) return;
            if (!ShouldProcess($"app '{Name}'", "Create")) return;
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(async ct =>
            {
                var id = await api.Apps.CreateAsync(Name, Description, Color, ct).ConfigureAwait(false);
                return await api.Apps.GetAsync(id, ct).ConfigureAwait(false);
            })));
        }
    }
}
