using System.Net;
using CreateOs.Core.Http;

namespace CreateOs.Core.Api
{
    public static class ApiErrors
    {
        /// <summary>A not-found found on the client side (e.g. an id missing from a list that has no GET of its own).</summary>
        public static ApiException NotFound(string message) => ClientSide(HttpStatusCode.NotFound, message);

        /// <summary>A name already taken, found on the client side before anything was sent.</summary>
        public static ApiException Conflict(string message) => ClientSide(HttpStatusCode.Conflict, message);

        /// <summary>A platform limit (e.g. four cronjobs per project) found on the client side before anything was sent.</summary>
        public static ApiException LimitReached(string message) => ClientSide((HttpStatusCode)429, message);

        private static ApiException ClientSide(HttpStatusCode status, string message) => new ApiException(ApiFailureKind.ServiceError, message)
        {
            StatusCode = status,
            ServiceMessage = message,
        };
    }
}
