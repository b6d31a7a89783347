using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Api
{
    /// <summary>The texts and price every template has; UpdateProjectTemplate takes exactly these.</summary>
    public class TemplateListing
    {
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public string Overview { get; set; } = "";
        public string UseCases { get; set; } = "";
        public string ImageUri { get; set; } = "";
        /// <summary>Optional on create, required on update.</summary>
        public string? VideoUrl { get; set; }
        public decimal? Amount { get; set; }
        public IList<string>? Categories { get; set; }

        public virtual void Validate() => TemplateRules.Listing(this, videoUrlRequired: true);

        internal virtual JObject ToJson()
        {
            var body = new JObject
            {
                ["name"] = Name,
                ["description"] = Description,
                ["overview"] = Overview,
                ["useCases"] = UseCases,
                ["imageUri"] = ImageUri,
            };
            if (VideoUrl != null) body["videoUrl"] = VideoUrl;
            if (Amount != null) body["amount"] = Amount.Value;
            if (Categories != null) body["categories"] = new JArray(Categories.ToArray());
            return body;
        }
    }

    /// <summary>The fields of a new template (CreateProjectTemplate): the listing plus its source and configurations.</summary>
    public sealed class NewTemplate : TemplateListing
    {
        public string ProjectId { get; set; } = "";
        public string EnvironmentId { get; set; } = "";
        public JObject ProjectConfiguration { get; set; } = new JObject();
        public JObject EnvironmentConfiguration { get; set; } = new JObject();
        public JObject BuildResources { get; set; } = new JObject();
        public JObject DeploymentResources { get; set; } = new JObject();

        public override void Validate()
        {
            TemplateRules.Uuid("ProjectId", ProjectId);
            TemplateRules.Uuid("EnvironmentId", EnvironmentId);
            TemplateRules.Listing(this, videoUrlRequired: false);
        }

        internal override JObject ToJson()
        {
            var body = base.ToJson();
            body["projectId"] = ProjectId;
            body["environmentId"] = EnvironmentId;
            body["projectConfiguration"] = ProjectConfiguration;
            body["environmentConfiguration"] = EnvironmentConfiguration;
            body["buildResources"] = BuildResources;
            body["deploymentResources"] = DeploymentResources;
            return body;
        }
    }

    /// <summary>The template limits of reference §8.12, checked before any request.</summary>
    public static class TemplateRules
    {
        public const int NameMin = 10, NameMax = 100;
        public const int TextMin = 100, TextMax = 10000;
        public const int UriMax = 100, CategoryMax = 128;
        public const decimal AmountMax = 5000;
        public const int MaxDrafts = 10;
        public static readonly IReadOnlyList<string> Statuses = new[] { "draft", "underReview", "publishing", "listed", "rejected", "deleted" };

        public static void Listing(TemplateListing listing, bool videoUrlRequired)
        {
            CreateOsRules.Length("Name", listing.Name, NameMin, NameMax);
            Text("Description", listing.Description);
            Text("Overview", listing.Overview);
            Text("UseCases", listing.UseCases);
            CreateOsRules.Length("ImageUri", listing.ImageUri, 1, UriMax);
            if (videoUrlRequired || listing.VideoUrl != null) VideoUrl(listing.VideoUrl);
            Amount(listing.Amount);
            Categories(listing.Categories);
        }

        public static void Text(string field, string? text) => CreateOsRules.Length(field, text, TextMin, TextMax);

        public static void VideoUrl(string? videoUrl)
        {
            CreateOsRules.Length("VideoUrl", videoUrl, 1, UriMax);
            if (!Uri.TryCreate(videoUrl, UriKind.Absolute, out var video) || (video.Scheme != Uri.UriSchemeHttps && video.Scheme != Uri.UriSchemeHttp))
                throw new ValidationException("VideoUrl", videoUrl, $"VideoUrl must be an http(s) address; got '{videoUrl}'.");
        }

        public static void Amount(decimal? amount)
        {
            if (amount is decimal value && (value < 0 || value > AmountMax))
                throw new ValidationException("Amount", value, $"Amount must be between 0 and {AmountMax.ToString(CultureInfo.InvariantCulture)}; got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        public static void Categories(IEnumerable<string>? categories)
        {
            foreach (var category in categories ?? Array.Empty<string>())
                CreateOsRules.Length("Category", category, 1, CategoryMax);
        }

        public static void Uuid(string field, string? value)
        {
            if (!Guid.TryParse(value, out _)) throw new ValidationException(field, value, $"{field} must be an id (a UUID); got '{value}'.");
        }

        public static void Page(int limit, int max)
        {
            CreateOsRules.Range("limit", limit, 1, max);
        }
    }

    /// <summary>The template marketplace (reference §8.12): publish your own, browse, buy, download and deploy.</summary>
    public sealed class TemplatesApi
    {
        public const int MaxPurchasePageSize = 50;
        private const string Root = "v1/project-templates";
        private readonly CreateOsClient _client;

        internal TemplatesApi(CreateOsClient client) => _client = client;

        public static string PathOf(string templateId) => Root + "/" + ApiRequest.Segment(templateId);

        private static string PurchasePathOf(string purchaseId) => Root + "/purchases/" + ApiRequest.Segment(purchaseId);

        /// <summary>Listed templates, filtered by a name part and by categories (any of them).</summary>
        public Task<Page<ProjectTemplate>> ListPublishedPageAsync(string? name, IReadOnlyCollection<string>? categories, int offset, int limit, CancellationToken ct)
        {
            TemplateRules.Page(limit, CreateOsClient.MaxPageSize);
            var request = new ApiRequest(HttpMethod.Get, Root).WithQuery("limit", limit).WithQuery("offset", offset).WithQuery("name", name)
                .WithQuery("categories", categories is null || categories.Count == 0 ? null : string.Join(",", categories));
            return _client.GetPageAsync<ProjectTemplate>(request, offset, ct);
        }

        /// <summary>The user's own templates in every status but deleted.</summary>
        public Task<Page<ProjectTemplate>> ListMinePageAsync(int offset, int limit, CancellationToken ct)
        {
            TemplateRules.Page(limit, CreateOsClient.MaxPageSize);
            return _client.GetPageAsync<ProjectTemplate>(new ApiRequest(HttpMethod.Get, Root + "/my").WithQuery("limit", limit).WithQuery("offset", offset), offset, ct);
        }

        public async Task<TemplateCount> GetCountsAsync(string? name, CancellationToken ct)
        {
            var response = await _client.SendAsync(new ApiRequest(HttpMethod.Get, Root + "/counts").WithQuery("name", name), ct).ConfigureAwait(false);
            return ReadCounts(response.Payload, name);
        }

        /// <summary>
        /// Reads the counts answer, whose schema is not published: a number, or an object with total/count and categories
        /// as a list of {name, count} or a map of name → count.
        /// </summary>
        public static TemplateCount ReadCounts(JToken? payload, string? name)
        {
            var result = new TemplateCount { Name = name };
            if (payload is JValue number && (number.Type == JTokenType.Integer || number.Type == JTokenType.Float))
            {
                result.Total = number.Value<int>();
                return result;
            }
            if (payload is not JObject obj) return result;
            var total = (obj.GetValue("total", StringComparison.OrdinalIgnoreCase) ?? obj.GetValue("count", StringComparison.OrdinalIgnoreCase)) as JValue;
            var categories = new List<TemplateCategoryCount>();
            switch (obj.GetValue("categories", StringComparison.OrdinalIgnoreCase))
            {
                case JArray list:
                    foreach (var item in list.OfType<JObject>())
                    {
                        var label = (item.GetValue("name", StringComparison.OrdinalIgnoreCase) ?? item.GetValue("category", StringComparison.OrdinalIgnoreCase))?.ToString();
                        if (!string.IsNullOrEmpty(label)) categories.Add(new TemplateCategoryCount { Name = label!, Count = item.GetValue("count", StringComparison.OrdinalIgnoreCase)?.Value<int?>() ?? 0 });
                    }
                    break;
                case JObject map:
                    foreach (var property in map.Properties())
                        if (property.Value.Type == JTokenType.Integer) categories.Add(new TemplateCategoryCount { Name = property.Name, Count = property.Value.Value<int>() });
                    break;
            }
            result.Categories = categories;
            result.Total = total?.Value<int?>() ?? categories.Sum(c => c.Count);
            return result;
        }

        public Task<ProjectTemplate> GetAsync(string templateId, CancellationToken ct) =>
            _client.GetAsync<ProjectTemplate>(new ApiRequest(HttpMethod.Get, PathOf(templateId)) { Subject = templateId }, ct);

        public async Task<string> CreateAsync(NewTemplate template, CancellationToken ct)
        {
            template.Validate();
            var request = new ApiRequest(HttpMethod.Post, Root) { JsonBody = template.ToJson(), Subject = template.Name };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        /// <summary>Replaces the listing of a draft or rejected template (every text and videoUrl are required).</summary>
        public Task UpdateAsync(string templateId, TemplateListing listing, CancellationToken ct)
        {
            TemplateRules.Listing(listing, videoUrlRequired: true);
            return _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(templateId)) { JsonBody = listing.ToJson(), Subject = templateId }, ct);
        }

        public Task DeleteAsync(string templateId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Delete, PathOf(templateId)) { Subject = templateId }, ct);

        /// <summary>Moves a draft (or rejected) template to underReview (UpdateProjectTemplateStatus).</summary>
        public Task SendForReviewAsync(string templateId, CancellationToken ct) =>
            _client.SendAsync(new ApiRequest(HttpMethod.Put, PathOf(templateId) + "/send-for-review") { Subject = templateId }, ct);

        public async Task<IReadOnlyList<TemplateRejection>> ListRejectionsAsync(string templateId, CancellationToken ct)
        {
            var page = await _client.GetPageAsync<TemplateRejection>(new ApiRequest(HttpMethod.Get, PathOf(templateId) + "/rejections") { Subject = templateId }, 0, ct).ConfigureAwait(false);
            foreach (var rejection in page.Items)
                if (string.IsNullOrEmpty(rejection.ProjectTemplateId)) rejection.ProjectTemplateId = templateId;
            return page.Items;
        }

        /// <summary>Buys a listed template; returns the purchase id. A POST that may cost money: never retried once sent.</summary>
        public async Task<string> BuyAsync(string templateId, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Post, PathOf(templateId) + "/buy") { Subject = templateId, Idempotent = false };
            return CreateOsClient.ReadCreatedId(await _client.SendAsync(request, ct).ConfigureAwait(false), request);
        }

        public Task<Page<TemplatePurchase>> ListPurchasesPageAsync(int offset, int limit, CancellationToken ct)
        {
            TemplateRules.Page(limit, MaxPurchasePageSize);
            return _client.GetPageAsync<TemplatePurchase>(new ApiRequest(HttpMethod.Get, Root + "/purchases").WithQuery("limit", limit).WithQuery("offset", offset), offset, ct);
        }

        /// <summary>
        /// Downloads a purchase to <paramref name="path"/>. The answer is the file itself (reference §8.12); a JSON answer
        /// carrying a signed downloadUri, as DownloadDeployment has, is followed too.
        /// </summary>
        public async Task<long> DownloadAsync(string purchaseId, string path, IProgress<TransferProgress>? progress, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, PurchasePathOf(purchaseId) + "/download") { Subject = purchaseId };
            using var answer = await _client.Http.SendForContentAsync(request, ct).ConfigureAwait(false);
            if (answer.File != null) return await FileDownload.SaveAsync(answer.File.Content, path, progress, ct, _client.Http.Timeout).ConfigureAwait(false);
            var link = CreateOsClient.ReadPayload<DownloadLink>(answer.Json!, request);
            if (string.IsNullOrEmpty(link.DownloadUri))
                throw new ApiException(ApiFailureKind.InvalidResponse, $"GET {request.Path} returned neither a file nor a downloadUri.") { RawBody = answer.Json!.RawBody, Method = "GET" };
            return await CreateOsClient.DownloadToFileAsync(link.DownloadUri, path, _client.Http.Timeout, progress, ct).ConfigureAwait(false);
        }

        /// <summary>Deploys a purchased template through a GitHub installation of the user (DeployProjectTemplateViaGithub).</summary>
        public Task DeployViaGitHubAsync(string purchaseId, long installationId, CancellationToken ct)
        {
            if (installationId <= 0) throw new ValidationException("InstallationId", installationId, $"InstallationId must be a GitHub installation id (see Get-CreateOsGitHubAccount); got {installationId}.");
            return _client.SendAsync(new ApiRequest(HttpMethod.Put, PurchasePathOf(purchaseId) + "/deploy-via-github")
            {
                JsonBody = new JObject { ["installationId"] = installationId },
                Subject = purchaseId,
                Idempotent = false,
            }, ct);
        }
    }
}
