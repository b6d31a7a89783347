using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Transfer
{
    /// <summary>
    /// <para type="synopsis">Gets a transfer token (valid 6 hours) and page for handing a project to another user.</para>
    /// <para type="description">Give the token to the recipient; they run Approve-CreateOsProjectTransfer -ProjectId -Token with their own session.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsProjectTransferUri")]
    [OutputType(typeof(ProjectTransferUri))]
    public sealed class GetCreateOsProjectTransferUriCommand : CreateOsCmdlet
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
            TryInvoke(ProjectId, () => WriteObject(Await(ct => api.Transfers.GetTransferUriAsync(ProjectId, ct))));
        }
    }
}
