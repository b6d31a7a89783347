using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>The node answered with a JSON-RPC error object (often with HTTP 200).</summary>
    public sealed class JsonRpcException : EthRpcException
    {
        public JsonRpcException(string method, long code, string rpcMessage, string? data)
            : base($"{method} failed: JSON-RPC error {code}: {Http.ServerText.Message(rpcMessage)}" + (data != null ? $" (data {Truncate(data)})" : ""))
        {
            Method = method; Code = code; RpcMessage = Http.ServerText.Clean(rpcMessage, singleLine: true); ErrorData = data is null ? null : Http.ServerText.Clean(data, singleLine: true);
        }

        public string Method { get; }
        public long Code { get; }
        public string RpcMessage { get; }
        /// <summary>The error's "data" member: revert data as 0x-hex when it is a string, else its JSON text.</summary>
        public string? ErrorData { get; }

        /// <summary>Execution reverted (code 3, or a message saying so).</summary>
        public bool IsExecutionReverted =>
            Code == 3 || RpcMessage.IndexOf("revert", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The reason of a revert with Error(string) data (selector 0x08c379a0), else null.</summary>
        public string? RevertReason
        {
            get
            {
                if (ErrorData == null || !ErrorData.StartsWith("0x08c379a0", System.StringComparison.OrdinalIgnoreCase)) return null;
                if (!Hex.TryDecode(ErrorData, out var bytes) || bytes.Length < 4 + 64) return null;
                var payload = new byte[bytes.Length - 4];
                System.Buffer.BlockCopy(bytes, 4, payload, 0, payload.Length);
                try { return Erc20Abi.DecodeString(payload); }
                catch (System.FormatException) { return null; }
            }
        }

        private static string Truncate(string s) => s.Length <= 200 ? s : s.Substring(0, 200) + "…";
    }
}
