using System;
using System.Security;
using Newtonsoft.Json;

namespace CreateOs.Core.Models
{
    /// <summary>An API key as listed (the secret is never listed).</summary>
    public sealed class ApiKey
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string ApiKeyId => Id;
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string? UserId { get; set; }
        /// <summary>When the key expires (the list calls it expiredAt; creation calls it expiryAt).</summary>
        [JsonProperty("expiredAt")] public DateTimeOffset? ExpiresAt { get; set; }
        public DateTimeOffset? RevokedAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => Name ?? Id;
    }

    /// <summary>A key just created: the only time its secret is available.</summary>
    public sealed class NewApiKey
    {
        public string Id { get; set; } = "";
        public string ApiKeyId => Id;
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public DateTimeOffset ExpiresAt { get; set; }
        /// <summary>The secret; pass it to Connect-CreateOs -ApiKey.</summary>
        public SecureString Secret { get; set; } = new SecureString();
        /// <summary>The secret as text, only when New-CreateOsApiKey -AsPlainText was used.</summary>
        public string? PlainTextSecret { get; set; }
        /// <summary>What the default views show under "Secret": the plain text when asked for, else where the SecureString is.</summary>
        [JsonIgnore] public string SecretShown => string.IsNullOrEmpty(PlainTextSecret) ? "(SecureString: .Secret)" : PlainTextSecret!;

        public override string ToString() => Name;
    }
}
