using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Models
{
    /// <summary>
    /// A marketplace template: draft → underReview → publishing → listed (or rejected). TemplateId repeats Id so the
    /// object pipes into the other template cmdlets.
    /// </summary>
    public sealed class ProjectTemplate
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string TemplateId => Id;
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string? Overview { get; set; }
        public string? UseCases { get; set; }
        public string? ImageUri { get; set; }
        public string? VideoUrl { get; set; }
        public string Status { get; set; } = "";
        public List<string> Categories { get; set; } = new List<string>();
        /// <summary>The categories, comma-separated, as the default view shows them.</summary>
        [JsonIgnore] public string CategoryList => Categories is null ? "" : string.Join(", ", Categories);
        /// <summary>The price; 0 is free.</summary>
        public decimal Amount { get; set; }
        public string? ProjectId { get; set; }
        public string? EnvironmentId { get; set; }
        public string? UserId { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        [JsonIgnore] public IDictionary<string, object?> ProjectConfiguration { get; private set; } = new Dictionary<string, object?>();
        [JsonIgnore] public IDictionary<string, object?> EnvironmentConfiguration { get; private set; } = new Dictionary<string, object?>();
        [JsonIgnore] public IDictionary<string, object?> BuildResources { get; private set; } = new Dictionary<string, object?>();
        [JsonIgnore] public IDictionary<string, object?> DeploymentResources { get; private set; } = new Dictionary<string, object?>();

        [JsonProperty("projectConfiguration")] private JToken? RawProjectConfiguration { get => null; set => ProjectConfiguration = FreeForm.ToDictionary(value as JObject); }
        [JsonProperty("environmentConfiguration")] private JToken? RawEnvironmentConfiguration { get => null; set => EnvironmentConfiguration = FreeForm.ToDictionary(value as JObject); }
        [JsonProperty("buildResources")] private JToken? RawBuildResources { get => null; set => BuildResources = FreeForm.ToDictionary(value as JObject); }
        [JsonProperty("deploymentResources")] private JToken? RawDeploymentResources { get => null; set => DeploymentResources = FreeForm.ToDictionary(value as JObject); }

        [JsonIgnore] public bool IsFree => Amount == 0;

        public override string ToString() => Name;
    }

    /// <summary>Why a review rejected a template.</summary>
    public sealed class TemplateRejection
    {
        public string Id { get; set; } = "";
        public string ProjectTemplateId { get; set; } = "";
        [JsonIgnore] public string TemplateId => ProjectTemplateId;
        public string Reason { get; set; } = "";
        public DateTimeOffset? CreatedAt { get; set; }
        /// <summary><see cref="CreatedAt"/> in local time to the minute, as the default view shows it.</summary>
        [JsonIgnore] public string? CreatedAtShown => DisplayText.LocalMinutes(CreatedAt);

        public override string ToString() => Reason;
    }

    /// <summary>A template the user bought; PurchaseId pipes into Save-CreateOsTemplatePurchase and Deploy-CreateOsTemplatePurchase.</summary>
    public sealed class TemplatePurchase
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string PurchaseId => Id;
        public string ProjectTemplateId { get; set; } = "";
        [JsonIgnore] public string TemplateId => ProjectTemplateId;
        public decimal? Amount { get; set; }
        public string? UserId { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        /// <summary><see cref="CreatedAt"/> in local time to the minute, as the default view shows it under "Bought".</summary>
        [JsonIgnore] public string? CreatedAtShown => DisplayText.LocalMinutes(CreatedAt);

        public override string ToString() => Id;
    }

    /// <summary>How many listed templates match a name, in total and per category.</summary>
    public sealed class TemplateCount
    {
        /// <summary>The name filter asked for, or null for all.</summary>
        public string? Name { get; set; }
        public int Total { get; set; }
        public IReadOnlyList<TemplateCategoryCount> Categories { get; set; } = Array.Empty<TemplateCategoryCount>();

        /// <summary>The name asked for, or "(all)", as the default view shows it.</summary>
        [JsonIgnore] public string NameShown => string.IsNullOrEmpty(Name) ? "(all)" : Name!;

        /// <summary>
        /// Each category with its count, e.g. "api (3), web (1)", as the default view shows them (a missing list or
        /// entry reads " (0)", as the view's script did).
        /// </summary>
        [JsonIgnore] public string CategorySummary => Categories is null ? Entry(null) : string.Join(", ", Categories.Select(Entry));

        private static string Entry(TemplateCategoryCount? category) => FormattableString.Invariant($"{category?.Name} ({category?.Count ?? 0})");

        public override string ToString() => $"{Total} templates";
    }

    public sealed class TemplateCategoryCount
    {
        public string Name { get; set; } = "";
        public int Count { get; set; }

        public override string ToString() => $"{Name} ({Count})";
    }

    /// <summary>A downloaded template purchase.</summary>
    public sealed class SavedTemplatePurchase
    {
        public string Path { get; set; } = "";
        public long Bytes { get; set; }
        public string PurchaseId { get; set; } = "";

        public override string ToString() => Path;
    }
}
