using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CreateOs.Core.Validation
{
    /// <summary>
    /// Checks a cronjob schedule locally: at most 256 characters, a macro (@hourly, @daily, @weekly, @monthly, @yearly,
    /// @annually) or five fields (minute hour day-of-month month day-of-week), each a comma list of *, ?, values or
    /// ranges with an optional /step, values within the field's range (months and weekdays also by name).
    /// </summary>
    public static class CronSchedule
    {
        public const int MaxLength = 256;

        public static readonly IReadOnlyList<string> Macros = new[] { "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly" };

        private static readonly string[] MonthNames = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
        private static readonly string[] DayNames = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

        private static readonly (string Name, int Min, int Max, string[]? Names)[] Fields =
        {
            ("minute", 0, 59, null),
            ("hour", 0, 23, null),
            ("day of month", 1, 31, null),
            ("month", 1, 12, MonthNames),
            ("day of week", 0, 7, DayNames),
        };

        public static void Validate(string field, string? schedule)
        {
            var text = schedule?.Trim() ?? "";
            if (text.Length == 0) throw new ValidationException(field, schedule, $"{field} is required: a cron expression such as '*/5 * * * *' or a macro such as @daily.");
            if (text.Length > MaxLength) throw new ValidationException(field, schedule, $"{field} may be at most {MaxLength} characters; it has {text.Length}.");
            if (text.StartsWith("@", StringComparison.Ordinal))
            {
                if (!Macros.Contains(text, StringComparer.OrdinalIgnoreCase))
                    throw new ValidationException(field, schedule, $"{field} '{text}' is not a known macro; use one of {string.Join(", ", Macros)} or five cron fields.");
                return;
            }
            var parts = text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != Fields.Length)
                throw new ValidationException(field, schedule, $"{field} '{text}' has {parts.Length} fields; a cron expression has five: minute hour day-of-month month day-of-week (e.g. '*/5 * * * *').");
            for (var i = 0; i < parts.Length; i++)
            {
                var error = CheckField(parts[i], Fields[i]);
                if (error != null) throw new ValidationException(field, schedule, $"{field} '{text}': the {Fields[i].Name} field '{parts[i]}' {error}.");
            }
        }

        private static string? CheckField(string part, (string Name, int Min, int Max, string[]? Names) spec)
        {
            foreach (var item in part.Split(','))
            {
                if (item.Length == 0) return "has an empty list item";
                var slash = item.IndexOf('/');
                var range = slash < 0 ? item : item.Substring(0, slash);
                if (slash >= 0)
                {
                    var step = item.Substring(slash + 1);
                    if (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var stepValue) || stepValue < 1 || stepValue > spec.Max)
                        return $"has an invalid step '{step}' (1 to {spec.Max})";
                }
                if (range == "*" || range == "?") continue;
                var dash = range.IndexOf('-');
                var bounds = dash < 0 ? new[] { range } : new[] { range.Substring(0, dash), range.Substring(dash + 1) };
                var values = new List<int>();
                foreach (var bound in bounds)
                {
                    var value = ValueOf(bound, spec);
                    if (value is null) return $"has '{bound}', which is not a {spec.Name} ({spec.Min} to {spec.Max}{(spec.Names is null ? "" : " or a name such as " + spec.Names[1])})";
                    values.Add(value.Value);
                }
                if (values.Count == 2 && values[0] > values[1]) return $"has the range '{range}', which runs backwards";
            }
            return null;
        }

        private static int? ValueOf(string text, (string Name, int Min, int Max, string[]? Names) spec)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return number >= spec.Min && number <= spec.Max ? number : (int?)null;
            if (spec.Names is null) return null;
            var index = Array.FindIndex(spec.Names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            return index < 0 ? (int?)null : index + (spec.Min == 1 ? 1 : 0);
        }
    }
}
