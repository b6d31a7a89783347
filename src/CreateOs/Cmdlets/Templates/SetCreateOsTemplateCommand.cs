using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Validation;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Changes the listing of a draft or rejected template; what is not named keeps its value.</para>
    /// <para type="description">The API replaces the whole listing (name, texts, image, video, price, categories) and requires a video address, so the cmdlet reads the template and sends the current values for what you did not name. Listed templates are refused before anything is sent (the platform would answer HTTP 422).</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CreateOsTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectTemplate))]
    public sealed class SetCreateOsTemplateCommand : TemplateCmdlet
    {
        /// <summary>10–100 characters.</summary>
        [Parameter]
        public string? Name { get; set; }

        /// <summary>100–10000 characters.</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>100–10000 characters.</summary>
        [Parameter]
        public string? Overview { get; set; }

        /// <summary>100–10000 characters.</summary>
        [Parameter]
        public string? UseCases { get; set; }

        /// <summary>Up to 100 characters.</summary>
        [Parameter]
        public string? ImageUri { get; set; }

        /// <summary>An http(s) address, up to 100 characters (the API requires one on every update).</summary>
        [Parameter]
        public string? VideoUrl { get; set; }

        /// <summary>0 (free) to 5000.</summary>
        [Parameter]
        public decimal? Amount { get; set; }

        /// <summary>Replaces the categories.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TemplateCategoryCompleter))]
        public string[]? Category { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryInvoke(TemplateId, ValidateGiven)) return;
            if (!ShouldProcess($"template {TemplateId}", "Update")) return;
            var api = Api;
            TryInvoke(TemplateId, () =>
            {
                var updated = Await(async ct =>
                {
                    var current = await api.Templates.GetAsync(TemplateId, ct).ConfigureAwait(false);
                    if (current.Status != "draft" && current.Status != "rejected")
                        throw new WrongStateException($"Template '{current.Name}' is {current.Status}: only draft and rejected templates can be edited. Nothing was sent.",
                            current.Status, "Edit a template before sending it for review, or after a rejection (Get-CreateOsTemplate -Mine -Status rejected).");
                    var listing = new TemplateListing
                    {
                        Name = Name ?? current.Name,
                        Description = Description ?? current.Description ?? "",
                        Overview = Overview ?? current.Overview ?? "",
                        UseCases = UseCases ?? current.UseCases ?? "",
                        ImageUri = ImageUri ?? current.ImageUri ?? "",
                        VideoUrl = VideoUrl ?? current.VideoUrl,
                        Amount = Amount ?? current.Amount,
                        Categories = (System.Collections.Generic.IList<string>?)Category ?? current.Categories,
                    };
                    await api.Templates.UpdateAsync(TemplateId, listing, ct).ConfigureAwait(false);
                    return PassThru ? await api.Templates.GetAsync(TemplateId, ct).ConfigureAwait(false) : null;
                });
                if (updated != null) WriteObject(updated);
            });
        }

        /// <summary>Checks what was given before anything is read or sent; the merged listing is checked again before the update.</summary>
        private void ValidateGiven()
        {
            if (Name != null) CreateOsRules.Length("Name", Name, TemplateRules.NameMin, TemplateRules.NameMax);
            foreach (var (field, text) in new[] { ("Description", Description), ("Overview", Overview), ("UseCases", UseCases) })
                if (text != null) TemplateRules.Text(field, text);
            if (ImageUri != null) CreateOsRules.Length("ImageUri", ImageUri, 1, TemplateRules.UriMax);
            if (VideoUrl != null) TemplateRules.VideoUrl(VideoUrl);
            TemplateRules.Amount(Amount);
            TemplateRules.Categories(Category);
        }
    }
}
