using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Gateway;

/// <summary>A gateway error: the /agent endpoint filter turns it into <c>{"error":"…"}</c> with <see cref="StatusCode"/>.</summary>
public sealed class GatewayException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static GatewayException BadRequest(string message) => new(400, message);
    public static GatewayException Unauthorized(string message) => new(401, message);
    public static GatewayException Forbidden(string message = "Forbidden: wallet is not the deployer") => new(403, message);
    public static GatewayException NotFound(string message) => new(404, message);
}

/// <summary>The gateway's JSON responses: bodies are written exactly as given (snake_case where the gateway uses it).</summary>
public static class GatewayResults
{
    public static IResult Json(JsonObject body, int statusCode = 200) =>
        Results.Text(body.ToJsonString(), "application/json; charset=utf-8", statusCode: statusCode);

    public static IResult Error(int statusCode, string message) => Json(new JsonObject { ["error"] = message }, statusCode);
}
