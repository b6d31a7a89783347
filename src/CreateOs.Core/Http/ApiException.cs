using System;
using System.Net;

namespace CreateOs.Core.Http
{
    /// <summary>What went wrong with a call, independent of how it is shown to the user.</summary>
    public enum ApiFailureKind
    {
        /// <summary>The service answered with an error (non-2xx, or a 2xx whose envelope says it failed).</summary>
        ServiceError,
        /// <summary>No answer: DNS, refused or dropped connection.</summary>
        Connection,
        /// <summary>No answer within the session's timeout.</summary>
        Timeout,
        /// <summary>An answer that could not be understood (not the documented shape).</summary>
        InvalidResponse,
    }

    /// <summary>
    /// A failed call to CreateOS or the gateway, carrying the HTTP status, the service's own message and the
    /// request id so the cmdlet layer can build a precise ErrorRecord.
    /// </summary>
    public class ApiException : Exception
    {
        /// <summary>The message is cleaned of control characters: it often carries server text (see <see cref="ServerText"/>).</summary>
        public ApiException(ApiFailureKind kind, string message, Exception? inner = null)
            : base(ServerText.ExceptionMessage(message), inner)
        {
            Kind = kind;
        }

        public ApiFailureKind Kind { get; }
        public HttpStatusCode? StatusCode { get; set; }
        public string? ServiceMessage { get; set; }
        public string? RequestId { get; set; }
        public string? RawBody { get; set; }
        public string? Method { get; set; }
        public Uri? RequestUri { get; set; }
        /// <summary>The response headers (names as sent), for answers whose meaning lives in headers (402 challenges).</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string> ResponseHeaders { get; set; } = new System.Collections.Generic.Dictionary<string, string>();
        /// <summary>The wait the service asked for (Retry-After), when it said one.</summary>
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>True for answers of the MPP gateway (whose 401 means a bad signature, fixed by re-signing, not a bad key).</summary>
        public bool IsGateway { get; set; }

        public int? Status => StatusCode.HasValue ? (int)StatusCode.Value : (int?)null;

        public static ApiException FromResponse(int status, string serviceMessage, string? rawBody, string? requestId, string method, Uri uri, TimeSpan? retryAfter)
        {
            serviceMessage = ServerText.Message(serviceMessage);
            requestId = requestId is null ? null : ServerText.Message(requestId);
            var text = $"{serviceMessage} (HTTP {status} from {method} {uri.AbsolutePath}{(requestId is null ? "" : $", request id {requestId}")})";
            return new ApiException(ApiFailureKind.ServiceError, text)
            {
                StatusCode = (HttpStatusCode)status,
                ServiceMessage = serviceMessage,
                RawBody = rawBody,
                RequestId = requestId,
                Method = method,
                RequestUri = uri,
                RetryAfter = retryAfter,
            };
        }
    }
}
