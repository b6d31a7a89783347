using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Numerics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Wallet;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// A minimal Ethereum JSON-RPC client over an injected <see cref="HttpClient"/>. Errors in the response body
    /// (even with HTTP 200) become <see cref="JsonRpcException"/>; transport problems become <see cref="EthRpcException"/>.
    /// </summary>
    public sealed class EthRpcClient
    {
        /// <summary>How long one call may take by default: a node that accepts and never answers must not hang a payment.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

        private readonly HttpClient _http;
        private long _nextId;

        public EthRpcClient(HttpClient httpClient, Uri endpoint, TimeSpan? timeout = null, long maxResponseBytes = BoundedBody.DefaultMaxResponseBytes)
        {
            _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
            Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            Timeout = timeout ?? DefaultTimeout;
            if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), "the RPC timeout must be positive");
            MaxResponseBytes = maxResponseBytes;
        }

        public Uri Endpoint { get; }
        /// <summary>The most one call may take, the whole answer included.</summary>
        public TimeSpan Timeout { get; }
        /// <summary>The largest answer read; reading stops there.</summary>
        public long MaxResponseBytes { get; }

        /// <summary>Sends one JSON-RPC request and returns its "result" (may be a JSON null).</summary>
        public async Task<JToken> RequestAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default)
        {
            if (method is null) throw new ArgumentNullException(nameof(method));
            long id = Interlocked.Increment(ref _nextId);
            var request = new JObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = id,
                ["method"] = method,
                ["params"] = parameters is null ? new JArray() : JArray.FromObject(parameters),
            };

            string body;
            int statusCode;
            using var timeout = new CancellationTokenSource(Timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                using var content = new StringContent(request.ToString(Formatting.None), Encoding.UTF8, "application/json");
                using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                statusCode = (int)response.StatusCode;
                var answer = await BoundedBody.ReadAsync(response.Content, MaxResponseBytes, skipIfDeclaredLarger: true, linked.Token).ConfigureAwait(false);
                if (answer.Truncated)
                    throw new EthRpcException($"{method}: the answer of the RPC endpoint {EndpointName} is larger than {BoundedBody.Describe(MaxResponseBytes)}; it was not read.");
                body = answer.Text();
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RpcTimeoutException(method, EndpointName, Timeout, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                throw new EthRpcException($"{method}: cannot reach the RPC endpoint {EndpointName}: {ex.Message}", ex);
            }
            cancellationToken.ThrowIfCancellationRequested();

            JObject? envelope = ParseEnvelope(body);
            if (envelope is null)
                throw new EthRpcException($"{method}: HTTP {statusCode} with a body that is not a JSON-RPC response.");

            JToken? error = Get(envelope, "error");
            if (error != null && error.Type != JTokenType.Null)
            {
                long code = 0;
                string message = error.ToString(Formatting.None);
                string? data = null;
                if (error is JObject errorObject)
                {
                    JToken? codeToken = Get(errorObject, "code");
                    if (codeToken != null && (codeToken.Type == JTokenType.Integer)) code = codeToken.Value<long>();
                    message = (string?)Get(errorObject, "message") ?? message;
                    JToken? dataToken = Get(errorObject, "data");
                    if (dataToken != null && dataToken.Type != JTokenType.Null)
                        data = dataToken.Type == JTokenType.String ? (string?)dataToken : dataToken.ToString(Formatting.None);
                }
                throw new JsonRpcException(method, code, message, data);
            }
            if (statusCode < 200 || statusCode > 299)
                throw new EthRpcException($"{method}: HTTP {statusCode} from the RPC endpoint.");

            // The answer must be to this request: one with another id, a string id or none may be another call's result.
            JToken? responseId = Get(envelope, "id");
            if (responseId is null || responseId.Type != JTokenType.Integer || responseId.Value<long>() != id)
                throw new EthRpcException($"{method}: the RPC endpoint {EndpointName} answered with id {Http.ServerText.Message(responseId?.ToString(Formatting.None) ?? "(none)")}, not {id}; the answer is not used.");

            JToken? result = Get(envelope, "result");
            if (result is null) throw new EthRpcException($"{method}: response has neither result nor error.");
            return result;
        }

        public async Task<ulong> GetChainIdAsync(CancellationToken cancellationToken = default) =>
            HexQuantity.ParseUInt64(AsString(await RequestAsync("eth_chainId", Array.Empty<object?>(), cancellationToken).ConfigureAwait(false)), "eth_chainId");

        /// <summary>The next nonce; "pending" counts transactions in the node's pool.</summary>
        public async Task<ulong> GetTransactionCountAsync(EthereumAddress address, string blockTag = "pending", CancellationToken cancellationToken = default) =>
            HexQuantity.ParseUInt64(AsString(await RequestAsync("eth_getTransactionCount",
                new object?[] { address.ToLowerHexString(), blockTag }, cancellationToken).ConfigureAwait(false)), "eth_getTransactionCount");

        /// <summary>Native balance in wei.</summary>
        public async Task<BigInteger> GetBalanceAsync(EthereumAddress address, string blockTag = "latest", CancellationToken cancellationToken = default) =>
            HexQuantity.Parse(AsString(await RequestAsync("eth_getBalance",
                new object?[] { address.ToLowerHexString(), blockTag }, cancellationToken).ConfigureAwait(false)), "eth_getBalance");

        /// <summary>eth_call; returns the raw return data (empty for an address without code).</summary>
        public async Task<byte[]> CallAsync(CallRequest call, string blockTag = "latest", CancellationToken cancellationToken = default)
        {
            JToken result = await RequestAsync("eth_call", new object?[] { CallObject(call), blockTag }, cancellationToken).ConfigureAwait(false);
            if (!Hex.TryDecode(AsString(result), out var bytes)) throw new EthRpcException("eth_call: result is not hex data.");
            return bytes;
        }

        /// <summary>eth_estimateGas; a revert surfaces as <see cref="JsonRpcException"/> with <see cref="JsonRpcException.IsExecutionReverted"/>.</summary>
        public async Task<ulong> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken = default) =>
            HexQuantity.ParseUInt64(AsString(await RequestAsync("eth_estimateGas", new object?[] { CallObject(call) }, cancellationToken).ConfigureAwait(false)), "eth_estimateGas");

        public async Task<BigInteger> GetGasPriceAsync(CancellationToken cancellationToken = default) =>
            HexQuantity.Parse(AsString(await RequestAsync("eth_gasPrice", Array.Empty<object?>(), cancellationToken).ConfigureAwait(false)), "eth_gasPrice");

        public async Task<BigInteger> GetMaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
            HexQuantity.Parse(AsString(await RequestAsync("eth_maxPriorityFeePerGas", Array.Empty<object?>(), cancellationToken).ConfigureAwait(false)), "eth_maxPriorityFeePerGas");

        /// <summary>The block header (without transactions), or null if unknown.</summary>
        public async Task<RpcBlock?> GetBlockByNumberAsync(string blockTag = "latest", CancellationToken cancellationToken = default)
        {
            JToken result = await RequestAsync("eth_getBlockByNumber", new object?[] { blockTag, false }, cancellationToken).ConfigureAwait(false);
            if (!(result is JObject block)) return null;
            string? baseFee = (string?)Get(block, "baseFeePerGas");
            return new RpcBlock
            {
                Number = HexQuantity.ParseUInt64((string?)Get(block, "number"), "block.number"),
                Hash = (string?)Get(block, "hash") ?? "",
                Timestamp = HexQuantity.ParseUInt64((string?)Get(block, "timestamp"), "block.timestamp"),
                BaseFeePerGas = baseFee is null ? (BigInteger?)null : HexQuantity.Parse(baseFee, "block.baseFeePerGas"),
            };
        }

        /// <summary>
        /// Broadcasts a signed transaction. "already known" and "nonce too low" are reported in the result, not thrown:
        /// the caller then looks the transaction up by hash. The hash is always keccak256(raw), checked against the node's answer.
        /// </summary>
        public async Task<BroadcastResult> SendRawTransactionAsync(byte[] rawTransaction, CancellationToken cancellationToken = default)
        {
            if (rawTransaction is null) throw new ArgumentNullException(nameof(rawTransaction));
            string localHash = Hex.Encode(Keccak256.Hash(rawTransaction));
            try
            {
                JToken result = await RequestAsync("eth_sendRawTransaction", new object?[] { Hex.Encode(rawTransaction) }, cancellationToken).ConfigureAwait(false);
                string? nodeHash = AsString(result);
                if (!string.Equals(nodeHash, localHash, StringComparison.OrdinalIgnoreCase))
                    throw new EthRpcException($"eth_sendRawTransaction: the node returned hash {nodeHash}, expected {localHash}.");
                return new BroadcastResult(localHash, BroadcastStatus.Accepted);
            }
            catch (JsonRpcException ex) when (IsAlreadyKnown(ex.RpcMessage))
            {
                return new BroadcastResult(localHash, BroadcastStatus.AlreadyKnown, ex.RpcMessage);
            }
            catch (JsonRpcException ex) when (ex.RpcMessage.IndexOf("nonce too low", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new BroadcastResult(localHash, BroadcastStatus.NonceTooLow, ex.RpcMessage);
            }
        }

        /// <summary>The receipt, or null while the transaction is unknown or pending (null never means "failed").</summary>
        public async Task<TransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken = default)
        {
            var hash = NormalizeHash(transactionHash);
            JToken result = await RequestAsync("eth_getTransactionReceipt", new object?[] { hash }, cancellationToken).ConfigureAwait(false);
            if (!(result is JObject receipt)) return null;
            var parsed = ParseReceipt(receipt);
            RequireSameHash("eth_getTransactionReceipt", hash, parsed.TransactionHash);
            return parsed;
        }

        /// <summary>A node that answers with another transaction (someone else's successful transfer) must not confirm ours.</summary>
        private void RequireSameHash(string method, string asked, string answered)
        {
            if (!string.Equals(asked, answered, StringComparison.OrdinalIgnoreCase))
                throw new EthRpcException($"{method}: the RPC endpoint {EndpointName} answered about transaction {Http.ServerText.Message(answered.Length == 0 ? "(none)" : answered)}, not {asked}; the answer is not used.");
        }

        public async Task<RpcTransaction?> GetTransactionByHashAsync(string transactionHash, CancellationToken cancellationToken = default)
        {
            var hash = NormalizeHash(transactionHash);
            JToken result = await RequestAsync("eth_getTransactionByHash", new object?[] { hash }, cancellationToken).ConfigureAwait(false);
            if (!(result is JObject tx)) return null;
            string? to = (string?)Get(tx, "to");
            string? blockNumber = (string?)Get(tx, "blockNumber");
            RequireSameHash("eth_getTransactionByHash", hash, (string?)Get(tx, "hash") ?? "");
            return new RpcTransaction
            {
                Hash = ((string?)Get(tx, "hash") ?? "").ToLowerInvariant(),
                Nonce = HexQuantity.ParseUInt64((string?)Get(tx, "nonce"), "tx.nonce"),
                From = EthereumAddress.Parse((string?)Get(tx, "from") ?? ""),
                To = string.IsNullOrEmpty(to) ? (EthereumAddress?)null : EthereumAddress.Parse(to!),
                Value = HexQuantity.Parse((string?)Get(tx, "value") ?? "0x0", "tx.value"),
                Input = Hex.TryDecode((string?)Get(tx, "input") ?? "0x", out var input) ? input : Array.Empty<byte>(),
                BlockNumber = blockNumber is null ? (ulong?)null : HexQuantity.ParseUInt64(blockNumber, "tx.blockNumber"),
            };
        }

        private static TransactionReceipt ParseReceipt(JObject receipt)
        {
            var logs = new List<TransactionLog>();
            if (Get(receipt, "logs") is JArray logArray)
            {
                foreach (var item in logArray)
                {
                    if (!(item is JObject log)) continue;
                    var topics = new List<string>();
                    if (Get(log, "topics") is JArray topicArray)
                        foreach (var t in topicArray) topics.Add(((string?)t ?? "").ToLowerInvariant());
                    string? logIndex = (string?)Get(log, "logIndex");
                    logs.Add(new TransactionLog
                    {
                        Address = EthereumAddress.Parse((string?)Get(log, "address") ?? ""),
                        Topics = topics,
                        Data = Hex.TryDecode((string?)Get(log, "data") ?? "0x", out var data) ? data : Array.Empty<byte>(),
                        LogIndex = logIndex is null ? (ulong?)null : HexQuantity.ParseUInt64(logIndex, "log.logIndex"),
                    });
                }
            }
            string? status = (string?)Get(receipt, "status");
            string? to = (string?)Get(receipt, "to");
            string? contractAddress = (string?)Get(receipt, "contractAddress");
            string? effectiveGasPrice = (string?)Get(receipt, "effectiveGasPrice");
            return new TransactionReceipt
            {
                TransactionHash = ((string?)Get(receipt, "transactionHash") ?? "").ToLowerInvariant(),
                Status = StatusOf(status),
                BlockNumber = HexQuantity.ParseUInt64((string?)Get(receipt, "blockNumber"), "receipt.blockNumber"),
                BlockHash = (string?)Get(receipt, "blockHash"),
                From = EthereumAddress.Parse((string?)Get(receipt, "from") ?? ""),
                To = string.IsNullOrEmpty(to) ? (EthereumAddress?)null : EthereumAddress.Parse(to!),
                ContractAddress = string.IsNullOrEmpty(contractAddress) ? (EthereumAddress?)null : EthereumAddress.Parse(contractAddress!),
                GasUsed = HexQuantity.Parse((string?)Get(receipt, "gasUsed") ?? "0x0", "receipt.gasUsed"),
                EffectiveGasPrice = effectiveGasPrice is null ? (BigInteger?)null : HexQuantity.Parse(effectiveGasPrice, "receipt.effectiveGasPrice"),
                Logs = logs,
            };
        }

        /// <summary>
        /// 1 or 0, nothing else: a receipt without a status (or with another value) says neither "paid" nor "reverted",
        /// and reading it as reverted would invite paying again for a transfer that went through.
        /// </summary>
        private static int StatusOf(string? status)
        {
            if (status != null)
            {
                var value = HexQuantity.ParseUInt64(status, "receipt.status");
                if (value <= 1) return (int)value;
            }
            throw new EthRpcException($"eth_getTransactionReceipt: the receipt's status is {Http.ServerText.Message(status ?? "missing")}, neither 0x0 nor 0x1; it is not used.");
        }

        private static bool IsAlreadyKnown(string message) =>
            message.IndexOf("already known", StringComparison.OrdinalIgnoreCase) >= 0
            || message.IndexOf("already imported", StringComparison.OrdinalIgnoreCase) >= 0
            || message.IndexOf("known transaction", StringComparison.OrdinalIgnoreCase) >= 0
            || message.IndexOf("already exists", StringComparison.OrdinalIgnoreCase) >= 0;

        private static JObject CallObject(CallRequest call)
        {
            if (call is null) throw new ArgumentNullException(nameof(call));
            var obj = new JObject();
            if (call.From.HasValue) obj["from"] = call.From.Value.ToLowerHexString();
            if (call.To.HasValue) obj["to"] = call.To.Value.ToLowerHexString();
            obj["data"] = Hex.Encode(call.Data ?? Array.Empty<byte>());
            if (call.Value.HasValue) obj["value"] = HexQuantity.Format(call.Value.Value);
            return obj;
        }

        private static string NormalizeHash(string hash)
        {
            if (!Hex.TryDecode(hash, out var bytes) || bytes.Length != 32) throw new ArgumentException("A transaction hash is 32 bytes of hex.", nameof(hash));
            return Hex.Encode(bytes);
        }

        /// <summary>Scheme, host and port of the endpoint: enough to say which one failed, never a key in its path.</summary>
        private string EndpointName => Endpoint.GetLeftPart(UriPartial.Authority);

        private static string? AsString(JToken token) => token.Type == JTokenType.String ? (string?)token : null;

        private static JToken? Get(JObject obj, string name) => obj.GetValue(name, StringComparison.OrdinalIgnoreCase);

        private static JObject? ParseEnvelope(string body)
        {
            try
            {
                using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
                return JToken.ReadFrom(reader) as JObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
