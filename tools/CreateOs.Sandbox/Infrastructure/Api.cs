using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Infrastructure;

/// <summary>Success envelopes. Payloads are serialized immediately so callers can build them under the state lock.</summary>
public static class Api
{
    public static IResult Ok(object? data, int statusCode = 200)
    {
        var envelope = new JsonObject
        {
            ["status"] = "success",
            ["data"] = data is JsonNode node ? node : JsonSerializer.SerializeToNode(data, SandboxJson.Options),
        };
        return new JsonNodeResult(envelope, statusCode);
    }

    public static IResult Message(string message) => Ok(message);

    public static IResult CreatedId(Guid id, int statusCode) => Ok(new { id }, statusCode);

    public static IResult Paged<T>(IReadOnlyList<T> all, Page page)
    {
        var items = all.Skip(page.Offset).Take(page.Limit).ToList();
        return Ok(new
        {
            data = items,
            pagination = new { total = all.Count, limit = page.Limit, offset = page.Offset, count = items.Count },
        });
    }

    /// <summary>Writes a 4xx/5xx envelope: fail with a message string for 4xx, error with message and code for 5xx.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int statusCode, string message, bool errorsAsHttp200)
    {
        // The MPP gateway (/agent) has its own error shape, {"error":"…"}, and no HTTP-200 toggle.
        var isGateway = context.Request.Path.StartsWithSegments("/agent");
        if (isGateway) errorsAsHttp200 = false;
        JsonObject body = isGateway ? new JsonObject { ["error"] = message }
            : statusCode >= 500
            ? new JsonObject { ["status"] = "error", ["message"] = message, ["code"] = statusCode }
            : new JsonObject { ["status"] = "fail", ["data"] = message };
        context.Response.StatusCode = errorsAsHttp200 ? 200 : statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(SandboxJson.Options));
    }

    private sealed class JsonNodeResult(JsonNode body, int statusCode) : IResult
    {
        private readonly string _text = body.ToJsonString(SandboxJson.Options);

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(_text);
        }
    }
}
