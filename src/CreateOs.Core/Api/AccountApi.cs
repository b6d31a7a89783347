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
    /// <summary>The signed-in user, quotas and the supported runtimes/frameworks (reference §8.10).</summary>
    public sealed class AccountApi
    {
        private readonly CreateOsClient _client;

        internal AccountApi(CreateOsClient client) => _client = client;

        public Task<User> GetCurrentUserAsync(CancellationToken ct) => _client.GetAsync<User>(new ApiRequest(HttpMethod.Get, "v1/users/me"), ct);

        public async Task<IReadOnlyList<Quota>> GetQuotasAsync(CancellationToken ct)
        {
            var request = new ApiRequest(HttpMethod.Get, "v1/quotas");
            var payload = (await _client.SendAsync(request, ct).ConfigureAwait(false)).Payload as JObject;
            return ReadQuotas(payload);
        }

        /// <summary>Reads the spec's <c>{current,max,remaining}</c> and falls back to the seed's <c>{used,limit}</c>.</summary>
        public static IReadOnlyList<Quota> ReadQuotas(JObject? payload)
        {
            var quotas = new List<Quota>();
            if (payload is null) return quotas;
            foreach (var property in payload.Properties())
            {
                if (property.Value is not JObject line) continue;
                var current = Int(line, "current") ?? Int(line, "used") ?? 0;
                var max = Int(line, "max") ?? Int(line, "limit") ?? 0;
                var remaining = Int(line, "remaining") ?? Math.Max(0, max - current);
                quotas.Add(new Quota { Resource = property.Name, Current = current, Max = max, Remaining = remaining });
            }
            return quotas;
        }

        public async Task<IReadOnlyList<SupportedProjectType>> GetSupportedTypesAsync(CancellationToken ct)
        {
            var list = await _client.GetAsync<List<SupportedProjectType>>(new ApiRequest(HttpMethod.Get, "v1/projects/supported"), ct).ConfigureAwait(false);
            return list;
        }

        private static int? Int(JObject line, string name)
        {
            var token = line.GetValue(name, StringComparison.OrdinalIgnoreCase);
            return token != null && (token.Type == JTokenType.Integer || token.Type == JTokenType.Float) ? token.Value<int>() : (int?)null;
        }
    }
}
