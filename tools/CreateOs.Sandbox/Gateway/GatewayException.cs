using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Gateway;

/// <summary>A gateway error: the /agent endpoint filter turns it into <c>{"error":"…"}</c> (plus <c>"detail"</c> when
/// given) with <see cref="StatusCode"/>.</summary>
public sealed class GatewayException(int statusCode, string message, string? detail = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>What exactly was wrong, when <see cref="Exception.Message"/> is a fixed error text clients match on.</summary>
    public string? Detail { get; } = detail;

    public static GatewayException BadRequest(string message) => new(400, message);
    public static GatewayException Unauthorized(string message) => new(401, message);
    public static GatewayException Forbidden(string message = "Forbidden: wallet is not the deployer") => new(403, message);
    public static GatewayException NotFound(string message) => new(404, message);
}

/// <summary>The gateway's JSON responses: bodies are written exactly as given (snake_case where the gateway uses it).</summary>
public static class GatewayResults
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    public static IResult Json(JsonObject body, int statusCode = 200, string contentType = JsonContentType) =>
        Results.Text(body.ToJsonString(), contentType, statusCode: statusCode);

    public static IResult Error(int statusCode, string message, string? detail = null)
    {
        var body = new JsonObject { ["error"] = message };
        if (detail is not null) body["detail"] = detail;
        return Json(body, statusCode);
    }
}
