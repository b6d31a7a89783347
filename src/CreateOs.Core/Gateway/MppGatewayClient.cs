using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Gateway
{
    /// <summary>Headers of one POST /agent/deploy attempt.</summary>
    public sealed class DeployAttempt
    {
        public string? PaymentTx { get; set; }
        public string? PaymentChain { get; set; }
        public string? PaymentToken { get; set; }
        public bool UseExistingCredits { get; set; }
        /// <summary>A payment v2 credential (exactly one header); never sent together with <see cref="PaymentTx"/>.</summary>
        public PaymentCredential? Credential { get; set; }
        /// <summary>Sent on every POST of the same deploy (the MPP recommendation).</summary>
        public string? IdempotencyKey { get; set; }
    }

    /// <summary>What POST /agent/deploy answered: accepted (200) or a payment quote (402).</summary>
    public sealed class DeployResponse
    {
        public DeployAccepted? Accepted { get; set; }
        public PaymentQuote? Quote { get; set; }
    }

    /// <summary>
    /// The MPP agent gateway (<c>/agent/…</c>): every authenticated request is signed by the session's wallet with a fresh
    /// nonce per attempt. Deploy bodies are sent from a file so a retry sends the byte-identical body.
    /// </summary>
    public sealed class MppGatewayClient
    {
        private readonly JsonApiClient _signed;
        private readonly JsonApiClient _anonymous;

        public MppGatewayClient(HttpClient http, Uri gatewayUri, GatewayAuthenticator? authenticator, string userAgent, TimeSpan timeout, RequestBudget? budget = null, int maxAttempts = 4)
        {
            var policy = new RetryPolicy(maxAttempts, maxRetryAfter: LongestRetryAfterWait);
            _signed = new JsonApiClient(http, gatewayUri, authenticator is null ? null : (message, _) => authenticator.Sign(message), userAgent, timeout, policy) { IsGateway = true };
            _anonymous = new JsonApiClient(http, gatewayUri, null, userAgent, timeout, policy) { IsGateway = true };
            Budget = budget;
            if (budget != null)
            {
                _signed.BeforeSend = budget.AcquireAsync;
                _anonymous.BeforeSend = budget.AcquireAsync;
                _signed.OnThrottled = budget.PauseFor;
                _anonymous.OnThrottled = budget.PauseFor;
            }
        }

        /// <summary>The longest Retry-After of the gateway that is waited out; a longer one is reported (and waited only this long by a paid submit).</summary>
        public static readonly TimeSpan LongestRetryAfterWait = TimeSpan.FromSeconds(65);

        /// <summary>The session's share of the gateway's rate limit that every request of this client spends; null = unlimited.</summary>
        public RequestBudget? Budget { get; }

        public Uri GatewayUri => _signed.BaseUri;

        /// <summary>The largest successful answer read (an error answer is read only up to its first 64 KiB).</summary>
        public long MaxResponseBytes
        {
            get => _signed.MaxResponseBytes;
            set { _signed.MaxResponseBytes = value; _anonymous.MaxResponseBytes = value; }
        }

        /// <summary>Replaces the waits between retries (tests).</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay
        {
            set { _signed.Delay = value; _anonymous.Delay = value; }
        }

        public async Task<IReadOnlyList<MppChain>> GetChainsAsync(CancellationToken ct)
        {
            var response = await _anonymous.SendAsync(new ApiRequest(HttpMethod.Get, "agent/chains"), ct).ConfigureAwait(false);
            return (response.Body?["chains"] as JArray)?.Select(c => c.ToObject<MppChain>()!).ToList() ?? new List<MppChain>();
        }

        public async Task<IReadOnlyList<string>> GetRecipientsAsync(CancellationToken ct)
        {
            var response = await _anonymous.SendAsync(new ApiRequest(HttpMethod.Get, "agent/recipients"), ct).ConfigureAwait(false);
            return (response.Body?["recipients"] as JArray)?.Select(r => r["address"]?.ToString()).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
                ?? new List<string>();
        }

        public async Task<IReadOnlyList<MppBalanceEntry>> GetBalanceAsync(string address, string chain, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, "agent/balance/" + ApiRequest.Segment(address)).WithQuery("chain", chain);
            var response = await _anonymous.SendAsync(request, ct).ConfigureAwait(false);
            return (response.Body?["balances"] as JArray)?.Select(b => b.ToObject<MppBalanceEntry>()!).ToList() ?? new List<MppBalanceEntry>();
        }

        public async Task<IReadOnlyList<MppProject>> GetProjectsAsync(CancellationToken ct)
        {
            var response = await _signed.SendAsync(new ApiRequest(HttpMethod.Get, "agent/projects"), ct).ConfigureAwait(false);
            return (response.Body?["projects"] as JArray)?.Select(p => p.ToObject<MppProject>(Json.Serializer)!).ToList() ?? new List<MppProject>();
        }

        public async Task DeleteProjectAsync(string projectId, CancellationToken ct) =>
            await _signed.SendAsync(new ApiRequest(HttpMethod.Delete, "agent/projects/" + ApiRequest.Segment(projectId)) { Subject = projectId }, ct).ConfigureAwait(false);

        public async Task<MppDeploymentStatus> GetStatusAsync(string projectId, string deploymentId, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, $"agent/deploy/{ApiRequest.Segment(projectId)}/{ApiRequest.Segment(deploymentId)}/status") { Subject = deploymentId };
            var body = (await _signed.SendAsync(request, ct).ConfigureAwait(false)).Body as JObject ?? new JObject();
            var answered = body["deployment_id"]?.ToString();
            // "ready" about another deployment is not ours being ready.
            if (!string.IsNullOrEmpty(answered) && !string.Equals(answered, deploymentId, StringComparison.Ordinal))
                throw new ApiException(ApiFailureKind.InvalidResponse, $"Asked about deployment {deploymentId}, the gateway answered about deployment {ServerText.Message(answered)}; its status is not used. Check it with Get-MppDeploymentStatus -ProjectId {projectId} -DeploymentId {deploymentId}.") { IsGateway = true };
            return new MppDeploymentStatus
            {
                ProjectId = projectId,
                DeploymentId = deploymentId,
                Status = body["status"]?.ToString() ?? "",
                DeploymentStatus = body["deployment_status"]?.ToString(),
                Endpoint = EndpointIdentity.WebAddressOrNull(body["endpoint"]?.ToString()),
                Reason = body["reason"]?.ToString(),
                Message = body["message"]?.ToString(),
            };
        }

        /// <summary>
        /// One POST /agent/deploy with the body read from <paramref name="bodyPath"/>. A 402 comes back as a quote; any other
        /// failure as an <see cref="ApiException"/>. Never retried here after it may have reached the gateway: the deploy
        /// flow decides.
        /// </summary>
        public async Task<DeployResponse> DeployAsync(string bodyPath, DeployAttempt attempt, CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Post, "agent/deploy")
            {
                ContentFactory = () =>
                {
                    var content = new StreamContent(new FileStream(bodyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    return content;
                },
                Idempotent = false,
            };
            if (attempt.IdempotencyKey != null) request.WithHeader("Idempotency-Key", attempt.IdempotencyKey);
            if (attempt.Credential != null)
            {
                if (attempt.PaymentTx != null) throw new ArgumentException("a deploy carries either a transfer hash or a v2 credential, never both");
                request.WithHeader(attempt.Credential.HeaderName, attempt.Credential.HeaderValue);
            }
            else if (attempt.PaymentTx != null)
            {
                request.WithHeader("X-Payment-Tx", attempt.PaymentTx);
                request.WithHeader("X-Payment-Chain", attempt.PaymentChain ?? throw new ArgumentException("a paid retry names its chain"));
                request.WithHeader("X-Payment-Token", attempt.PaymentToken ?? "usdc");
            }
            else if (attempt.UseExistingCredits)
            {
                request.WithHeader("X-Use-Existing-Credits", "true");
            }

            try
            {
                var response = await _signed.SendAsync(request, ct).ConfigureAwait(false);
                var body = response.Body as JObject ?? new JObject();
                return new DeployResponse
                {
                    Accepted = new DeployAccepted
                    {
                        ProjectId = body["projectId"]?.ToString() ?? "",
                        DeploymentId = body["deploymentId"]?.ToString() ?? "",
                        Status = body["status"]?.ToString() ?? "",
                        Message = body["message"]?.ToString(),
                        Settlement = PaymentSettlement.FromHeaders(HeaderMap.Of(response.Headers)),
                    },
                };
            }
            catch (ApiException ex) when (ex.Status == 402 && (IsQuote(ex.RawBody) || PaymentQuote.IsPaymentV2Challenge(ex.ResponseHeaders)))
            {
                return new DeployResponse { Quote = PaymentQuote.Parse(ex.RawBody!, ex.ResponseHeaders) };
            }
        }

        /// <summary>A 402 with a price is a quote; "Payment verification failed" is not.</summary>
        private static bool IsQuote(string? rawBody)
        {
            if (string.IsNullOrEmpty(rawBody)) return false;
            try
            {
                var body = JObject.Parse(rawBody!);
                return body["amount_usd"] != null || body["pay_to"] != null;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return false;
            }
        }
    }
}
