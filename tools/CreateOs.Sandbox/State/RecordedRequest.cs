namespace CreateOs.Sandbox.State;

/// <summary>A request the sandbox received (any path), in arrival order.</summary>
public sealed class RecordedRequest
{
    public DateTimeOffset Time { get; init; }
    public string Method { get; init; } = "";
    public string Path { get; init; } = "";
    public string QueryString { get; init; } = "";
    public string? ContentType { get; init; }
    public string? Accept { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>The request body for JSON and text requests (first 64 KiB); null for other content such as multipart uploads.</summary>
    public string? Body { get; set; }
    /// <summary>Final status code; 0 while in flight or when the connection was dropped before a response.</summary>
    public int StatusCode { get; set; }
    public Guid? UserId { get; set; }

    public bool IsMutatingApiCall => Path.StartsWith("/v1/", StringComparison.Ordinal)
        && ((!HttpMethods.IsGet(Method) && !HttpMethods.IsHead(Method) && !HttpMethods.IsOptions(Method)) || IsMutatingGet);

    /// <summary>TransferProject is a GET that changes the owner (reference §8.11).</summary>
    private bool IsMutatingGet => HttpMethods.IsGet(Method) && Path.StartsWith("/v1/projects/", StringComparison.Ordinal) && Path.EndsWith("/transfer", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}{QueryString} -> {StatusCode}";
}
