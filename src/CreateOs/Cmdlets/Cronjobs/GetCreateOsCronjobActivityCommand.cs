using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Cronjobs
{
    /// <summary>
    /// <para type="synopsis">Gets the last ten runs of a cronjob: when it ran, whether it succeeded, the HTTP status and the log.</para>
    /// <para type="description">The platform keeps only the last ten runs of each cronjob; they come newest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsCronjobActivity")]
    [OutputType(typeof(CronjobActivity))]
    public sealed class GetCreateOsCronjobActivityCommand : CronjobCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(CronjobId, () => WriteObject(Await(ct => api.Cronjobs.ListActivitiesAsync(ProjectId, CronjobId, ct)), enumerateCollection: true));
        }
    }
}
