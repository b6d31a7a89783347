using System.Text;

namespace CreateOs.Core.Packaging
{
    /// <summary>Escapes text for the inside of a JSON string (quotes, backslashes, control characters).</summary>
    internal static class JsonTextEscaper
    {
        public static void Append(StringBuilder output, char[] chars, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var c = chars[i];
                switch (c)
                {
                    case '"': output.Append("\\\""); break;
                    case '\\': output.Append("\\\\"); break;
                    case '\n': output.Append("\\n"); break;
                    case '\r': output.Append("\\r"); break;
                    case '\t': output.Append("\\t"); break;
                    case '\b': output.Append("\\b"); break;
                    case '\f': output.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029')
                            output.Append("\\u").Append(((int)c).ToString("x4"));
                        else
                            output.Append(c);
                        break;
                }
            }
        }
    }
}
