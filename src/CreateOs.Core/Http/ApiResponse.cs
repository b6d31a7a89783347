using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Http
{
    /// <summary>A successful answer: the whole parsed body and its payload (<c>data</c>).</summary>
    public sealed class ApiResponse
    {
        public ApiResponse(int status, JToken? body, string? rawBody, HttpResponseHeaders headers)
        {
            Status = status;
            Body = body;
            RawBody = rawBody;
            Headers = headers;
        }

        public int Status { get; }
        public JToken? Body { get; }
        public string? RawBody { get; }
        public HttpResponseHeaders Headers { get; }
        public JToken? Payload => ResponseEnvelope.Payload(Body);
    }
}

namespace CreateOs.Core.Http
{
    /// <summary>A successful answer that is either a JSON envelope or a file still to be read (see JsonApiClient.SendForContentAsync).</summary>
    public sealed class ApiContent : System.IDisposable
    {
        public ApiContent(ApiResponse? json, System.Net.Http.HttpResponseMessage? file)
        {
            Json = json;
            File = file;
        }

        public ApiResponse? Json { get; }
        /// <summary>The open answer whose body is the file; disposed with this object.</summary>
        public System.Net.Http.HttpResponseMessage? File { get; }

        public void Dispose() => File?.Dispose();
    }
}
