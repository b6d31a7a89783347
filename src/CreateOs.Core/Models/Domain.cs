using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Models
{
    /// <summary>A custom domain of a project: pending until its DNS records exist and it is refreshed.</summary>
    public sealed class Domain : IProjectOwned
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string DomainId => Id;
        public string Name { get; set; } = "";
        public string ProjectId { get; set; } = "";
        public string? EnvironmentId { get; set; }
        public string Status { get; set; } = "";
        public string? Message { get; set; }
        public string? DomainCertificateId { get; set; }
        public int FailedVerificationCount { get; set; }
        public DateTimeOffset? LastFailedVerifiedAt { get; set; }
        public DateTimeOffset? DeletingAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>The DNS records as the API sent them (free-form: the sources disagree on the shape).</summary>
        [JsonIgnore] public IDictionary<string, object?> RecordData { get; private set; } = new Dictionary<string, object?>();

        /// <summary>The records to create, flattened to type/name/value.</summary>
        [JsonIgnore] public IReadOnlyList<DnsRecord> Records { get; private set; } = Array.Empty<DnsRecord>();

        /// <summary>The records' types and names, e.g. "TXT _verify; A @", as the default view shows them.</summary>
        [JsonIgnore] public string RecordSummary => string.Join("; ", Records.Select(r => $"{r.Type} {r.Name}"));

        [JsonProperty("records")]
        private JToken? RawRecords
        {
            get => null;
            set
            {
                RecordData = FreeForm.ToDictionary(value as JObject);
                Records = DnsRecord.Flatten(value);
            }
        }

        public override string ToString() => $"{Name} ({Status})";
    }

    public sealed class DnsRecord
    {
        public string Type { get; set; } = "";
        public string Name { get; set; } = "";
        public string Value { get; set; } = "";

        public override string ToString() => $"{Type} {Name} {Value}";

        /// <summary>
        /// Reads <c>{txt_records:[{name,value}], a_records:[…]}</c> (the CLI's shape) and single objects such as
        /// <c>{cname:{name,value}}</c> (the seed's); the type is the key without its "_records"/"Records" suffix.
        /// </summary>
        public static IReadOnlyList<DnsRecord> Flatten(JToken? records)
        {
            var flat = new List<DnsRecord>();
            if (records is not JObject obj) return flat;
            foreach (var property in obj.Properties())
            {
                var type = property.Name;
                foreach (var suffix in new[] { "_records", "Records", "_record", "Record" })
                {
                    if (type.EndsWith(suffix, StringComparison.Ordinal) && type.Length > suffix.Length) { type = type.Substring(0, type.Length - suffix.Length); break; }
                }
                type = type.ToUpperInvariant();
                IEnumerable<JToken> items = property.Value is JArray array ? array.Children() : new[] { property.Value };
                foreach (var item in items.OfType<JObject>())
                {
                    var name = (item["name"] ?? item["host"])?.ToString() ?? "";
                    var value = (item["value"] ?? item["target"] ?? item["data"])?.ToString() ?? "";
                    var recordType = item["type"]?.ToString() is { Length: > 0 } explicitType ? explicitType.ToUpperInvariant() : type;
                    flat.Add(new DnsRecord { Type = recordType, Name = name, Value = value });
                }
            }
            return flat;
        }
    }

    /// <summary>Turns free-form JSON into dictionaries, lists and primitives that PowerShell shows and serialises naturally.</summary>
    public static class FreeForm
    {
        public static IDictionary<string, object?> ToDictionary(JObject? obj)
        {
            var dictionary = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (obj is null) return dictionary;
            foreach (var property in obj.Properties()) dictionary[property.Name] = ToValue(property.Value);
            return dictionary;
        }

        public static object? ToValue(JToken? token)
        {
            switch (token)
            {
                case null: return null;
                case JObject obj: return ToDictionary(obj);
                case JArray array: return array.Select(ToValue).ToList();
                case JValue value:
                    return value.Type switch
                    {
                        JTokenType.Integer => value.Value<long>(),
                        JTokenType.Float => value.Value<double>(),
                        JTokenType.Boolean => value.Value<bool>(),
                        JTokenType.Null or JTokenType.Undefined => null,
                        JTokenType.Date => value.Value is DateTimeOffset dto ? dto : new DateTimeOffset(value.Value<DateTime>()),
                        _ => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
                    };
                default: return token.ToString();
            }
        }
    }
}
