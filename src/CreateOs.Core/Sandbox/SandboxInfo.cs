using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Sandbox
{
    /// <summary>What a CreateOs sandbox says about itself at <c>GET /sandbox/info</c>: its API, gateway and chains.</summary>
    public sealed class SandboxInfo
    {
        public Uri ApiUri { get; set; } = null!;
        public Uri GatewayUri { get; set; } = null!;
        public List<SandboxChain> Chains { get; } = new List<SandboxChain>();
        /// <summary>Whether the sandbox's gateway can verify payments (it runs its chains); "payments.available" of the info.</summary>
        public bool PaymentsAvailable { get; set; }
        /// <summary>Why payments are unavailable, as the sandbox says it.</summary>
        public string? PaymentsUnavailableReason { get; set; }

        public static async Task<SandboxInfo> FetchAsync(HttpClient http, Uri sandboxUri, CancellationToken ct)
        {
            var infoUri = new Uri(sandboxUri, "/sandbox/info");
            var client = new JsonApiClient(http, sandboxUri, null, "CreateOs", TimeSpan.FromSeconds(15), new RetryPolicy(2));
            var response = await client.SendAsync(new ApiRequest(HttpMethod.Get, "sandbox/info"), ct).ConfigureAwait(false);
            if (response.Body is not JObject body)
                throw new ApiException(ApiFailureKind.InvalidResponse, $"{infoUri} did not describe a CreateOs sandbox.") { RawBody = response.RawBody };
            var info = new SandboxInfo
            {
                ApiUri = UriOr(body, "apiUri", sandboxUri),
                GatewayUri = UriOr(body, "gatewayUri", sandboxUri),
            };
            if (body["chains"] is JArray chains)
            {
                foreach (var chain in chainsOf(chains))
                    info.Chains.Add(chain);
            }
            var payments = body["payments"] as JObject;
            info.PaymentsAvailable = payments?["available"]?.Type == JTokenType.Boolean ? payments["available"]!.Value<bool>() : info.Chains.Count > 0;
            info.PaymentsUnavailableReason = payments?["reason"]?.ToString();
            return info;

            static IEnumerable<SandboxChain> chainsOf(JArray chains)
            {
                foreach (var item in chains)
                {
                    var name = item["name"]?.ToString();
                    var rpc = item["rpcUrl"]?.ToString();
                    if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(rpc)) continue;
                    yield return new SandboxChain(name!, item["chainId"]?.Value<long>() ?? 0, new Uri(rpc!));
                }
            }
        }

        private static Uri UriOr(JObject body, string name, Uri fallback)
        {
            var text = body[name]?.ToString();
            return string.IsNullOrEmpty(text) ? fallback : new Uri(text!);
        }
    }

    public sealed class SandboxChain
    {
        public SandboxChain(string name, long chainId, Uri rpcUrl)
        {
            Name = name;
            ChainId = chainId;
            RpcUrl = rpcUrl;
        }

        public string Name { get; }
        public long ChainId { get; }
        public Uri RpcUrl { get; }
    }
}
