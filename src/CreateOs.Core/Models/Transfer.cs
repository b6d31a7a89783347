using System;

namespace CreateOs.Core.Models
{
    /// <summary>What the recipient of a project needs: the token (valid 6 h) and the page to accept it.</summary>
    public sealed class ProjectTransferUri
    {
        public string ProjectId { get; set; } = "";
        public string Token { get; set; } = "";
        public string? FrontendUri { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }

        public override string ToString() => FrontendUri ?? Token;
    }

    public sealed class ProjectTransfer
    {
        public string Id { get; set; } = "";
        public string ProjectId { get; set; } = "";
        public string? FromUserId { get; set; }
        public string? ToUserId { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }
}
