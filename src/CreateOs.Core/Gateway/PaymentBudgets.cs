using System;
using System.Globalization;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// The daily and monthly budgets as the user set them in the environment: unset means the safe default, 0 means no
    /// payments at all, and anything that is not a non-negative amount is refused — never silently replaced.
    /// </summary>
    public static class PaymentBudgets
    {
        public const string DailyVariable = "CREATEOS_DAILY_BUDGET_USD";
        public const string MonthlyVariable = "CREATEOS_MONTHLY_BUDGET_USD";

        /// <summary>The budget <paramref name="variable"/> sets; <paramref name="fallback"/> when it is unset or blank.</summary>
        public static decimal FromEnvironment(Func<string, string?> environment, string variable, decimal fallback)
        {
            var text = environment(variable);
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            if (!decimal.TryParse(text!.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw new BudgetConfigurationException(variable,
                    $"${variable} is '{Shorten(text!)}', which is not an amount of USD. Set it to a number such as 50 or 12.5 (0 means no payments), or remove it for the default of {fallback} USD. Nothing was paid.");
            if (value < 0)
                throw new BudgetConfigurationException(variable,
                    $"${variable} is {value.ToString(CultureInfo.InvariantCulture)}, but a budget cannot be negative. Set it to 0 for no payments, a positive amount of USD, or remove it for the default of {fallback} USD. Nothing was paid.");
            return value;
        }

        /// <summary>A budget set on the session: non-negative, or null for none.</summary>
        public static decimal? Check(decimal? value, string name)
        {
            if (value < 0) throw new ArgumentOutOfRangeException(name, value, "a budget cannot be negative (0 means no payments; $null means no budget)");
            return value;
        }

        private static string Shorten(string text)
        {
            var clean = Http.ServerText.Clean(text, singleLine: true);
            return clean.Length <= 40 ? clean : clean.Substring(0, 40) + "…";
        }
    }

    /// <summary>A budget variable that does not hold a non-negative amount: the session refuses to connect.</summary>
    public sealed class BudgetConfigurationException : ArgumentException
    {
        public BudgetConfigurationException(string variable, string message) : base(message) => Variable = variable;

        public string Variable { get; }
    }
}
