using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Models;
using Newtonsoft.Json.Linq;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Creates a draft marketplace template from a project environment; send it for review with Submit-CreateOsTemplate.</para>
    /// <para type="description">Every field is checked before any request: name 10–100 characters, description, overview and use cases 100–10000, image address up to 100, price 0–5000, categories up to 128 characters each. The four configuration objects default to what the project and environment have (type and settings, variable names, resources); variable VALUES are never copied into a template, only their names.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CreateOsTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ProjectTemplate))]
    public sealed class NewCreateOsTemplateCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        /// <summary>The environment the template is made from; bound from environment objects.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EnvironmentIdCompleter))]
        public string EnvironmentId { get; set; } = "";

        /// <summary>10–100 characters.</summary>
        [Parameter(Mandatory = true)]
        public string Name { get; set; } = "";

        /// <summary>100–10000 characters.</summary>
        [Parameter(Mandatory = true)]
        public string Description { get; set; } = "";

        /// <summary>100–10000 characters.</summary>
        [Parameter(Mandatory = true)]
        public string Overview { get; set; } = "";

        /// <summary>100–10000 characters.</summary>
        [Parameter(Mandatory = true)]
        public string UseCases { get; set; } = "";

        /// <summary>The picture shown in the marketplace, up to 100 characters.</summary>
        [Parameter(Mandatory = true)]
        public string ImageUri { get; set; } = "";

        /// <summary>An http(s) address of a video, up to 100 characters.</summary>
        [Parameter]
        public string? VideoUrl { get; set; }

        /// <summary>The price, 0 (free) to 5000.</summary>
        [Parameter]
        public decimal? Amount { get; set; }

        /// <summary>Up to 128 characters each.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TemplateCategoryCompleter))]
        public string[]? Category { get; set; }

        /// <summary>Defaults to the project's type and settings (variable values left out).</summary>
        [Parameter]
        public IDictionary? ProjectConfiguration { get; set; }

        /// <summary>Defaults to the environment's variable names with empty values.</summary>
        [Parameter]
        public IDictionary? EnvironmentConfiguration { get; set; }

        /// <summary>Defaults to the environment's resources.</summary>
        [Parameter]
        public IDictionary? BuildResources { get; set; }

        /// <summary>Defaults to the environment's resources.</summary>
        [Parameter]
        public IDictionary? DeploymentResources { get; set; }

        protected override string ErrorNoun => "Template";

        protected override void ProcessRecord()
        {
            var template = new NewTemplate
            {
                ProjectId = ProjectId,
                EnvironmentId = EnvironmentId,
                Name = Name,
                Description = Description,
                Overview = Overview,
                UseCases = UseCases,
                ImageUri = ImageUri,
                VideoUrl = VideoUrl,
                Amount = Amount,
                Categories = Category,
            };
            if (!TryInvoke(Name, template.Validate)) return;
            if (!ShouldProcess($"environment {EnvironmentId} of project {ProjectId}", $"Create template '{Name}'")) return;
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(async ct =>
            {
                await FillConfigurationsAsync(api, template, ct).ConfigureAwait(false);
                var id = await api.Templates.CreateAsync(template, ct).ConfigureAwait(false);
                return await api.Templates.GetAsync(id, ct).ConfigureAwait(false);
            })));
        }

        /// <summary>The given configuration objects, and defaults from the project and environment for the others.</summary>
        private async Task FillConfigurationsAsync(CreateOsClient api, NewTemplate template, CancellationToken ct)
        {
            var project = await api.Projects.GetAsync(ProjectId, ct).ConfigureAwait(false);
            var environment = await api.Environments.GetAsync(ProjectId, EnvironmentId, ct).ConfigureAwait(false);
            var resources = new JObject { ["cpu"] = environment.Resources.Cpu, ["memory"] = environment.Resources.Memory, ["replicas"] = environment.Resources.Replicas };
            template.ProjectConfiguration = Given(ProjectConfiguration) ?? new JObject { ["type"] = project.Type, ["settings"] = SettingsWithoutValues(project.Settings) };
            template.EnvironmentConfiguration = Given(EnvironmentConfiguration) ?? new JObject { ["runEnvs"] = NamesOnly(environment.Settings.RunEnvs.Keys) };
            template.BuildResources = Given(BuildResources) ?? (JObject)resources.DeepClone();
            template.DeploymentResources = Given(DeploymentResources) ?? resources;
        }

        private static JObject? Given(IDictionary? value) => value is null ? null : JObject.FromObject(PlainData.ToMap(value)!);

        /// <summary>A template is public: variable and build-variable values may be secrets, so only their names go in.</summary>
        private static JObject SettingsWithoutValues(ProjectSettings? settings)
        {
            if (settings is null) return new JObject();
            var json = JObject.FromObject(settings, Core.Http.Json.Serializer);
            if (settings.RunEnvs != null) json["runEnvs"] = NamesOnly(settings.RunEnvs.Keys);
            if (settings.BuildVars != null) json["buildVars"] = NamesOnly(settings.BuildVars.Keys);
            return json;
        }

        private static JObject NamesOnly(System.Collections.Generic.IEnumerable<string> names) => new JObject(names.Select(n => new JProperty(n, "")));
    }
}
