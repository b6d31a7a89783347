using System;
using CreateOs.Core.Http;

namespace CreateOs.Core.Chain
{
    /// <summary>A JSON-RPC call failed at the transport level or returned something unusable.</summary>
    public class EthRpcException : Exception
    {
        /// <summary>The message is cleaned of control characters: it may carry the node's own text.</summary>
        public EthRpcException(string message, Exception? innerException = null) : base(ServerText.ExceptionMessage(message), innerException) { }
    }

    /// <summary>The RPC endpoint did not answer within the client's timeout (it may still act on the request).</summary>
    public sealed class RpcTimeoutException : EthRpcException
    {
        public RpcTimeoutException(string method, string endpoint, TimeSpan timeout, Exception? innerException = null)
            : base($"{method}: no answer from the RPC endpoint {endpoint} within {timeout.TotalSeconds:0.#} s.", innerException)
        {
            Method = method;
            Endpoint = endpoint;
            Timeout = timeout;
        }

        public string Method { get; }
        public string Endpoint { get; }
        public TimeSpan Timeout { get; }
    }
}
