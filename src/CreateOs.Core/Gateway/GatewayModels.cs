using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace CreateOs.Core.Gateway
{
    /// <summary>A chain the gateway accepts payment on, with its tokens (GET /agent/chains).</summary>
    public sealed class MppChain
    {
        [JsonProperty("chain")] public string Chain { get; set; } = "";
        [JsonProperty("chain_id")] public ulong ChainId { get; set; }
        [JsonProperty("tokens")] public List<string> Tokens { get; set; } = new List<string>();
        /// <summary>True when the module has pinned contracts for this chain (it pays only on pinned ones).</summary>
        [JsonIgnore] public bool IsPinned { get; set; }

        /// <summary>The tokens, comma-separated, as the default view shows them.</summary>
        [JsonIgnore] public string TokenList => Tokens is null ? "" : string.Join(", ", Tokens);

        public override string ToString() => $"{Chain} ({ChainId}): {TokenList}";
    }

    /// <summary>A project deployed by the wallet through the gateway (GET /agent/projects).</summary>
    public sealed class MppProject
    {
        [JsonProperty("id")] public string Id { get; set; } = "";
        [JsonIgnore] public string ProjectId => Id;
        [JsonProperty("name")] public string Name { get; set; } = "";
        [JsonProperty("displayName")] public string? DisplayName { get; set; }
        [JsonProperty("status")] public string Status { get; set; } = "";
        private string? _url;
        /// <summary>The app's address: only an absolute http(s) URL is kept (it is shown, probed and maybe opened).</summary>
        [JsonProperty("url")] public string? Url { get => _url; set => _url = CreateOs.Core.Http.EndpointIdentity.WebAddressOrNull(value); }
        /// <summary><see cref="Name"/> under the name the REST cmdlets' -UniqueName expects.</summary>
        [JsonIgnore] public string UniqueName => Name;
        /// <summary><see cref="Url"/> under the name the deploy results use.</summary>
        [JsonIgnore] public string? Endpoint => Url;
        [JsonProperty("createdAt")] public DateTimeOffset? CreatedAt { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>The gateway's view of a deployment (GET /agent/deploy/{projectId}/{deploymentId}/status).</summary>
    public sealed class MppDeploymentStatus
    {
        public string ProjectId { get; set; } = "";
        public string DeploymentId { get; set; } = "";
        /// <summary>ready, deploying or failed.</summary>
        public string Status { get; set; } = "";
        /// <summary>The raw CreateOS status behind it (building, deployed, build_error, ...).</summary>
        public string? DeploymentStatus { get; set; }
        public string? Endpoint { get; set; }
        public string? Reason { get; set; }
        public string? Message { get; set; }

        public bool IsReady => string.Equals(Status, "ready", StringComparison.OrdinalIgnoreCase);
        public bool IsFailed => string.Equals(Status, "failed", StringComparison.OrdinalIgnoreCase);
        public bool IsFinal => IsReady || IsFailed;

        public override string ToString() => DeploymentStatus is null ? Status : $"{Status} ({DeploymentStatus})";
    }

    /// <summary>The gateway accepted a deploy (200).</summary>
    public sealed class DeployAccepted
    {
        public string ProjectId { get; set; } = "";
        public string DeploymentId { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Message { get; set; }
        /// <summary>Payment v2: the gateway's receipt of the settlement, if it sent one.</summary>
        public PaymentSettlement? Settlement { get; set; }
    }

    /// <summary>A balance as the gateway reports it (GET /agent/balance/{address}).</summary>
    public sealed class MppBalanceEntry
    {
        [JsonProperty("token")] public string Token { get; set; } = "";
        [JsonProperty("symbol")] public string Symbol { get; set; } = "";
        [JsonProperty("address")] public string? Address { get; set; }
        [JsonProperty("balance")] public string? Balance { get; set; }
        [JsonProperty("balance_raw")] public string? BalanceRaw { get; set; }
        [JsonProperty("decimals")] public int Decimals { get; set; } = 6;
    }
}
