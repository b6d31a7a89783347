using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Api
{
    /// <summary>The CreateOS REST API (<c>/v1/…</c>), one small facade per resource.</summary>
    public sealed class CreateOsClient
    {
        public const int MaxPageSize = 20;

        public CreateOsClient(JsonApiClient http)
        {
            Http = http ?? throw new ArgumentNullException(nameof(http));
            Projects = new ProjectsApi(this);
            Account = new AccountApi(this);
            Deployments = new DeploymentsApi(this);
            Environments = new EnvironmentsApi(this);
            Domains = new DomainsApi(this);
            GitHub = new GitHubApi(this);
            Analytics = new AnalyticsApi(this);
            SecurityScans = new SecurityScansApi(this);
            Apps = new AppsApi(this);
            ApiKeys = new ApiKeysApi(this);
            Transfers = new TransfersApi(this);
            Cronjobs = new CronjobsApi(this);
            Templates = new TemplatesApi(this);
        }

        public JsonApiClient Http { get; }
        public ProjectsApi Projects { get; }
        public AccountApi Account { get; }
        public DeploymentsApi Deployments { get; }
        public EnvironmentsApi Environments { get; }
        public DomainsApi Domains { get; }
        public GitHubApi GitHub { get; }
        public AnalyticsApi Analytics { get; }
        public SecurityScansApi SecurityScans { get; }
        public AppsApi Apps { get; }
        public ApiKeysApi ApiKeys { get; }
        public TransfersApi Transfers { get; }
        public CronjobsApi Cronjobs { get; }
        public TemplatesApi Templates { get; }

        /// <summary>
        /// Downloads a signed address (a deployment archive, a scan report, a template) to <paramref name="path"/>. Signed
        /// URIs carry their own authorisation, so no API key is sent; see <see cref="FileDownload"/> for how it is written.
        /// <paramref name="timeout"/> bounds the wait for the answer and every stall of the body (a large file may take
        /// longer in total, but never sits without a byte for that long).
        /// </summary>
        public static async Task<long> DownloadToFileAsync(string uri, string path, TimeSpan timeout, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
                throw new ApiException(ApiFailureKind.InvalidResponse, $"The download address '{uri}' is not an http(s) URI.");
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            answer.CancelAfter(timeout);
            HttpResponseMessage response;
            try
            {
                response = await HttpTransport.Shared.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, answer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw FileDownload.Stalled(address, timeout);
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                    throw ApiException.FromResponse((int)response.StatusCode, $"the download failed ({response.ReasonPhrase}); the link may have expired, ask for a new one", null, null, "GET", address, null);
                return await FileDownload.SaveAsync(response.Content, path, progress, cancellationToken, timeout, address).ConfigureAwait(false);
            }
        }

        public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken) => Http.SendAsync(request, cancellationToken);

        public async Task<T> GetAsync<T>(ApiRequest request, CancellationToken cancellationToken)
        {
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ReadPayload<T>(response, request);
        }

        /// <summary>Reads <c>data</c> as T; the aggregate analytics template has no wrapper, so a body without data is read whole.</summary>
        public static T ReadPayload<T>(ApiResponse response, ApiRequest request)
        {
            var payload = response.Payload;
            try
            {
                var value = Json.ToObject<T>(payload);
                if (value is null)
                    throw new ApiException(ApiFailureKind.InvalidResponse, $"{request.Method} {request.Path} returned no data.") { RawBody = response.RawBody, Method = request.Method.Method };
                return value;
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                throw new ApiException(ApiFailureKind.InvalidResponse, $"{request.Method} {request.Path} returned data of an unexpected shape: {ex.Message}", ex) { RawBody = response.RawBody, Method = request.Method.Method };
            }
        }

        /// <summary>The id of a created resource: <c>{id}</c>, or a full object with an id (reference §9).</summary>
        public static string ReadCreatedId(ApiResponse response, ApiRequest request)
        {
            var payload = response.Payload;
            var id = (payload as JObject)?.GetValue("id", StringComparison.OrdinalIgnoreCase)?.ToString();
            if (string.IsNullOrEmpty(id))
                throw new ApiException(ApiFailureKind.InvalidResponse, $"{request.Method} {request.Path} did not return the new id.") { RawBody = response.RawBody, Method = request.Method.Method };
            return id!;
        }

        /// <summary>A message string when the payload is one (most mutations return one).</summary>
        public static string? ReadMessage(ApiResponse response) =>
            response.Payload?.Type == JTokenType.String ? response.Payload.Value<string>() : null;

        /// <summary>A project's child collection (environments, domains), each item stamped with the project where the payload leaves it out.</summary>
        internal async Task<IReadOnlyList<T>> ListOfProjectAsync<T>(string projectId, string collection, CancellationToken cancellationToken) where T : IProjectOwned
        {
            var request = new ApiRequest(HttpMethod.Get, ProjectsApi.PathOf(projectId) + "/" + collection) { Subject = projectId };
            var page = await GetPageAsync<T>(request, 0, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items) OfProject(item, projectId);
            return page.Items;
        }

        /// <summary>Fills in the project of an item whose payload left it out.</summary>
        internal static T OfProject<T>(T item, string projectId) where T : IProjectOwned
        {
            if (string.IsNullOrEmpty(item.ProjectId)) item.ProjectId = projectId;
            return item;
        }

        /// <summary>
        /// Reads one page of a list that is either the nested paginated envelope or a bare array (then a single page).
        /// </summary>
        public async Task<Page<T>> GetPageAsync<T>(ApiRequest request, int offset, CancellationToken cancellationToken)
        {
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return ReadPage<T>(response, request, offset);
        }

        public static Page<T> ReadPage<T>(ApiResponse response, ApiRequest request, int offset)
        {
            var payload = response.Payload;
            if (payload is JArray array)
                return new Page<T>(array.Select(item => Json.ToObject<T>(item)!).ToList(), null, offset, KeysOf(array));
            if (payload is JObject obj)
            {
                var items = obj.GetValue("data", StringComparison.Ordinal) as JArray
                    ?? obj.Properties().Select(p => p.Value).OfType<JArray>().FirstOrDefault();
                if (items != null)
                {
                    var pagination = obj.GetValue("pagination", StringComparison.OrdinalIgnoreCase) as JObject;
                    var total = IntOf(pagination?.GetValue("total", StringComparison.OrdinalIgnoreCase));
                    var pageOffset = IntOf(pagination?.GetValue("offset", StringComparison.OrdinalIgnoreCase)) ?? offset;
                    var limit = IntOf(pagination?.GetValue("limit", StringComparison.OrdinalIgnoreCase));
                    return new Page<T>(items.Select(item => Json.ToObject<T>(item)!).ToList(), total, pageOffset, KeysOf(items), limit);
                }
            }
            if (payload is null || payload.Type == JTokenType.Null)
                return new Page<T>(Array.Empty<T>(), 0, offset);
            throw new ApiException(ApiFailureKind.InvalidResponse, $"{request.Method} {request.Path} did not return a list.") { RawBody = response.RawBody, Method = request.Method.Method };
        }

        /// <summary>The most pages one walk asks for (100,000 items): a list that goes on beyond it is cut with a warning.</summary>
        public const int MaxPages = 5_000;

        /// <summary>
        /// Walks a paginated list page by page from <paramref name="skip"/>, handing each page to <paramref name="onPage"/> as
        /// soon as it arrives, until <paramref name="first"/> items were delivered or the list ends. The walk always ends,
        /// whatever the server claims: it stops at an empty page, at a page that adds nothing not already listed, at a
        /// page that contradicts the server's own total (short before the end, not at the offset asked for), and after
        /// <see cref="MaxPages"/> pages — each of the last three with a warning through <paramref name="onWarning"/>.
        /// </summary>
        public static async Task<int?> WalkPagesAsync<T>(Func<int, int, CancellationToken, Task<Page<T>>> fetchPage, long skip, long? first, Action<IReadOnlyList<T>> onPage, CancellationToken cancellationToken,
            Action<string>? onWarning = null)
        {
            var offset = (int)Math.Min(skip, int.MaxValue);
            long delivered = 0;
            int? total = null;
            var seenKeys = new HashSet<string>(StringComparer.Ordinal);
            var seenItems = new HashSet<T>();
            for (var pages = 1; first is null || delivered < first.Value; pages++)
            {
                var wanted = first is null ? MaxPageSize : (int)Math.Min(MaxPageSize, first.Value - delivered);
                var page = await fetchPage(offset, wanted, cancellationToken).ConfigureAwait(false);
                total = page.Total ?? total;
                var items = page.Items;
                // A bare array is one page that ignores offset and limit: apply them here.
                if (page.Total is null)
                {
                    items = items.Skip(offset).Take(first is null ? int.MaxValue : (int)(first.Value - delivered)).ToList();
                    if (items.Count > 0) onPage(items);
                    delivered += items.Count;
                    break;
                }
                if (page.Items.Count == 0) break;

                var fresh = FreshItems(page, seenKeys, seenItems);
                if (fresh.Count == 0)
                {
                    onWarning?.Invoke($"Stopped listing after {delivered} items: the server sent page {pages} (offset {offset}) again with nothing new, although it claims {page.Total} in all.");
                    break;
                }
                if (first.HasValue && fresh.Count > first.Value - delivered) fresh = fresh.Take((int)(first.Value - delivered)).ToList();
                onPage(fresh);
                delivered += fresh.Count;
                offset += page.Items.Count;
                if (page.IsLast) break;

                var inconsistency = page.Offset != offset - page.Items.Count ? $"it answered offset {page.Offset} when asked for {offset - page.Items.Count}"
                    : page.Items.Count < Math.Min(wanted, page.Limit is > 0 ? page.Limit.Value : wanted) ? $"page {pages} held {page.Items.Count} items, fewer than the {wanted} asked for, yet its total of {page.Total} says more follow"
                    : null;
                if (inconsistency != null)
                {
                    onWarning?.Invoke($"Stopped listing after {delivered} items: the server's paging is inconsistent ({inconsistency}).");
                    break;
                }
                if (pages >= MaxPages)
                {
                    onWarning?.Invoke($"Stopped listing after {MaxPages} pages ({delivered} items) although the server claims {page.Total}. Use -Skip {skip + delivered} to go on from here.");
                    break;
                }
            }
            return total;
        }

        /// <summary>The items of a page not seen earlier in the walk (by key when the page has keys, else by value).</summary>
        private static List<T> FreshItems<T>(Page<T> page, HashSet<string> seenKeys, HashSet<T> seenItems)
        {
            var fresh = new List<T>();
            for (var i = 0; i < page.Items.Count; i++)
            {
                var isNew = page.Keys != null && i < page.Keys.Count ? seenKeys.Add(page.Keys[i]) : page.Items[i] is null || seenItems.Add(page.Items[i]);
                if (isNew) fresh.Add(page.Items[i]);
            }
            return fresh;
        }

        /// <summary>Each item's id when it has one, else its JSON text.</summary>
        private static IReadOnlyList<string> KeysOf(JArray items) =>
            items.Select(item => (item as JObject)?.GetValue("id", StringComparison.OrdinalIgnoreCase) is JValue id && id.Value != null
                ? "id:" + id.ToString(Newtonsoft.Json.Formatting.None)
                : item.ToString(Newtonsoft.Json.Formatting.None)).ToList();

        /// <summary>A whole number that fits an int, else null (a total of 1e30 or "many" is no total).</summary>
        private static int? IntOf(JToken? token)
        {
            if (token is null || (token.Type != JTokenType.Integer && token.Type != JTokenType.Float)) return null;
            var value = token.Value<double>();
            return value >= 0 && value <= int.MaxValue && Math.Floor(value) == value ? (int)value : (int?)null;
        }
    }
}
