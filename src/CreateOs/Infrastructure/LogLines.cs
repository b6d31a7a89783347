using System.Collections.Generic;
using System.Linq;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>Turning polled log text into lines, and finding the ones a previous poll did not return.</summary>
    internal static class LogLines
    {
        public static IReadOnlyList<string> Split(string text) =>
            text.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0).ToList();

        /// <summary>The lines after the last one already written (a poll's window overlaps the previous one).</summary>
        public static IReadOnlyList<string> NewLines(IReadOnlyList<string> written, IReadOnlyList<string> polled)
        {
            if (written.Count == 0) return polled;
            var last = written[written.Count - 1];
            for (var i = polled.Count - 1; i >= 0; i--)
            {
                if (polled[i] == last) return polled.Skip(i + 1).ToList();
            }
            var seen = new HashSet<string>(written);
            return polled.Where(l => !seen.Contains(l)).ToList();
        }
    }
}
