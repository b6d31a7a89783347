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
    }
}
