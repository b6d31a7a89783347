using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Gets why reviews rejected one of your templates.</para>
    /// <para type="description">A rejected template can be corrected with Set-CreateOsTemplate and sent for review again with Submit-CreateOsTemplate.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsTemplateRejection")]
    [OutputType(typeof(TemplateRejection))]
    public sealed class GetCreateOsTemplateRejectionCommand : TemplateCmdlet
    {
        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(TemplateId, () => WriteObject(Await(ct => api.Templates.ListRejectionsAsync(TemplateId, ct)), enumerateCollection: true));
        }
    }
}
