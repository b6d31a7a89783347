using System.Net;
using CreateOs.Core.Http;

namespace CreateOs.Core.Api
{
    public static class ApiErrors
    {
        /// <summary>A not-found found on the client side (e.g. an id missing from a list that has no GET of its own).</summary>
        public static ApiException NotFound(string message) => new ApiException(ApiFailureKind.ServiceError, message)
        {
            StatusCode = HttpStatusCode.NotFound,
            ServiceMessage = message,
        };
    }
}
