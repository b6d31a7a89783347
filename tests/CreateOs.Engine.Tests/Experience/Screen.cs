using System.Text.RegularExpressions;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Experience;

/// <summary>What the user sees: the rendered host text without ANSI styling (headers are bold green in pwsh 7).</summary>
internal static partial class Screen
{
    public static string Of(PowerShellSession ps, string script, params object?[] args) => Ansi().Replace(ps.Render(script, args), "");

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();
}
