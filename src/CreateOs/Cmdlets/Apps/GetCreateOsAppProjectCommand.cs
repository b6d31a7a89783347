using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Gets the projects of an app, page by page (-First, -Skip, -All).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsAppProject", SupportsPaging = true)]
    [OutputType(typeof(Project))]
    public sealed class GetCreateOsAppProjectCommand : AppCmdlet
    {
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(AppId, () => WritePaged<Project>(All, "projects", (offset, limit, ct) => api.Apps.ListProjectsPageAsync(AppId, offset, limit, ct)));
        }
    }
}
