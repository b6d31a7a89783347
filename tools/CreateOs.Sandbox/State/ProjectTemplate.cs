using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

public static class TemplateStatus
{
    public const string Draft = "draft", UnderReview = "underReview", Publishing = "publishing", Listed = "listed",
        Rejected = "rejected", Deleted = "deleted";
}

/// <summary>A marketplace template: the fields of CreateProjectTemplate (reference §8.12) plus its status and owner.</summary>
public sealed class ProjectTemplate
{
    public Guid Id { get; init; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Overview { get; set; } = "";
    public string UseCases { get; set; } = "";
    public string ImageUri { get; set; } = "";
    public string? VideoUrl { get; set; }
    public string Status { get; set; } = TemplateStatus.Draft;
    public List<string> Categories { get; set; } = new();
    public decimal Amount { get; set; }
    public Guid? ProjectId { get; init; }
    public Guid? EnvironmentId { get; init; }
    public JsonObject ProjectConfiguration { get; init; } = new();
    public JsonObject EnvironmentConfiguration { get; init; } = new();
    public JsonObject BuildResources { get; init; } = new();
    public JsonObject DeploymentResources { get; init; } = new();
    public Guid UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    [JsonIgnore] public List<TemplateRejection> Rejections { get; } = new();
    /// <summary>What a buyer downloads: the source project's newest deployment files at publication, or a starter site.</summary>
    [JsonIgnore] public Dictionary<string, byte[]> Files { get; set; } = new();
}

public sealed class TemplateRejection
{
    public Guid Id { get; init; }
    public Guid ProjectTemplateId { get; init; }
    public string Reason { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class TemplatePurchase
{
    public Guid Id { get; init; }
    public Guid ProjectTemplateId { get; init; }
    public Guid UserId { get; init; }
    public decimal Amount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
