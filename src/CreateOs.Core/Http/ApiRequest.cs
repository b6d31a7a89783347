using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;

namespace CreateOs.Core.Http
{
    /// <summary>A request described as data, so that it can be built again for every retry.</summary>
    public sealed class ApiRequest
    {
        public ApiRequest(HttpMethod method, string path)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        public HttpMethod Method { get; }
        public string Path { get; }
        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();
        /// <summary>A JSON-serialisable body (object, JToken or string of JSON); null for none.</summary>
        public object? JsonBody { get; set; }
        /// <summary>Builds a non-JSON body (e.g. multipart) afresh for each attempt.</summary>
        public Func<HttpContent>? ContentFactory { get; set; }
        /// <summary>Extra headers for this request only.</summary>
        public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>
        /// Whether sending it twice is harmless. Defaults from the method; CreateOS's "mutating GET" (project transfer)
        /// and POSTs that only read (name checks) override it.
        /// </summary>
        public bool? Idempotent { get; set; }
        /// <summary>What the request is about, for messages (e.g. "project 'my-app'").</summary>
        public string? Subject { get; set; }

        public bool IsIdempotent => Idempotent ?? (Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Put || Method == HttpMethod.Delete || Method == HttpMethod.Options);

        public ApiRequest WithQuery(string name, object? value)
        {
            if (value is null) return this;
            var text = value switch
            {
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text != null) Query.Add(new KeyValuePair<string, string>(name, text));
            return this;
        }

        public ApiRequest WithBody(object? body)
        {
            JsonBody = body;
            return this;
        }

        public ApiRequest WithHeader(string name, string value)
        {
            Headers[name] = value;
            return this;
        }

        internal string PathAndQuery()
        {
            if (Query.Count == 0) return Path;
            var builder = new StringBuilder(Path);
            builder.Append(Path.IndexOf('?') >= 0 ? '&' : '?');
            for (var i = 0; i < Query.Count; i++)
            {
                if (i > 0) builder.Append('&');
                builder.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
            }
            return builder.ToString();
        }

        public static string Segment(string value)
        {
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("an identifier in the path may not be empty");
            return Uri.EscapeDataString(value);
        }
    }
}
