namespace CreateOs.Sandbox.Infrastructure;

/// <summary>Thrown by route handlers; the error middleware turns it into the JSend error envelope.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int statusCode, string message) : base(message) => StatusCode = statusCode;

    public int StatusCode { get; }

    public static ApiException BadRequest(string message) => new(400, message);
    public static ApiException Forbidden(string message) => new(403, message);
    public static ApiException NotFound(string message) => new(404, message);
    public static ApiException Conflict(string message) => new(409, message);
    public static ApiException WrongState(string message) => new(422, message);
    public static ApiException QuotaReached(string message) => new(429, message);
}
