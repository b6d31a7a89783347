using System;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// Text a server sent is data, never terminal control: this strips ANSI/VT escape sequences (CSI, OSC, DCS and the
    /// like, 7- and 8-bit), every other C0/C1 control character, DEL, and the Unicode bidirectional overrides that can
    /// make a line read differently from what it holds. Tabs and line ends stay (logs keep their lines, CR LF included);
    /// a lone carriage return becomes a line feed, so it cannot rewrite a line already shown. Every server string passes
    /// through here before a host, an error record or a warning sees it.
    /// </summary>
    public static class ServerText
    {
        /// <summary>How much of a server's message an error keeps (error records stay small).</summary>
        public const int MaxMessageLength = 500;

        /// <summary>The text without control characters; <paramref name="singleLine"/> also folds line breaks into spaces.</summary>
        public static string Clean(string? text, bool singleLine = false)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            if (!NeedsCleaning(text!, singleLine)) return text!;
            var clean = new StringBuilder(text!.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\u001b' || c == '\u009b' || c == '\u009d' || c == '\u0090' || c == '\u009e' || c == '\u009f')
                {
                    i = EndOfEscape(text, i);
                    continue;
                }
                if (c == '\r')
                {
                    // CR LF is an ordinary line end (data such as a variable's value keeps it); a lone CR would move
                    // back over what is already shown, so it becomes a line feed.
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        if (!singleLine) clean.Append('\r');
                        continue;
                    }
                    c = '\n';
                }
                if (c == '\n' || c == '\t')
                {
                    clean.Append(singleLine ? ' ' : c);
                    continue;
                }
                if (IsControl(c)) continue;
                clean.Append(c);
            }
            return clean.ToString();
        }

        /// <summary>The most an exception message keeps, server text included (error records stay small).</summary>
        public const int MaxExceptionMessageLength = 2000;

        /// <summary>A server message for an error: one line, no control characters, at most <see cref="MaxMessageLength"/> characters.</summary>
        public static string Message(string? text) => Shorten(Clean(text, singleLine: true).Trim(), MaxMessageLength);

        /// <summary>An exception's whole message: one line, no control characters, at most <see cref="MaxExceptionMessageLength"/> characters.</summary>
        public static string ExceptionMessage(string? text) => Shorten(Clean(text, singleLine: true), MaxExceptionMessageLength);

        private static string Shorten(string text, int length) => text.Length <= length ? text : text.Substring(0, length) + "…";

        public static bool NeedsCleaning(string text, bool singleLine = false)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (!IsControl(c)) continue;
                if (singleLine) return true;
                if (c == '\n' || c == '\t') continue;
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
                return true;
            }
            return false;
        }

        /// <summary>
        /// The settings that hold the user's own variable values (runEnvs, buildVars). They are data the module writes
        /// back (a variable update merges into what is there), so they keep every character: cleaning them would
        /// silently rewrite a value such as a prompt's colour codes. They reach a screen only through a view that cleans
        /// them (<see cref="Models.EnvironmentVariable.ShownValue"/>).
        /// </summary>
        private static readonly string[] VerbatimProperties = { "runEnvs", "buildVars" };

        /// <summary>Cleans every string value of a parsed document in place, except the user's variable values; returns it.</summary>
        public static JToken? CleanStrings(JToken? token)
        {
            if (token is null) return null;
            if (token is JValue value)
            {
                if (value.Type == JTokenType.String && value.Value is string text && NeedsCleaning(text)) value.Value = Clean(text);
                return token;
            }
            foreach (var child in token.Children())
            {
                if (child is JProperty property)
                {
                    if (property.Value is JObject && Array.IndexOf(VerbatimProperties, property.Name) >= 0) continue;
                    CleanStrings(property.Value);
                }
                else CleanStrings(child);
            }
            return token;
        }

        /// <summary>
        /// A raw body with its server text cleaned: JSON keeps its values (only the strings that carried control
        /// characters are rewritten, so a clean document is returned byte for byte); anything else is cleaned as text.
        /// </summary>
        public static string CleanBody(string? raw)
        {
            if (string.IsNullOrEmpty(raw)) return raw ?? "";
            JToken parsed;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(raw!)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal, MaxDepth = 64 };
                parsed = JToken.ReadFrom(reader);
            }
            catch (JsonException)
            {
                return Clean(raw);
            }
            catch (OverflowException)
            {
                return Clean(raw);
            }
            if (!HasDirtyString(parsed)) return NeedsCleaning(raw!) ? Clean(raw) : raw!;
            return CleanStrings(parsed)!.ToString(Formatting.None);
        }

        private static bool HasDirtyString(JToken token)
        {
            if (token is JValue value) return value.Type == JTokenType.String && value.Value is string text && NeedsCleaning(text);
            foreach (var child in token.Children())
                if (HasDirtyString(child is JProperty property ? property.Value : child)) return true;
            return false;
        }

        /// <summary>C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).</summary>
        private static bool IsControl(char c) =>
            c < '\u0020' || (c >= '\u007f' && c <= '\u009f') || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');

        /// <summary>The index of the last character of the escape sequence that starts at <paramref name="start"/>.</summary>
        private static int EndOfEscape(string text, int start)
        {
            var c = text[start];
            int i;
            char kind;
            if (c == '\u001b')
            {
                if (start + 1 >= text.Length) return start;
                kind = text[start + 1];
                i = start + 2;
            }
            else
            {
                kind = c == '\u009b' ? '[' : c == '\u009d' ? ']' : 'P';
                i = start + 1;
            }
            switch (kind)
            {
                case '[':
                    // CSI: parameter and intermediate bytes, then one final byte (0x40–0x7E).
                    while (i < text.Length && text[i] >= '\u0020' && text[i] <= '\u003f') i++;
                    return i < text.Length && text[i] >= '\u0040' && text[i] <= '\u007e' ? i : i - 1;
                case ']':
                case 'P':
                case 'X':
                case '^':
                case '_':
                    // OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \ or 0x9C); unterminated, it runs to the end.
                    for (; i < text.Length; i++)
                    {
                        if (text[i] == '\u0007' || text[i] == '\u009c') return i;
                        if (text[i] == '\u001b' && i + 1 < text.Length && text[i + 1] == '\\') return i + 1;
                    }
                    return text.Length - 1;
                default:
                    // A two-character escape (ESC 7, ESC c, ...); a C1 introducer on its own is dropped alone.
                    return c == '\u001b' ? start + 1 : start;
            }
        }
    }
}
