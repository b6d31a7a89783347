using System.Text.RegularExpressions;

namespace CreateOs.Sandbox.Infrastructure;

/// <summary>
/// Maps handlers as plain <see cref="RequestDelegate"/>s, handing them the route values in pattern order.
/// Minimal-API delegate binding compiles every handler when the first request arrives (about a second for
/// ~100 routes), which would slow down every in-process sandbox start; this keeps startup in milliseconds.
/// </summary>
public static partial class EndpointMapping
{
    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)\??\}")] private static partial Regex RouteParameter();

    public static IEndpointConventionBuilder Get(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, IResult> handler) => Map(endpoints, "GET", pattern, c => Task.FromResult(handler(c)));
    public static IEndpointConventionBuilder Get(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, IResult> handler) => Map(endpoints, "GET", pattern, (c, v) => Task.FromResult(handler(c, v[0])));
    public static IEndpointConventionBuilder Get(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, string, IResult> handler) => Map(endpoints, "GET", pattern, (c, v) => Task.FromResult(handler(c, v[0], v[1])));

    public static IEndpointConventionBuilder Post(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, IResult> handler) => Map(endpoints, "POST", pattern, c => Task.FromResult(handler(c)));
    public static IEndpointConventionBuilder Post(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, Task<IResult>> handler) => Map(endpoints, "POST", pattern, handler);
    public static IEndpointConventionBuilder Post(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, IResult> handler) => Map(endpoints, "POST", pattern, (c, v) => Task.FromResult(handler(c, v[0])));
    public static IEndpointConventionBuilder Post(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, Task<IResult>> handler) => Map(endpoints, "POST", pattern, (c, v) => handler(c, v[0]));
    public static IEndpointConventionBuilder Post(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, string, IResult> handler) => Map(endpoints, "POST", pattern, (c, v) => Task.FromResult(handler(c, v[0], v[1])));
    public static IEndpointConventionBuilder Post(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, string, Task<IResult>> handler) => Map(endpoints, "POST", pattern, (c, v) => handler(c, v[0], v[1]));

    public static IEndpointConventionBuilder Put(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, Task<IResult>> handler) => Map(endpoints, "PUT", pattern, (c, v) => handler(c, v[0]));
    public static IEndpointConventionBuilder Put(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, string, Task<IResult>> handler) => Map(endpoints, "PUT", pattern, (c, v) => handler(c, v[0], v[1]));

    public static IEndpointConventionBuilder Patch(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, Task<IResult>> handler) => Map(endpoints, "PATCH", pattern, (c, v) => handler(c, v[0]));

    public static IEndpointConventionBuilder Delete(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, IResult> handler) => Map(endpoints, "DELETE", pattern, c => Task.FromResult(handler(c)));
    public static IEndpointConventionBuilder Delete(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, IResult> handler) => Map(endpoints, "DELETE", pattern, (c, v) => Task.FromResult(handler(c, v[0])));
    public static IEndpointConventionBuilder Delete(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string, string, IResult> handler) => Map(endpoints, "DELETE", pattern, (c, v) => Task.FromResult(handler(c, v[0], v[1])));

    /// <summary>Any method; the handler gets the route values in pattern order (missing optional ones as "").</summary>
    public static IEndpointConventionBuilder Any(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, string[], IResult> handler) =>
        Map(endpoints, null, pattern, (c, v) => Task.FromResult(handler(c, v)));

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string? method, string pattern, Func<HttpContext, Task<IResult>> handler) =>
        Map(endpoints, method, pattern, (c, _) => handler(c));

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string? method, string pattern, Func<HttpContext, string[], Task<IResult>> handler)
    {
        var names = RouteParameter().Matches(pattern).Select(m => m.Groups[1].Value).ToArray();
        RequestDelegate requestDelegate = async context =>
        {
            var values = names.Select(name => context.Request.RouteValues[name]?.ToString() ?? "").ToArray();
            var result = await handler(context, values);
            await result.ExecuteAsync(context);
        };
        return method is null
            ? endpoints.Map(pattern, requestDelegate)
            : endpoints.MapMethods(pattern, [method], requestDelegate);
    }
}
