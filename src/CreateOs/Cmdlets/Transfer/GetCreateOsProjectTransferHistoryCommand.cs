using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Transfer
{
    /// <summary>
    /// <para type="synopsis">Gets the ownership transfers of a project.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsProjectTransferHistory")]
    [OutputType(typeof(ProjectTransfer))]
    public sealed class GetCreateOsProjectTransferHistoryCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        protected override string ErrorNoun => "ProjectTransfer";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(ProjectId, () => WriteObject(Await(ct => api.Transfers.ListHistoryAsync(ProjectId, ct)), enumerateCollection: true));
        }
    }
}
