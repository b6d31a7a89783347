using System;
using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// Numbers in the gateway's payment terms, read strictly: a field that is present must be exactly what it claims to be
    /// (a whole number in range, an amount a decimal can hold), or the answer is refused with a message naming the field
    /// and value — never truncated (6.9 read as 6), defaulted (1e30 read as "absent") or failing with an overflow.
    /// </summary>
    internal static class QuoteNumbers
    {
        /// <summary>A JSON integer, or a string of decimal digits, within [<paramref name="min"/>, <paramref name="max"/>]; null when absent.</summary>
        public static long? WholeNumber(JToken? token, string field, long min, long max)
        {
            if (IsAbsent(token)) return null;
            var text = token!.Type == JTokenType.String ? (string)token! : token.ToString(Newtonsoft.Json.Formatting.None);
            if ((token.Type == JTokenType.Integer || token.Type == JTokenType.String)
                && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && value >= min && value <= max)
                return (long)value;
            throw new GatewayProtocolException($"The gateway's payment terms give {field} \"{Shorten(text)}\", which is not a whole number from {min} to {max}. Nothing was paid on them.");
        }

        /// <summary>A decimal amount (a JSON number or numeric string) a <see cref="decimal"/> can hold exactly enough; null when absent.</summary>
        public static decimal? Amount(JToken? token, string field)
        {
            if (IsAbsent(token)) return null;
            var text = token!.Type == JTokenType.String ? (string)token! : token.ToString(Newtonsoft.Json.Formatting.None);
            if ((token.Type == JTokenType.Integer || token.Type == JTokenType.Float || token.Type == JTokenType.String)
                && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return value;
            throw new GatewayProtocolException($"The gateway's payment terms give {field} \"{Shorten(text)}\", which is not an amount this module can read (a decimal number of at most 28 digits). Nothing was paid on them.");
        }

        /// <summary>A non-negative whole number of token base units (JSON integer or digit string), any size; null when absent.</summary>
        public static BigInteger? BaseUnits(JToken? token, string field)
        {
            if (IsAbsent(token)) return null;
            var text = token!.Type == JTokenType.String ? (string)token! : token.ToString(Newtonsoft.Json.Formatting.None);
            if ((token.Type == JTokenType.Integer || token.Type == JTokenType.String)
                && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return value;
            throw new GatewayProtocolException($"The gateway's payment terms give {field} \"{Shorten(text)}\", which is not a whole number of token base units. Nothing was paid on them.");
        }

        private static bool IsAbsent(JToken? token) => token is null || token.Type == JTokenType.Null || token.Type == JTokenType.Undefined;

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
