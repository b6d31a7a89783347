using System;
using Newtonsoft.Json;

namespace CreateOs.Core.Models
{
    /// <summary>An app: a named group of projects and services.</summary>
    public sealed class App
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string AppId => Id;
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string? Color { get; set; }
        public string? UserId { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => Name;
    }
}
