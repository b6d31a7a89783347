using System;
using CreateOs.Core.Gateway;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// Test seams (PSResourceGet's InternalHooks pattern): internal statics a test host sets by reflection in its own
    /// process. No environment variable, parameter or session setting reaches them; unset they do nothing, so the shipped
    /// module carries no switch that changes what it does with money.
    /// </summary>
    internal static class InternalHooks
    {
        /// <summary>
        /// Runs after every payment journal write of a paid deploy or a resume. The crash trials
        /// (tests/CreateOs.Engine.Tests/Payments/CrashTrial.cs, through tools/CreateOs.Runner --halt-after-journal) stop
        /// the process here to prove that a run killed at any step never pays twice.
        /// </summary>
        internal static Action<PaymentRecord>? AfterJournalWrite = null;
    }
}
