using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Buys a listed marketplace template (BuyProjectTemplate); the purchase can then be downloaded or deployed.</para>
    /// <para type="description">Buying may cost money, so the confirmation shows the price and is asked by default (ConfirmImpact High); the request is never retried once sent. Your own templates cannot be bought (HTTP 400) and a template is bought once (HTTP 409).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsTemplatePurchase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TemplatePurchase))]
    public sealed class NewCreateOsTemplatePurchaseCommand : TemplateCmdlet
    {
        /// <summary>Shown in the confirmation; bound from template objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Name { get; set; }

        /// <summary>Shown in the confirmation; bound from template objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public decimal? Amount { get; set; }

        protected override string ErrorNoun => "TemplatePurchase";

        protected override void ProcessRecord()
        {
            var price = Amount is null ? "at its listed price" : Amount == 0 ? "for free" : $"for {Amount.Value.ToString(CultureInfo.InvariantCulture)}";
            if (!ShouldProcess(Describe(Name), $"Buy {price}")) return;
            var api = Api;
            TryInvoke(TemplateId, () => WriteObject(Await(async ct =>
            {
                var purchaseId = await api.Templates.BuyAsync(TemplateId, ct).ConfigureAwait(false);
                var recent = await api.Templates.ListPurchasesPageAsync(0, Core.Api.TemplatesApi.MaxPurchasePageSize, ct).ConfigureAwait(false);
                return recent.Items.FirstOrDefault(p => string.Equals(p.Id, purchaseId, StringComparison.OrdinalIgnoreCase))
                    ?? new TemplatePurchase { Id = purchaseId, ProjectTemplateId = TemplateId, Amount = Amount };
            })));
        }
    }
}
