using System;
using System.Collections;
using System.Globalization;
using System.Linq;

namespace CreateOs.Core.Models
{
    /// <summary>
    /// Text rules the display properties share, so the views read properties instead of running PowerShell script blocks
    /// (each script block in a format file costs parsing at import and script compilation at first output).
    /// </summary>
    internal static class DisplayText
    {
        /// <summary>
        /// A time in this machine's zone to the minute, in the current culture (its calendar and time separator), as the
        /// tables show times; null for none, and for a time the culture's calendar cannot write (a getter must not throw).
        /// </summary>
        public static string? LocalMinutes(DateTimeOffset? at)
        {
            if (at is null) return null;
            try
            {
                return at.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        /// <summary>
        /// A value as PowerShell's <c>"$($value)"</c> writes it: the invariant culture (doubles to 15 digits, singles to 7),
        /// True/False, a list's items joined by spaces (a list of one item as that item, unrolled once more), and a
        /// dictionary or other object by its ToString. Null is "".
        /// </summary>
        public static string AsPowerShellString(object? value)
        {
            if (!IsList(value)) return Scalar(value);
            var items = ((IEnumerable)value!).Cast<object?>().ToList();
            if (items.Count != 1) return string.Join(" ", items.Select(Scalar));
            var only = items[0];
            return IsList(only) ? string.Join(" ", ((IEnumerable)only!).Cast<object?>().Select(Scalar)) : Scalar(only);
        }

        // PowerShell enumerates any IEnumerable except strings and dictionaries.
        private static bool IsList(object? value) => value is IEnumerable && !(value is string) && !(value is IDictionary);

        private static string Scalar(object? value) => value switch
        {
            null => "",
            string text => text,
            double number => number.ToString("G15", CultureInfo.InvariantCulture),
            float number => number.ToString("G7", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
