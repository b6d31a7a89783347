using System.Management.Automation;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Removes one of your templates from the marketplace.</para>
    /// <para type="description">Purchases made before stay with their buyers.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CreateOsTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveCreateOsTemplateCommand : TemplateCmdlet
    {
        /// <summary>Shown in the confirmation; bound from template objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Describe(Name), "Remove")) return;
            var api = Api;
            TryInvoke(TemplateId, () => Await(ct => api.Templates.DeleteAsync(TemplateId, ct)));
        }
    }
}
