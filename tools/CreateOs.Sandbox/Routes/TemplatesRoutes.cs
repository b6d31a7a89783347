using System.Globalization;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Routes;

/// <summary>
/// Project templates marketplace (reference §8.12, optional). The reference has no schemas: shapes follow the CLI client
/// (lists in data.templates / data.purchases, buy → {id}, download → {downloadUri}); the review flow is the sandbox's:
/// send-for-review → underReview → publishing → listed, or rejected when the name contains "sandbox-reject".
/// </summary>
public static class TemplatesRoutes
{
    public const int MaxDrafts = 10;
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
            var fields = ReadFields(await Body.ReadAsync(context.Request));
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var project = fields.ProjectId is null ? null : state.OwnedProject(user, fields.ProjectId.Value.ToString());
                if (state.TemplateList.Count(t => t.UserId == user.Id && t.Status == TemplateStatus.Draft) >= MaxDrafts)
                    throw ApiException.QuotaReached($"maximum number of draft templates reached ({MaxDrafts})");
                var now = state.Now;
                var template = new ProjectTemplate
                {
                    Id = state.Ids.NewId(), Name = fields.Name, Description = fields.Description, Categories = fields.Categories,
                    Amount = fields.Amount, ProjectId = project?.Id, UserId = user.Id, CreatedAt = now, UpdatedAt = now,
                };
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
                var token = state.Ids.NewHex(16);
                state.TemplateDownloadTokens[token] = (purchase.ProjectTemplateId, state.Now.AddHours(1));
                return Api.Ok(new { downloadUri = new Uri(state.BaseUri, $"downloads/templates/{token}.zip").ToString() });
            }
        });

        v1.Put(T + "/purchases/{purchaseId}/deploy-via-github", async (context, purchaseId) =>
        {
            await Body.ReadAsync(context.Request);
            lock (state.SyncRoot)
            {
                OwnedPurchase(state, context.CurrentUser(), purchaseId);
                return Api.Message("project template deployment via github triggered");
            }
        });

        v1.Get(T + "/{templateId}", (context, templateId) =>
        {
            lock (state.SyncRoot) return Api.Ok(Visible(state, context.CurrentUser(), templateId));
        });

        v1.Put(T + "/{templateId}", async (context, templateId) =>
        {
            var fields = ReadFields(await Body.ReadAsync(context.Request));
            lock (state.SyncRoot)
            {
                var user = context.CurrentUser();
                var template = Owned(state, user, templateId);
                if (template.Status is not (TemplateStatus.Draft or TemplateStatus.Rejected))
                    throw ApiException.WrongState($"template cannot be edited in status {template.Status}");
                template.Name = fields.Name;
                template.Description = fields.Description;
                template.Categories = fields.Categories;
                template.Amount = fields.Amount;
                if (fields.ProjectId is not null) template.ProjectId = state.OwnedProject(user, fields.ProjectId.Value.ToString()).Id;
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
                var purchase = new TemplatePurchase { Id = state.Ids.NewId(), ProjectTemplateId = template.Id, UserId = user.Id, CreatedAt = state.Now };
                state.PurchaseList.Add(purchase);
                return Api.CreatedId(purchase.Id, 200);
            }
        });
    }

    private sealed record Fields(string Name, string Description, List<string> Categories, decimal Amount, Guid? ProjectId);

    private static Fields ReadFields(Body body)
    {
        var name = body.RequiredString("name");
        Validate.Length("name", name, 4, 255);
        var description = body.RequiredString("description");
        Validate.Description("description", description);
        var categories = new List<string>();
        if (body.Json["categories"] is { } node)
        {
            if (node is not JsonArray array || array.Any(c => c is not JsonValue v || !v.TryGetValue<string>(out _)))
                throw ApiException.BadRequest("categories must be an array of strings");
            categories = array.Select(c => (string)c!).ToList();
        }
        decimal amount = 0;
        if (body.Json["amount"] is JsonValue amountValue)
        {
            if (!amountValue.TryGetValue<decimal>(out amount) || amount < 0) throw ApiException.BadRequest("amount must be a number of 0 or more");
        }
        return new Fields(name, description, categories, amount, body.OptionalGuid("projectId"));
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
