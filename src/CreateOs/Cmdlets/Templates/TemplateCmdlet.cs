using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Templates
{
    /// <summary>A cmdlet about one template: -TemplateId binds from template, rejection and purchase objects.</summary>
    public abstract class TemplateCmdlet : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplateIdCompleter))]
        public string TemplateId { get; set; } = "";

        protected override string ErrorNoun => "Template";

        /// <summary>The template as confirmations name it: by its name when the pipeline gave one.</summary>
        protected string Describe(string? name) => name is null ? $"template {TemplateId}" : $"template '{name}' ({TemplateId})";
    }

    /// <summary>A cmdlet about one purchase: -PurchaseId binds from purchase objects.</summary>
    public abstract class TemplatePurchaseCmdlet : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TemplatePurchaseIdCompleter))]
        public string PurchaseId { get; set; } = "";

        protected override string ErrorNoun => "TemplatePurchase";
    }
}
