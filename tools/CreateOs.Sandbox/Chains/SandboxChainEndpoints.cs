using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CreateOs.Sandbox.Chains;

/// <summary>The sandbox's chain endpoints: GET /sandbox/info and POST /sandbox/fund.</summary>
public static class SandboxChainEndpoints
{
    private const int MaxFundBodyBytes = 16 * 1024;

    /// <summary>Maps GET /sandbox/info (chains, RPC URLs, token addresses) and POST /sandbox/fund.</summary>
    public static void MapSandboxChainEndpoints(this IEndpointRouteBuilder app, SandboxChains chains) =>
        app.MapSandboxChainEndpoints(chains, extendInfo: null);

    /// <summary>
    /// As above; <paramref name="extendInfo"/> may add top-level fields (apiUri, gatewayUri, …) to the /sandbox/info body.
    /// </summary>
    public static void MapSandboxChainEndpoints(this IEndpointRouteBuilder app, SandboxChains chains, Action<HttpContext, JsonObject>? extendInfo)
    {
        ArgumentNullException.ThrowIfNull(chains);

        app.MapGet("/sandbox/info", (HttpContext context) =>
        {
            var info = chains.BuildInfo();
            extendInfo?.Invoke(context, info);
            return Results.Json(info);
        });

        // Typed as Delegate so minimal APIs write the returned IResult (a plain HttpContext → Task lambda would be a RequestDelegate).
        app.MapPost("/sandbox/fund", (Delegate)((HttpContext context) => FundAsync(context, chains)));
    }

    private static async Task<IResult> FundAsync(HttpContext context, SandboxChains chains)
    {
        JsonNode? body;
        try
        {
            body = await ReadJsonBodyAsync(context).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "The body must be JSON: {\"address\":\"0x…\",\"usd\":25}.");
        }
        catch (InvalidDataException e)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }

        if (body is not JsonObject request)
            return Error(StatusCodes.Status400BadRequest, "The body must be a JSON object: {\"address\":\"0x…\",\"usd\":25}.");

        var address = request["address"] is JsonValue addressValue && addressValue.TryGetValue<string>(out var text) ? text : null;
        if (!TryReadUsd(request["usd"], out var usd))
            return Error(StatusCodes.Status400BadRequest, "usd must be a number, e.g. 25 or 12.5.");

        try
        {
            chains.ValidateFundingRequest(address, usd);
        }
        catch (ArgumentException e)
        {
            return Error(StatusCodes.Status400BadRequest, StripParameterSuffix(e.Message));
        }

        try
        {
            var result = await chains.FundAsync(address!, usd, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(SandboxChains.DescribeFunding(result));
        }
        catch (Exception e) when (e is ChainRpcException or TimeoutException or InvalidOperationException)
        {
            return Error(StatusCodes.Status502BadGateway, $"Funding failed on a sandbox chain: {e.Message}");
        }
    }

    private static async Task<JsonNode?> ReadJsonBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFundBodyBytes) throw new InvalidDataException("The body is too large.");
        }
        if (buffer.Length == 0) throw new InvalidDataException("The body is empty; send {\"address\":\"0x…\",\"usd\":25}.");
        return JsonNode.Parse(buffer.ToArray());
    }

    // Accepts a JSON number or a numeric string ("25.5"), parsed exactly as a decimal (no binary floating point).
    private static bool TryReadUsd(JsonNode? node, out decimal usd)
    {
        usd = 0;
        if (node is not JsonValue value) return false;
        var element = value.GetValue<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDecimal(out usd),
            JsonValueKind.String => decimal.TryParse(element.GetString(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out usd),
            _ => false,
        };
    }

    private static IResult Error(int statusCode, string message) =>
        Results.Json(new JsonObject { ["error"] = message }, statusCode: statusCode);

    // ArgumentException appends " (Parameter 'x')"; the HTTP client does not need it.
    private static string StripParameterSuffix(string message)
    {
        var index = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
