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
