using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// Tolerant reading of CreateOS envelopes (reference §2): success is <c>{"status":"success","data":…}</c> or
    /// <c>{"success":true,"data":…}</c>; errors come in five shapes, sometimes with HTTP 200.
    /// </summary>
    public static class ResponseEnvelope
    {
        private const int MaxRawMessageLength = 300;

        /// <summary>True when the body itself declares failure, whatever the HTTP status.</summary>
        public static bool DeclaresFailure(JToken? body)
        {
            if (body is not JObject obj) return false;
            var status = obj.GetValue("status", StringComparison.OrdinalIgnoreCase);
            if (status?.Type == JTokenType.String)
            {
                var text = status.Value<string>();
                if (string.Equals(text, "fail", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "error", StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            var success = obj.GetValue("success", StringComparison.OrdinalIgnoreCase);
            return success?.Type == JTokenType.Boolean && !success.Value<bool>();
        }

        /// <summary>The payload of a successful answer: <c>data</c> when present, otherwise the body itself.</summary>
        public static JToken? Payload(JToken? body)
        {
            if (body is JObject obj && obj.TryGetValue("data", StringComparison.Ordinal, out var data))
                return data;
            return body;
        }

        /// <summary>
        /// The first non-empty of: <c>data</c> (string), <c>data.message</c>, <c>message</c>, <c>error</c> (string),
        /// <c>error.message</c>, the truncated raw body, or "request failed with status N".
        /// </summary>
        public static string ErrorMessage(JToken? body, string? rawBody, int status)
        {
            if (body is JObject obj)
            {
                var data = obj.GetValue("data", StringComparison.OrdinalIgnoreCase);
                var error = obj.GetValue("error", StringComparison.OrdinalIgnoreCase);
                var candidate =
                    StringOf(data) ??
                    StringOf((data as JObject)?.GetValue("message", StringComparison.OrdinalIgnoreCase)) ??
                    StringOf(obj.GetValue("message", StringComparison.OrdinalIgnoreCase)) ??
                    StringOf(error) ??
                    StringOf((error as JObject)?.GetValue("message", StringComparison.OrdinalIgnoreCase));
                if (candidate != null) return candidate;
            }
            else if (body?.Type == JTokenType.String && !string.IsNullOrWhiteSpace(body.Value<string>()))
            {
                return body.Value<string>()!;
            }

            if (!string.IsNullOrWhiteSpace(rawBody))
            {
                var trimmed = rawBody!.Trim();
                return ServerText.Message(trimmed.Length <= MaxRawMessageLength ? trimmed : trimmed.Substring(0, MaxRawMessageLength) + "…");
            }
            return $"request failed with status {status}";
        }

        /// <summary>Parses a body as JSON; non-JSON bodies yield null (their raw text still reaches the message).</summary>
        public static JToken? TryParse(string? rawBody)
        {
            if (string.IsNullOrWhiteSpace(rawBody)) return null;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(rawBody!)) { DateParseHandling = DateParseHandling.None };
                return JToken.ReadFrom(reader);
            }
            catch (JsonReaderException)
            {
                return null;
            }
        }

        /// <summary>Parses a body straight from its bytes (no intermediate string); non-JSON yields null.</summary>
        public static JToken? TryParse(BoundedBody content)
        {
            if (content.IsEmpty) return null;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StreamReader(content.Open(), content.Encoding)) { DateParseHandling = DateParseHandling.None };
                return JToken.ReadFrom(reader);
            }
            catch (JsonReaderException)
            {
                return null;
            }
        }

        /// <summary>The start of a body as cleaned text (at most <see cref="MaxExcerptLength"/> characters), for error reports.</summary>
        public static string? Excerpt(BoundedBody content)
        {
            if (content.IsEmpty) return null;
            var text = content.Text(MaxExcerptLength * 4);
            var clean = ServerText.Clean(text);
            return clean.Length <= MaxExcerptLength ? clean : clean.Substring(0, MaxExcerptLength) + "…";
        }

        /// <summary>How much of a successful body an <see cref="ApiResponse"/> keeps as text.</summary>
        public const int MaxExcerptLength = 4096;

        private static string? StringOf(JToken? token) =>
            token?.Type == JTokenType.String && !string.IsNullOrWhiteSpace(token.Value<string>()) ? token.Value<string>() : null;
    }
}
