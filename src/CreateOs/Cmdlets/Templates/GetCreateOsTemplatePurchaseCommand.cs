using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Gets the templates you bought, newest first, page by page.</para>
    /// <para type="description">Each purchase carries PurchaseId and TemplateId, so it pipes into Save-CreateOsTemplatePurchase and Deploy-CreateOsTemplatePurchase. Pages hold up to 50 purchases.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsTemplatePurchase", SupportsPaging = true)]
    [OutputType(typeof(TemplatePurchase))]
    public sealed class GetCreateOsTemplatePurchaseCommand : CreateOsCmdlet
    {
        /// <summary>Every page, not just the first.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override string ErrorNoun => "TemplatePurchase";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(null, () => WritePaged<TemplatePurchase>(All, "purchases",
                (offset, limit, ct) => api.Templates.ListPurchasesPageAsync(offset, limit, ct)));
        }
    }
}
