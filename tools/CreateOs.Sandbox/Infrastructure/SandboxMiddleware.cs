using CreateOs.Sandbox.Faults;
using CreateOs.Sandbox.State;

namespace CreateOs.Sandbox.Infrastructure;

/// <summary>The request pipeline in front of the routes: recording, fault injection, error envelopes, authentication.</summary>
public static class SandboxMiddleware
{
    private const string UserItemKey = "CreateOs.Sandbox.User";
    private const string RecordItemKey = "CreateOs.Sandbox.RecordedRequest";

    /// <summary>The authenticated sandbox user of a /v1 request.</summary>
    public static SandboxUser CurrentUser(this HttpContext context) =>
        context.Items[UserItemKey] as SandboxUser ?? throw new InvalidOperationException("request is not authenticated");

    public static void UseSandboxPipeline(this WebApplication app, SandboxState state, SandboxFaults faults)
    {
        app.Use((context, next) => RecordAsync(context, next, state));
        app.Use((context, next) => InjectFaultsAsync(context, next, faults));
        app.Use((context, next) => EnvelopeErrorsAsync(context, next, faults));
        app.Use((context, next) => AuthenticateAsync(context, next, state));
    }

    private static async Task RecordAsync(HttpContext context, RequestDelegate next, SandboxState state)
    {
        var record = new RecordedRequest
        {
            Time = state.Now,
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "/",
            QueryString = context.Request.QueryString.Value ?? "",
            ContentType = context.Request.ContentType,
            Accept = context.Request.Headers.Accept.ToString() is { Length: > 0 } accept ? accept : null,
            UserAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        };
        record.Body = await ReadTextBodyAsync(context.Request);
        state.Record(record);
        context.Items[RecordItemKey] = record;
        try
        {
            await next(context);
        }
        finally
        {
            lock (state.SyncRoot) record.StatusCode = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
        }
    }

    private const int MaxRecordedBodyChars = 64 * 1024;

    /// <summary>Reads a JSON/text body for the request log and rewinds it for the route.</summary>
    private static async Task<string?> ReadTextBodyAsync(HttpRequest request)
    {
        var contentType = request.ContentType ?? "";
        var isText = contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
        if (!isText || request.ContentLength == 0) return null;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var buffer = new char[MaxRecordedBodyChars];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return new string(buffer, 0, read);
    }

    private static async Task InjectFaultsAsync(HttpContext context, RequestDelegate next, SandboxFaults faults)
    {
        var path = context.Request.Path.Value ?? "/";
        var rule = IsControlPath(path) ? null : faults.Take(context.Request.Method, path, name => context.Request.Headers.ContainsKey(name));
        if (rule is null)
        {
            await next(context);
            return;
        }

        if (rule.LatencyMs > 0) await Task.Delay(rule.LatencyMs, context.RequestAborted);

        if (rule.Status is { } status)
        {
            if (rule.RetryAfterSeconds is { } retryAfter) context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Api.WriteErrorAsync(context, status, rule.Message ?? $"sandbox injected fault ({status})", faults.ErrorsAsHttp200 && status < 500);
            return;
        }

        if (rule.DropAfterActing)
        {
            // Let the route act in full, but keep its response from reaching the client, then reset the connection.
            var originalBody = context.Response.Body;
            context.Response.Body = new MemoryStream();
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = originalBody;
                context.Abort();
            }
            return;
        }

        await next(context);
    }

    private static async Task EnvelopeErrorsAsync(HttpContext context, RequestDelegate next, SandboxFaults faults)
    {
        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null && IsApiPath(context.Request.Path))
            {
                var message = context.Response.StatusCode switch
                {
                    404 => "route not found",
                    405 => "method not allowed",
                    413 => "request body too large",
                    _ => $"request failed with status {context.Response.StatusCode}",
                };
                await Api.WriteErrorAsync(context, context.Response.StatusCode, message, faults.ErrorsAsHttp200 && context.Response.StatusCode < 500);
            }
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Api.WriteErrorAsync(context, e.StatusCode, e.Message, faults.ErrorsAsHttp200 && e.StatusCode < 500);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Api.WriteErrorAsync(context, e.StatusCode, e.Message, faults.ErrorsAsHttp200);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested && e is not OperationCanceledException)
        {
            context.Response.Clear();
            await Api.WriteErrorAsync(context, 500, "internal sandbox error: " + e.Message, errorsAsHttp200: false);
        }
    }

    private static Task AuthenticateAsync(HttpContext context, RequestDelegate next, SandboxState state)
    {
        if (!IsApiPath(context.Request.Path)) return next(context);

        // Header names are case-insensitive in ASP.NET Core; OAuth tokens are accepted the same way as keys.
        var secret = context.Request.Headers["X-Api-Key"].ToString();
        if (string.IsNullOrEmpty(secret)) secret = context.Request.Headers["X-Access-Token"].ToString();
        if (string.IsNullOrEmpty(secret))
            throw new ApiException(401, "missing API key: send it in the X-Api-Key header");
        var user = state.Authenticate(secret) ?? throw new ApiException(401, "invalid, expired or revoked API key");
        if (user.SuspendedAt is not null) throw ApiException.Forbidden("user is suspended");
        context.Items[UserItemKey] = user;
        if (context.Items[RecordItemKey] is RecordedRequest record)
            lock (state.SyncRoot) record.UserId = user.Id;
        return next(context);
    }

    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/v1");

    private static bool IsControlPath(string path) =>
        path.StartsWith("/sandbox", StringComparison.OrdinalIgnoreCase) || path.Equals("/health", StringComparison.OrdinalIgnoreCase);
}
