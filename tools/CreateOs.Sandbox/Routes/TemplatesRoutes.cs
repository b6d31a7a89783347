using System.Globalization;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>
/// Project templates marketplace (reference §8.12): request fields and limits from the upstream tool schemas; lists in
/// data.templates / data.purchases (reference §3); buy → {id}; download answers with the file itself. The review flow is
/// the sandbox's: send-for-review → underReview → publishing → listed, or rejected when the name contains "sandbox-reject".
/// </summary>
public static class TemplatesRoutes
{
    public const int MaxDrafts = 10;
    public const decimal MaxAmount = 5000;
    public const string RejectMarker = "sandbox-reject";
    private const string T = "/project-templates";

    public static void Map(RouteGroupBuilder v1, SandboxState state)
    {
        v1.Get(T, context =>
        {
            var page = Page.FromQuery(context.Request);
            var name = Query.OptionalString(context.Request, "name");
            var categories = Query.OptionalString(context.Request, "categories")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lock (state.SyncRoot)
            {
                var templates = state.TemplateList
                    .Where(t => t.Status == TemplateStatus.Listed)
                    .Where(t => name is null || t.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                    .Where(t => categories is null || t.Categories.Any(c => categories.Contains(c, StringComparer.OrdinalIgnoreCase)))
                    .ToList();
                return Paged("templates", templates, page);
            }
        });

        v1.Post(T, async context =>
        {
            var body = await Body.ReadAsync(context.Request);
            var fields = ReadFields(body, videoUrlRequired: false);
            var projectId = body.OptionalGuid("projectId") ?? throw ApiException.BadRequest("projectId is required");
            var environmentId = body.OptionalGuid("environmentId") ?? throw ApiException.BadRequest("environmentId is required");
            var configurations = new[] { "projectConfiguration", "environmentConfiguration", "buildResources", "deploymentResources" }
                .ToDictionary(name => name, name => (JsonObject)body.RequiredObject(name).DeepClone());
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var project = state.OwnedProject(user, projectId.ToString());
                var environment = state.ProjectEnvironment(project, environmentId.ToString());
                if (state.TemplateList.Count(t => t.UserId == user.Id && t.Status == TemplateStatus.Draft) >= MaxDrafts)
                    throw ApiException.QuotaReached($"maximum number of draft templates reached ({MaxDrafts})");
                var now = state.Now;
                var template = new ProjectTemplate
                {
                    Id = state.Ids.NewId(), ProjectId = project.Id, EnvironmentId = environment.Id, UserId = user.Id, CreatedAt = now, UpdatedAt = now,
                    ProjectConfiguration = configurations["projectConfiguration"], EnvironmentConfiguration = configurations["environmentConfiguration"],
                    BuildResources = configurations["buildResources"], DeploymentResources = configurations["deploymentResources"],
                };
                fields.ApplyTo(template);
                state.TemplateList.Add(template);
                return Api.CreatedId(template.Id, 200);
            }
        });

        v1.Get(T + "/my", context =>
        {
            var page = Page.FromQuery(context.Request);
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                return Paged("templates", state.TemplateList.Where(t => t.UserId == user.Id && t.Status != TemplateStatus.Deleted).Reverse().ToList(), page);
            }
        });

        v1.Get(T + "/counts", context =>
        {
            var name = Query.OptionalString(context.Request, "name");
            lock (state.SyncRoot)
            {
                var listed = state.TemplateList.Where(t => t.Status == TemplateStatus.Listed && (name is null || t.Name.Contains(name, StringComparison.OrdinalIgnoreCase))).ToList();
                var byCategory = listed.SelectMany(t => t.Categories).GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new { name = g.Key, count = g.Count() }).ToList();
                return Api.Ok(new { total = listed.Count, categories = byCategory });
            }
        });

        v1.Get(T + "/purchases", context =>
        {
            var limit = Query.OptionalInt(context.Request, "limit") ?? 10;
            var offset = Query.OptionalInt(context.Request, "offset") ?? 0;
            if (limit is < 1 or > 50) throw ApiException.BadRequest("limit must be between 1 and 50");
            if (offset < 0) throw ApiException.BadRequest("offset must be 0 or greater");
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                return Paged("purchases", state.PurchaseList.Where(p => p.UserId == user.Id).Reverse().ToList(), new Page(limit, offset));
            }
        });

        v1.Get(T + "/purchases/{purchaseId}/download", (context, purchaseId) =>
        {
            lock (state.SyncRoot)
            {
                var purchase = OwnedPurchase(state, context.CurrentUser(), purchaseId);
                var template = state.TemplateList.First(t => t.Id == purchase.ProjectTemplateId);
                return Results.File(HostedAppRoutes.Zip(template.Files), "application/zip", $"{template.Name}.zip");
            }
        });

        v1.Put(T + "/purchases/{purchaseId}/deploy-via-github", async (context, purchaseId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            var installationId = body.OptionalLong("installationId") ?? throw ApiException.BadRequest("installationId is required");
            if (installationId <= 0) throw ApiException.BadRequest("installationId must be a positive integer");
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                OwnedPurchase(state, user, purchaseId);
                if (!state.InstallationList.Any(i => i.UserId == user.Id && i.InstallationId == installationId))
                    throw ApiException.NotFound($"github installation {installationId} not found");
                return Api.Message("project template deployment via github triggered");
            }
        });

        v1.Get(T + "/{templateId}", (context, templateId) =>
        {
            lock (state.SyncRoot) return Api.Ok(Visible(state, context.CurrentUser(), templateId));
        });

        v1.Put(T + "/{templateId}", async (context, templateId) =>
        {
            var body = await Body.ReadAsync(context.Request);
            foreach (var fixedField in new[] { "projectId", "environmentId", "projectConfiguration", "environmentConfiguration", "buildResources", "deploymentResources" })
                if (body.Has(fixedField)) throw ApiException.BadRequest($"{fixedField} cannot be updated");
            var fields = ReadFields(body, videoUrlRequired: true);
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var template = Owned(state, user, templateId);
                if (template.Status is not (TemplateStatus.Draft or TemplateStatus.Rejected))
                    throw ApiException.WrongState($"template cannot be edited in status {template.Status}");
                fields.ApplyTo(template);
                template.UpdatedAt = state.Now;
                return Api.Message("project template updated successfully");
            }
        });

        v1.Delete(T + "/{templateId}", (context, templateId) =>
        {
            lock (state.SyncRoot)
            {
                var template = Owned(state, context.CurrentUser(), templateId);
                template.Status = TemplateStatus.Deleted;
                template.UpdatedAt = state.Now;
                return Api.Message("project template deleted successfully");
            }
        });

        v1.Put(T + "/{templateId}/send-for-review", async (context, templateId) =>
        {
            await Body.ReadAsync(context.Request);
            lock (state.SyncRoot)
            {
                var template = Owned(state, context.CurrentUser(), templateId);
                if (template.Status is not (TemplateStatus.Draft or TemplateStatus.Rejected))
                    throw ApiException.WrongState($"template cannot be sent for review in status {template.Status}");
                template.Status = TemplateStatus.UnderReview;
                template.UpdatedAt = state.Now;
                ScheduleReview(state, template);
                return Api.Message("project template sent for review");
            }
        });

        v1.Get(T + "/{templateId}/rejections", (context, templateId) =>
        {
            lock (state.SyncRoot) return Api.Ok(Owned(state, context.CurrentUser(), templateId).Rejections);
        });

        v1.Post(T + "/{templateId}/buy", (context, templateId) =>
        {
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var template = Visible(state, user, templateId);
                if (template.Status != TemplateStatus.Listed) throw ApiException.WrongState("template is not listed");
                if (template.UserId == user.Id) throw ApiException.BadRequest("you cannot buy your own template");
                if (state.PurchaseList.Any(p => p.UserId == user.Id && p.ProjectTemplateId == template.Id))
                    throw ApiException.Conflict("template already purchased");
                var purchase = new TemplatePurchase { Id = state.Ids.NewId(), ProjectTemplateId = template.Id, UserId = user.Id, Amount = template.Amount, CreatedAt = state.Now };
                state.PurchaseList.Add(purchase);
                return Api.CreatedId(purchase.Id, 200);
            }
        });
    }

    /// <summary>The fields create and update share (UpdateProjectTemplate requires videoUrl, create does not).</summary>
    private sealed record Fields(string Name, string Description, string Overview, string UseCases, string ImageUri, string? VideoUrl, List<string> Categories, decimal Amount)
    {
        public void ApplyTo(ProjectTemplate template)
        {
            template.Name = Name;
            template.Description = Description;
            template.Overview = Overview;
            template.UseCases = UseCases;
            template.ImageUri = ImageUri;
            template.VideoUrl = VideoUrl;
            template.Categories = Categories;
            template.Amount = Amount;
        }
    }

    private static Fields ReadFields(Body body, bool videoUrlRequired)
    {
        var name = body.RequiredString("name");
        Validate.Length("name", name, 10, 100);
        var texts = new[] { "description", "overview", "useCases" }.Select(field =>
        {
            var text = body.RequiredString(field);
            Validate.Length(field, text, 100, 10000);
            return text;
        }).ToArray();
        var imageUri = body.RequiredString("imageUri");
        Validate.Length("imageUri", imageUri, 1, 100);
        var videoUrl = videoUrlRequired ? body.RequiredString("videoUrl") : body.OptionalString("videoUrl");
        if (videoUrl is not null)
        {
            Validate.Length("videoUrl", videoUrl, 1, 100);
            if (!Uri.TryCreate(videoUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw ApiException.BadRequest("videoUrl must be an http(s) URI");
        }
        var categories = new List<string>();
        if (body.Json["categories"] is { } node)
        {
            if (node is not JsonArray array || array.Any(c => c is not JsonValue v || !v.TryGetValue<string>(out _)))
                throw ApiException.BadRequest("categories must be an array of strings");
            categories = array.Select(c => (string)c!).ToList();
            if (categories.Any(c => c.Length is 0 or > 128)) throw ApiException.BadRequest("categories must be 1 to 128 characters each");
        }
        decimal amount = 0;
        if (body.Json["amount"] is JsonValue amountValue)
        {
            if (!amountValue.TryGetValue<decimal>(out amount) || amount < 0 || amount > MaxAmount)
                throw ApiException.BadRequest($"amount must be a number between 0 and {MaxAmount}");
        }
        return new Fields(name, texts[0], texts[1], texts[2], imageUri, videoUrl, categories, amount);
    }

    private static IResult Paged<T>(string itemsName, IReadOnlyList<T> all, Page page)
    {
        var items = all.Skip(page.Offset).Take(page.Limit).ToList();
        return Api.Ok(new JsonObject
        {
            [itemsName] = System.Text.Json.JsonSerializer.SerializeToNode(items, SandboxJson.Options),
            ["pagination"] = new JsonObject { ["total"] = all.Count, ["limit"] = page.Limit, ["offset"] = page.Offset, ["count"] = items.Count },
        });
    }

    /// <summary>Listed templates are visible to everyone; others only to their owner.</summary>
    private static ProjectTemplate Visible(SandboxState state, SandboxUser user, string templateId) =>
        (Guid.TryParse(templateId, out var id)
            ? state.TemplateList.FirstOrDefault(t => t.Id == id && t.Status != TemplateStatus.Deleted && (t.Status == TemplateStatus.Listed || t.UserId == user.Id))
            : null)
        ?? throw ApiException.NotFound("project template not found");

    private static ProjectTemplate Owned(SandboxState state, SandboxUser user, string templateId) =>
        (Guid.TryParse(templateId, out var id)
            ? state.TemplateList.FirstOrDefault(t => t.Id == id && t.UserId == user.Id && t.Status != TemplateStatus.Deleted)
            : null)
        ?? throw ApiException.NotFound("project template not found");

    private static TemplatePurchase OwnedPurchase(SandboxState state, SandboxUser user, string purchaseId) =>
        (Guid.TryParse(purchaseId, out var id) ? state.PurchaseList.FirstOrDefault(p => p.Id == id && p.UserId == user.Id) : null)
        ?? throw ApiException.NotFound("purchase not found");

    private static void ScheduleReview(SandboxState state, ProjectTemplate template) =>
        state.AfterStepDelay(() =>
        {
            switch (template.Status)
            {
                case TemplateStatus.UnderReview when template.Name.Contains(RejectMarker, StringComparison.OrdinalIgnoreCase):
                    template.Status = TemplateStatus.Rejected;
                    template.Rejections.Add(new TemplateRejection
                    {
                        Id = state.Ids.NewId(), ProjectTemplateId = template.Id, CreatedAt = state.Now,
                        Reason = $"rejected by the sandbox reviewer (name contains '{RejectMarker}')",
                    });
                    break;
                case TemplateStatus.UnderReview:
                    template.Status = TemplateStatus.Publishing;
                    ScheduleReview(state, template);
                    break;
                case TemplateStatus.Publishing:
                    template.Status = TemplateStatus.Listed;
                    var source = state.DeploymentList.LastOrDefault(d => d.ProjectId == template.ProjectId);
                    if (source is not null) template.Files = new Dictionary<string, byte[]>(source.Files);
                    break;
                default:
                    return;
            }
            template.UpdatedAt = state.Now;
        });
}
