using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace CreateOs.Core.Http
{
    /// <summary>The one JSON configuration the module uses on the wire: camelCase names, nulls omitted, dates kept exact.</summary>
    public static class Json
    {
        public static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            ContractResolver = new CamelCasePropertyNamesContractResolver { NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false, OverrideSpecifiedNames = false } },
            NullValueHandling = NullValueHandling.Ignore,
            DateParseHandling = DateParseHandling.DateTimeOffset,
            DateFormatHandling = DateFormatHandling.IsoDateFormat,
            MissingMemberHandling = MissingMemberHandling.Ignore,
        };

        public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

        public static string Serialize(object? value) => value is JToken token ? token.ToString(Formatting.None) : JsonConvert.SerializeObject(value, Settings);

        /// <summary>
        /// A name twice in one object (<c>{"amount":"1","amount":"1000"}</c>) is an error, not "the last one wins": parsers
        /// disagree on which wins, so a money document that says two things is refused rather than read one way.
        /// </summary>
        private static readonly JsonLoadSettings Unambiguous = new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

        /// <summary>
        /// Parses JSON keeping every value as written (no date conversion, decimals not doubles), so a document that is
        /// echoed back — a payment offer — serializes to the same values. A repeated name is a <see cref="JsonReaderException"/>.
        /// </summary>
        public static JObject ParseVerbatim(string json)
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal, MaxDepth = 64 };
            // Server documents: their strings lose control characters (which no valid offer holds) before anyone shows them.
            return (JObject)ServerText.CleanStrings(JObject.Load(reader, Unambiguous))!;
        }

        /// <summary>A money document (a quote): as <see cref="JObject.Parse(string)"/>, but a repeated name is a <see cref="JsonReaderException"/>.</summary>
        public static JObject ParseUnambiguous(string json) => JObject.Parse(json, Unambiguous);

        public static T? ToObject<T>(JToken? token) => token is null || token.Type == JTokenType.Null ? default : token.ToObject<T>(Serializer);
    }
}
