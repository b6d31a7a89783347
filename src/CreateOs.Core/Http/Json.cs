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

        public static T? ToObject<T>(JToken? token) => token is null || token.Type == JTokenType.Null ? default : token.ToObject<T>(Serializer);
    }
}
