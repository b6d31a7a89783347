using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Gets the services of an app, page by page (-First, -Skip, -All); their fields are passed through as the API sends them, plus AppId.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsAppService", SupportsPaging = true)]
    [OutputType(typeof(PSObject))]
    public sealed class GetCreateOsAppServiceCommand : AppCmdlet
    {
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            var api = Api;
            var appId = AppId;
            TryInvoke(AppId, () => WritePaged(All, "services", async (offset, limit, ct) =>
            {
                var page = await api.Apps.ListServicesPageAsync(appId, offset, limit, ct).ConfigureAwait(false);
                var items = new System.Collections.Generic.List<PSObject>();
                foreach (var item in page.Items)
                {
                    var id = item["id"]?.ToString();
                    items.Add(FreeFormObjects.ToPSObject(item, ("AppId", appId), ("ServiceId", id)));
                }
                return new Core.Models.Page<PSObject>(items, page.Total, page.Offset);
            }));
        }
    }
}
