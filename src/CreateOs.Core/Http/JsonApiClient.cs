using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// Sends JSON requests to one service with per-request credentials, a timeout, retries and cancellation, and turns
    /// every failure into an <see cref="ApiException"/>. Credentials are added to each request, never to the shared
    /// client's default headers.
    /// </summary>
    public sealed class JsonApiClient
    {
        private static readonly string[] RequestIdHeaders = { "X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId", "CF-Ray" };

        private readonly HttpClient _http;
        private readonly Uri _baseUri;
        private readonly Action<HttpRequestMessage, ApiRequest>? _authorize;

        public JsonApiClient(HttpClient http, Uri baseUri, Action<HttpRequestMessage, ApiRequest>? authorize, string userAgent, TimeSpan timeout, RetryPolicy retryPolicy)
        {
            _http = http ?? throw new ArgumentNullException(nameof(http));
            _baseUri = baseUri ?? throw new ArgumentNullException(nameof(baseUri));
            _authorize = authorize;
            UserAgent = userAgent;
            Timeout = timeout;
            RetryPolicy = retryPolicy ?? throw new ArgumentNullException(nameof(retryPolicy));
        }

        public Uri BaseUri => _baseUri;
        public string UserAgent { get; }
        public TimeSpan Timeout { get; }
        public RetryPolicy RetryPolicy { get; }
        /// <summary>The largest successful answer read; a larger one is an error, and reading stops at the limit.</summary>
        public long MaxResponseBytes { get; set; } = BoundedBody.DefaultMaxResponseBytes;
        /// <summary>How waits between retries happen; tests replace it to run without sleeping.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (wait, ct) => Task.Delay(wait, ct);
        /// <summary>Awaited before every attempt (a client-side rate budget, for example).</summary>
        public Func<CancellationToken, Task>? BeforeSend { get; set; }
        /// <summary>Called on every 429 with its Retry-After (a client-side rate budget learns from it).</summary>
        public Action<TimeSpan?>? OnThrottled { get; set; }
        /// <summary>Called before each retry with the attempt number, the wait and the reason (for verbose output).</summary>
        public Action<int, TimeSpan, string>? OnRetry { get; set; }

        public Uri Resolve(ApiRequest request)
        {
            var relative = request.PathAndQuery().TrimStart('/');
            var root = _baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? _baseUri : new Uri(_baseUri.AbsoluteUri + "/");
            return new Uri(root, relative);
        }

        public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken) =>
            (await SendCoreAsync(request, acceptFile: false, cancellationToken).ConfigureAwait(false)).Json!;

        /// <summary>
        /// Sends a request whose successful answer may be a file rather than a JSON envelope (DownloadProjectTemplate):
        /// a 2xx answer that is not JSON comes back open (headers read, body not yet) for the caller to stream and
        /// dispose; a JSON answer is parsed as by <see cref="SendAsync"/>. Errors and retries are those of SendAsync.
        /// </summary>
        public Task<ApiContent> SendForContentAsync(ApiRequest request, CancellationToken cancellationToken) =>
            SendCoreAsync(request, acceptFile: true, cancellationToken);

        private async Task<ApiContent> SendCoreAsync(ApiRequest request, bool acceptFile, CancellationToken cancellationToken)
        {
            var uri = Resolve(request);
            var idempotent = request.IsIdempotent;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (BeforeSend != null) await BeforeSend(cancellationToken).ConfigureAwait(false);
                using var timeout = new CancellationTokenSource(Timeout);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                HttpResponseMessage? response = null;
                try
                {
                    using var message = BuildMessage(request, uri);
                    ApiDiagnostics.Debug($"{request.Method} {uri.AbsolutePath}");
                    BoundedBody content;
                    try
                    {
                        response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                        ApiDiagnostics.Debug($"{request.Method} {uri.AbsolutePath} -> {(int)response.StatusCode}");
                        var succeeded = (int)response.StatusCode >= 200 && (int)response.StatusCode < 300;
                        if (acceptFile && succeeded && !IsJson(response.Content))
                        {
                            var file = response;
                            response = null; // the caller streams it (bounded and with its own stall timeout) and disposes it
                            return new ApiContent(null, file);
                        }
                        // The timeout covers the whole answer, body included: a server that trickles bytes is cut off too.
                        content = await BoundedBody.ReadAsync(response.Content, succeeded ? MaxResponseBytes : BoundedBody.MaxErrorBodyBytes, skipIfDeclaredLarger: succeeded, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                    {
                        var failure = new ApiException(ApiFailureKind.Timeout, $"No answer from {request.Method} {Describe(uri)} within {Timeout.TotalSeconds:0.#} s.") { Method = request.Method.Method, RequestUri = uri };
                        if (attempt < RetryPolicy.MaxAttempts && RetryPolicy.ShouldRetryTransport(idempotent, requestMayHaveBeenSent: true))
                        {
                            await WaitBeforeRetry(attempt + 1, null, "timeout", cancellationToken).ConfigureAwait(false);
                            continue;
                        }
                        throw failure;
                    }
                    catch (Exception ex) when (ex is HttpRequestException || (ex is IOException && response != null))
                    {
                        var neverSent = response is null && NeverReachedServer(ex);
                        if (attempt < RetryPolicy.MaxAttempts && RetryPolicy.ShouldRetryTransport(idempotent, requestMayHaveBeenSent: !neverSent))
                        {
                            await WaitBeforeRetry(attempt + 1, null, "connection failed: " + Innermost(ex).Message, cancellationToken).ConfigureAwait(false);
                            continue;
                        }
                        throw new ApiException(ApiFailureKind.Connection, $"Could not reach {uri.GetLeftPart(UriPartial.Authority)}: {Innermost(ex).Message}", ex) { Method = request.Method.Method, RequestUri = uri };
                    }

                    var status = (int)response.StatusCode;
                    var retryAfter = RetryPolicy.ParseRetryAfter(response, DateTimeOffset.UtcNow);
                    if (status == 429) OnThrottled?.Invoke(retryAfter);

                    JToken? body = null;
                    if (status >= 200 && status < 300)
                    {
                        if (content.Truncated)
                            throw new ApiException(ApiFailureKind.InvalidResponse,
                                $"The answer to {request.Method} {Describe(uri)} is larger than {BoundedBody.Describe(MaxResponseBytes)}{(content.DeclaredLength > MaxResponseBytes ? $" ({content.DeclaredLength} bytes declared)" : "")}; it was not read. Raise (Get-CreateOsContext).MaxResponseBytes only if you expect answers this large.")
                            { Method = request.Method.Method, RequestUri = uri, StatusCode = (HttpStatusCode)status };
                        body = ServerText.CleanStrings(ResponseEnvelope.TryParse(content));
                        if (!ResponseEnvelope.DeclaresFailure(body))
                            return new ApiContent(new ApiResponse(status, body, ResponseEnvelope.Excerpt(content), response.Headers), null);
                    }

                    // Error answers: only their start is read and kept (error records stay small), their text cleaned.
                    var raw = body != null ? ResponseEnvelope.Excerpt(content) : ServerText.CleanBody(content.Text());
                    body ??= ResponseEnvelope.TryParse(raw);
                    var error = ApiException.FromResponse(status, ResponseEnvelope.ErrorMessage(body, raw, status), raw, RequestIdOf(response), request.Method.Method, uri, retryAfter);
                    error.ResponseHeaders = HeaderMap.Of(response.Headers, response.Content?.Headers);
                    error.IsGateway = IsGateway;
                    var retryAfterTooLong = retryAfter.HasValue && retryAfter.Value > RetryPolicy.MaxRetryAfter;
                    if (attempt < RetryPolicy.MaxAttempts && !retryAfterTooLong && RetryPolicy.ShouldRetryStatus(status, idempotent, retryAfter.HasValue))
                    {
                        await WaitBeforeRetry(attempt + 1, retryAfter, $"HTTP {status}", cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    throw error;
                }
                finally
                {
                    response?.Dispose();
                }
            }
        }

        private async Task WaitBeforeRetry(int nextAttempt, TimeSpan? retryAfter, string reason, CancellationToken cancellationToken)
        {
            var wait = RetryPolicy.Delay(nextAttempt, retryAfter);
            OnRetry?.Invoke(nextAttempt, wait, reason);
            ApiDiagnostics.Verbose($"{reason}; retrying in {wait.TotalSeconds:0.##} s (attempt {nextAttempt} of {RetryPolicy.MaxAttempts}).");
            await Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        private HttpRequestMessage BuildMessage(ApiRequest request, Uri uri)
        {
            var message = new HttpRequestMessage(request.Method, uri);
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (request.ContentFactory != null)
            {
                message.Content = request.ContentFactory();
            }
            else if (request.JsonBody != null)
            {
                var json = request.JsonBody as string ?? Json.Serialize(request.JsonBody);
                message.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
            foreach (var header in request.Headers)
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            _authorize?.Invoke(message, request);
            return message;
        }

        private static bool IsJson(HttpContent? content)
        {
            var mediaType = content?.Headers.ContentType?.MediaType;
            return mediaType != null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Marks errors of this client as coming from the MPP gateway.</summary>
        public bool IsGateway { get; set; }

        /// <summary>"https://host/path" for messages: which endpoint did not answer, without the query.</summary>
        private static string Describe(Uri uri) => uri.GetLeftPart(UriPartial.Path);

        private static string? RequestIdOf(HttpResponseMessage response)
        {
            foreach (var name in RequestIdHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values))
                {
                    var value = values.FirstOrDefault();
                    if (!string.IsNullOrWhiteSpace(value)) return value;
                }
            }
            return null;
        }

        /// <summary>DNS failures and refused connections prove the request never reached the server.</summary>
        private static bool NeverReachedServer(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException!)
            {
                if (e is SocketException socket)
                    return socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound
                        || socket.SocketErrorCode == SocketError.NoData || socket.SocketErrorCode == SocketError.TryAgain
                        || socket.SocketErrorCode == SocketError.NetworkUnreachable || socket.SocketErrorCode == SocketError.HostUnreachable;
                if (e.InnerException == null) break;
            }
            return false;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
