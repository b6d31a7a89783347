using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Chains;

/// <summary>A JSON-RPC error returned by the node, or a node that could not be reached.</summary>
public sealed class ChainRpcException : Exception
{
    public ChainRpcException(string method, string rpcUrl, int? code, string message, Exception? inner = null)
        : base(code is null ? $"{method} at {rpcUrl}: {message}" : $"{method} at {rpcUrl}: JSON-RPC error {code}: {message}", inner)
    {
        Method = method;
        RpcUrl = rpcUrl;
        Code = code;
        RpcMessage = message;
    }

    public string Method { get; }
    public string RpcUrl { get; }

    /// <summary>The JSON-RPC error code, or null when the failure was at the transport level.</summary>
    public int? Code { get; }
    public string RpcMessage { get; }
}

/// <summary>
/// A minimal JSON-RPC 2.0 client for one EVM node. The sandbox only needs a handful of eth_ and anvil_ calls,
/// so this stays independent of the core's RPC client.
/// </summary>
public sealed class ChainRpcClient : IDisposable
{
    private readonly HttpClient _http;
    private long _nextId;

    public ChainRpcClient(string rpcUrl, TimeSpan? timeout = null)
    {
        RpcUrl = rpcUrl;
        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public string RpcUrl { get; }

    /// <summary>Calls <paramref name="method"/> and returns its "result" (a clone, safe to keep).</summary>
    public async Task<JsonElement> CallAsync(string method, object?[] parameters, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(parameters),
        };

        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsJsonAsync(RpcUrl, request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ChainRpcException(method, RpcUrl, null, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChainRpcException(method, RpcUrl, null, "timed out", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && body.Length == 0)
                throw new ChainRpcException(method, RpcUrl, null, $"HTTP {(int)response.StatusCode}");

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                throw new ChainRpcException(method, RpcUrl, null, $"HTTP {(int)response.StatusCode}, not JSON: {Truncate(body)}", e);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    int? code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
                    var message = error.TryGetProperty("message", out var m) ? m.ToString() : error.GetRawText();
                    if (error.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
                        message += $" (data: {Truncate(data.GetRawText())})";
                    throw new ChainRpcException(method, RpcUrl, code, message);
                }
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result))
                    throw new ChainRpcException(method, RpcUrl, null, $"HTTP {(int)response.StatusCode}, no result: {Truncate(body)}");
                return result.Clone();
            }
        }
    }

    public async Task<string> CallForStringAsync(string method, object?[] parameters, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        return result.GetString() ?? throw new ChainRpcException(method, RpcUrl, null, "result is null");
    }

    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken = default) =>
        (long)EvmHex.ParseQuantity(await CallForStringAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false));

    public async Task<long> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        (long)EvmHex.ParseQuantity(await CallForStringAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false));

    public async Task<System.Numerics.BigInteger> GetBalanceAsync(string address, CancellationToken cancellationToken = default) =>
        EvmHex.ParseQuantity(await CallForStringAsync("eth_getBalance", [address, "latest"], cancellationToken).ConfigureAwait(false));

    public Task<string> GetCodeAsync(string address, CancellationToken cancellationToken = default) =>
        CallForStringAsync("eth_getCode", [address, "latest"], cancellationToken);

    /// <summary>eth_call against the latest block; returns the raw return data ("0x…").</summary>
    public Task<string> EthCallAsync(string to, string data, CancellationToken cancellationToken = default) =>
        CallForStringAsync("eth_call", [new Dictionary<string, string> { ["to"] = to, ["data"] = data }, "latest"], cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
