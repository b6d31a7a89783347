using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CreateOs.Core.Validation;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>Completes from a fixed list, case-insensitively by prefix; never throws.</summary>
    public abstract class FixedListCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return Values
                .Where(v => v.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, v))
                .ToList();
        }

        internal static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '$', '`', '\'', '"', ';', '(', ')', '{', '}', '@', '#', ',' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }

    public sealed class RuntimeCompleter : FixedListCompleter
    {
        protected override IEnumerable<string> Values => CreateOsRules.KnownRuntimes;
    }

    public sealed class FrameworkCompleter : FixedListCompleter
    {
        protected override IEnumerable<string> Values => CreateOsRules.KnownFrameworks;
    }
}
