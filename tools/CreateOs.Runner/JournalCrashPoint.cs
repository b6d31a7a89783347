using System.Reflection;

namespace CreateOs.Runner;

/// <summary>
/// Crash trials only (tests/CreateOs.Engine.Tests/Payments/CrashTrial.cs, bench reliability): sets the imported module's
/// internal <c>InternalHooks.AfterJournalWrite</c> by reflection, so this process writes "CREATEOS-HALTED &lt;state&gt; &lt;id&gt;"
/// to stderr right after the payment journal records that state and then hangs until the harness kills it. The module
/// itself has no way to turn this on.
/// </summary>
internal static class JournalCrashPoint
{
    public const string Option = "--halt-after-journal";

    private static string _haltAfter = "";

    /// <summary>Installs the hook in the CreateOs module loaded in this process; an unknown state name is an error.</summary>
    public static void Install(string haltAfter)
    {
        var module = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "CreateOs")
            ?? throw new InvalidOperationException("the CreateOs module is not loaded");
        var hook = module.GetType("CreateOs.Commands.Infrastructure.InternalHooks", throwOnError: true)!
            .GetField("AfterJournalWrite", BindingFlags.Static | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("CreateOs has no InternalHooks.AfterJournalWrite");
        var states = hook.FieldType.GetGenericArguments()[0].GetProperty("State")!.PropertyType.GetEnumNames();
        _haltAfter = states.FirstOrDefault(s => string.Equals(s, haltAfter, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{Option}: '{haltAfter}' is not a payment state ({string.Join(", ", states)})");
        // Action<PaymentRecord> binds to a method taking object: PaymentRecord lives in the module's own load context.
        hook.SetValue(null, Delegate.CreateDelegate(hook.FieldType, typeof(JournalCrashPoint).GetMethod(nameof(Halt), BindingFlags.Static | BindingFlags.NonPublic)!));
    }

    private static void Halt(object record)
    {
        var state = record.GetType().GetProperty("State")!.GetValue(record)!.ToString();
        if (state != _haltAfter) return;
        Console.Error.WriteLine("CREATEOS-HALTED " + state + " " + record.GetType().GetProperty("Id")!.GetValue(record));
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
