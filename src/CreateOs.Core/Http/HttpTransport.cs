using System;
using System.Net;
using System.Net.Http;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// One HttpClient per process (connection pooling, no socket exhaustion). It honours the system proxy, carries no
    /// credentials and no timeout of its own: each request brings its headers and its session's timeout.
    /// </summary>
    public static class HttpTransport
    {
        private static readonly Lazy<HttpClient> SharedClient = new Lazy<HttpClient>(Create);

        public static HttpClient Shared => SharedClient.Value;

        private static HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                UseProxy = true,
                Proxy = WebRequest.DefaultWebProxy,
                UseDefaultCredentials = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            if (handler.Proxy != null) handler.Proxy.Credentials = CredentialCache.DefaultCredentials;
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }
    }
}
