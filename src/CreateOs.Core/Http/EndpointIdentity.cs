using System;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// Which service an address names, whatever its spelling: scheme and host case, the default port written or not, a
    /// trailing slash, and this machine as localhost, 127.0.0.1 or [::1] all name the same one.
    /// </summary>
    public static class EndpointIdentity
    {
        /// <summary>A canonical form: "http://loopback:8787/agent" for "HTTP://LocalHost:8787/Agent/".</summary>
        public static string Normalize(string? uri)
        {
            if (string.IsNullOrWhiteSpace(uri)) return "";
            if (!Uri.TryCreate(uri!.Trim(), UriKind.Absolute, out var parsed)) return uri!.Trim().TrimEnd('/').ToLowerInvariant();
            var host = parsed.IsLoopback ? "loopback" : parsed.IdnHost.TrimEnd('.').ToLowerInvariant();
            var path = parsed.AbsolutePath.TrimEnd('/').ToLowerInvariant();
            return $"{parsed.Scheme.ToLowerInvariant()}://{host}:{parsed.Port}{path}";
        }

        public static bool SameEndpoint(string? a, string? b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

        public static bool SameEndpoint(Uri? a, Uri? b) => SameEndpoint(a?.AbsoluteUri, b?.AbsoluteUri);

        /// <summary>An app address from the REST API: a bare host ("my-app.createos.io") gets https://, then as <see cref="WebAddressOrNull"/>.</summary>
        public static string? AppAddressOrNull(string? endpoint)
        {
            if (string.IsNullOrWhiteSpace(endpoint)) return null;
            var trimmed = endpoint!.Trim();
            return WebAddressOrNull(trimmed.Contains("://") ? trimmed : "https://" + trimmed);
        }

        /// <summary>
        /// A server's address of a deployed app as shown, probed and maybe opened: an absolute http(s) URL, or null.
        /// "javascript:", "file:", "data:" or a relative path from a hostile server is no app address.
        /// </summary>
        public static string? WebAddressOrNull(string? address)
        {
            if (string.IsNullOrWhiteSpace(address)) return null;
            return Uri.TryCreate(address!.Trim(), UriKind.Absolute, out var parsed)
                && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp) && parsed.UserInfo.Length == 0
                ? address.Trim() : null;
        }
    }
}
