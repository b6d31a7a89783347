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

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>The chains the module pays on, from its pinned table (offline), with their chain ids as tooltips.</summary>
    public sealed class ChainCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            return CreateOs.Core.Chain.TokenRegistry.Chains
                .Where(c => c.Name.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionResult(c.Name, c.Name, CompletionResultType.ParameterValue, $"{c.DisplayName} (chain id {c.ChainId})"))
                .ToList();
        }
    }

    /// <summary>
    /// The pinned tokens (offline); when -Chain is already on the command line, only that chain's tokens. Tokens refused
    /// by default (bridged USDT on Base) are offered only with -AllowUnofficialToken.
    /// </summary>
    public sealed class TokenCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            var chainFilter = fakeBoundParameters?["Chain"] switch
            {
                PSObject wrapped => wrapped.BaseObject?.ToString(),
                object[] many when many.Length > 0 => many[0]?.ToString(),
                object single => single.ToString(),
                _ => null,
            };
            var allowUnofficial = fakeBoundParameters?.Contains("AllowUnofficialToken") == true;
            return CreateOs.Core.Chain.TokenRegistry.Tokens
                .Where(t => chainFilter is null || string.Equals(t.Chain.Name, chainFilter, System.StringComparison.OrdinalIgnoreCase))
                .Where(t => allowUnofficial || !t.IsUnofficial || chainFilter is null)
                .GroupBy(t => t.Symbol.ToLowerInvariant())
                .Where(g => g.Key.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(g => new CompletionResult(g.Key, g.Key, CompletionResultType.ParameterValue,
                    string.Join("; ", g.Select(t => $"{t.Symbol} on {t.Chain.DisplayName}: {t.Address.ToChecksumString()}{(t.IsUnofficial ? " (unofficial, refused by default)" : "")}"))))
                .ToList();
        }
    }
}
