using System;

namespace CreateOs.Core.Chain
{
    /// <summary>A JSON-RPC call failed at the transport level or returned something unusable.</summary>
    public class EthRpcException : Exception
    {
        public EthRpcException(string message, Exception? innerException = null) : base(message, innerException) { }
    }
}
