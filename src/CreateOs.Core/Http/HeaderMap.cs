using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// Response headers as a name → value map: names case-insensitive, repeated headers comma-joined (RFC 9110), values
    /// cleaned of control characters (they are server text).
    /// </summary>
    public static class HeaderMap
    {
        public static Dictionary<string, string> Of(params HttpHeaders?[] groups)
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in groups)
                if (group != null)
                    foreach (var header in group) map[header.Key] = ServerText.Clean(string.Join(", ", header.Value), singleLine: true);
            return map;
        }

        /// <summary>The value of <paramref name="name"/>, whatever the case of the map's keys; null when absent.</summary>
        public static string? Find(IReadOnlyDictionary<string, string> headers, string name) =>
            headers.TryGetValue(name, out var value) ? value
            : headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
