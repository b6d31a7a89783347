using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Apps
{
    /// <summary>
    /// <para type="synopsis">Gets apps (groups of projects and services), by name (wildcards) or id.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsApp", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(App))]
    public sealed class GetCreateOsAppCommand : CreateOsCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        [Parameter(Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        public string? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] AppId { get; set; } = Array.Empty<string>();

        protected override string ErrorNoun => "App";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(Name, () =>
            {
                var apps = Await(ct => api.Apps.ListAsync(ct));
                if (ParameterSetName == IdSet)
                {
                    foreach (var id in AppId)
                    {
                        var app = apps.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase));
                        if (app != null) WriteObject(app);
                        else WriteFailure(Core.Api.ApiErrors.NotFound($"no app {id}"), id);
                    }
                    return;
                }
                var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                WriteObject(apps.Where(a => pattern is null || pattern.IsMatch(a.Name)).ToList(), enumerateCollection: true);
            });
        }
    }
}
