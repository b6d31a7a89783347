using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Models
{
    /// <summary>
    /// A scheduled job of a project environment: pending → building → active, suspended on request. Carries ProjectId,
    /// CronjobId and EnvironmentId so it pipes into the other cronjob cmdlets.
    /// </summary>
    public sealed class Cronjob : IProjectOwned
    {
        public string Id { get; set; } = "";
        [JsonIgnore] public string CronjobId => Id;
        public string ProjectId { get; set; } = "";
        public string EnvironmentId { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>A cron expression (five fields) or a macro such as @daily.</summary>
        public string Schedule { get; set; } = "";
        /// <summary>http or artifact.</summary>
        public string Type { get; set; } = "";
        public string Status { get; set; } = "";
        public CronjobSettings? Settings { get; set; }
        public DateTimeOffset? SuspendedAt { get; set; }
        public bool? SuspendedByOwner { get; set; }
        public string? SuspendText { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        [JsonIgnore] public bool IsSuspended => Status == "suspended" || Status == "suspending";

        /// <summary>The request the job makes, e.g. "GET /health".</summary>
        [JsonIgnore] public string? Request => Settings is null ? null : $"{Settings.Method} {Settings.Path}";

        public override string ToString() => Name;
    }

    /// <summary>The HTTP call of an http cronjob.</summary>
    public sealed class CronjobSettings
    {
        /// <summary>The path on the environment's endpoint, starting with '/'.</summary>
        public string Path { get; set; } = "";
        public string Method { get; set; } = "";
        public Dictionary<string, string>? Headers { get; set; }
        /// <summary>The request body; the API's JSON value as text when it is not a string.</summary>
        [JsonConverter(typeof(AnyJsonAsTextConverter))]
        public string? Body { get; set; }
        /// <summary>1–5 seconds.</summary>
        public int? TimeoutInSeconds { get; set; }

        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>One run of a cronjob (the last ten are kept).</summary>
    public sealed class CronjobActivity
    {
        public string Id { get; set; } = "";
        /// <summary>Filled in by the client: the list leaves the project out.</summary>
        public string ProjectId { get; set; } = "";
        [JsonProperty("cronJobId")] public string CronjobId { get; set; } = "";
        public bool? Success { get; set; }
        public int? StatusCode { get; set; }
        public string? Log { get; set; }
        public DateTimeOffset? ScheduledAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary><see cref="ScheduledAt"/> in local time to the minute, as the default view shows it.</summary>
        [JsonIgnore] public string? ScheduledAtShown => DisplayText.LocalMinutes(ScheduledAt);
        /// <summary>"success", "failed" or "" (not known), as the default view shows it under "Result".</summary>
        [JsonIgnore] public string Outcome => Success switch { true => "success", false => "failed", null => "" };

        public override string ToString() => $"{ScheduledAt:u} {(Success == true ? "succeeded" : Success == false ? "failed" : "ran")} ({StatusCode})";
    }

    /// <summary>Reads a string as is and any other JSON value as its JSON text (a cronjob body may be either).</summary>
    internal sealed class AnyJsonAsTextConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType) => objectType == typeof(string);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
        {
            var token = JToken.Load(reader);
            return token.Type switch
            {
                JTokenType.Null or JTokenType.Undefined => null,
                JTokenType.String => token.Value<string>(),
                _ => token.ToString(Formatting.None),
            };
        }

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => writer.WriteValue(value as string);
    }
}
