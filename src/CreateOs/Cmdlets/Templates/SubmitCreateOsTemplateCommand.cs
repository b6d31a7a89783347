using System.Management.Automation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Sends a draft or rejected template for review (draft → underReview → publishing → listed, or rejected).</para>
    /// <para type="description">The review is asynchronous: follow it with Get-CreateOsTemplate -TemplateId, and read a rejection with Get-CreateOsTemplateRejection.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Submit, "CreateOsTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectTemplate))]
    public sealed class SubmitCreateOsTemplateCommand : TemplateCmdlet
    {
        /// <summary>Shown in the confirmation; bound from template objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Name { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Describe(Name), "Send for review")) return;
            var api = Api;
            TryInvoke(TemplateId, () =>
            {
                var template = Await(async ct =>
                {
                    await api.Templates.SendForReviewAsync(TemplateId, ct).ConfigureAwait(false);
                    return PassThru ? await api.Templates.GetAsync(TemplateId, ct).ConfigureAwait(false) : null;
                });
                if (template != null) WriteObject(template);
            });
        }
    }
}
