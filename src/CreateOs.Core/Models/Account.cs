using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace CreateOs.Core.Models
{
    /// <summary>The signed-in CreateOS user (the API is free-form here; these are the fields the CLI reads).</summary>
    public sealed class User
    {
        public string Id { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Username { get; set; }
        public string? Email { get; set; }
        public string? ProfileImagePath { get; set; }
        public DateTimeOffset? SuspendedAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => Username ?? DisplayName ?? Id;
    }

    /// <summary>One quota line: how much is used of how much.</summary>
    public sealed class Quota
    {
        public string Resource { get; set; } = "";
        public int Current { get; set; }
        public int Max { get; set; }
        public int Remaining { get; set; }

        public override string ToString() => $"{Resource}: {Current}/{Max}";
    }

    /// <summary>A runtime or framework CreateOS can build, with the settings it lets you edit.</summary>
    public sealed class SupportedProjectType
    {
        public string Type { get; set; } = "";
        public string Name { get; set; } = "";
        public List<string> Runtimes { get; set; } = new List<string>();
        public Dictionary<string, SupportedTypeEditable>? Editables { get; set; }

        /// <summary>The runtimes, comma-separated, as the default view shows them.</summary>
        [JsonIgnore] public string RuntimeList => Runtimes is null ? "" : string.Join(", ", Runtimes);

        /// <summary>The names of the editable settings, comma-separated, as the default view shows them; null when the type sent none.</summary>
        [JsonIgnore] public string? EditableList => Editables is null ? null : string.Join(", ", Editables.Keys);

        public override string ToString() => Name;
    }

    public sealed class SupportedTypeEditable
    {
        public string? Type { get; set; }
        public object? Default { get; set; }
        public bool? Required { get; set; }

        /// <summary>"string, required, default 3000".</summary>
        public override string ToString() => string.Join(", ", new[] { Type, Required == true ? "required" : null, Default is null ? null : "default " + System.Convert.ToString(Default, System.Globalization.CultureInfo.InvariantCulture) }.Where(p => !string.IsNullOrEmpty(p)));
    }

    /// <summary>The answer of a name check.</summary>
    public sealed class NameAvailability
    {
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public bool IsAvailable { get; set; }

        public override string ToString() => $"{Name}: {(IsAvailable ? "available" : "taken")}";
    }
}
