using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using CreateOs.Core;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// The default session of each runspace. Keyed by the runspace object, so ForEach-Object -Parallel or a new
    /// runspace never sees another's session, and a closed runspace takes its session with it.
    /// </summary>
    internal static class SessionStore
    {
        private static readonly ConditionalWeakTable<Runspace, CreateOsSession> Sessions = new ConditionalWeakTable<Runspace, CreateOsSession>();
        private static readonly CreateOsSession NoRunspaceSession = new CreateOsSession();

        public static CreateOsSession GetOrCreate(PSCmdlet cmdlet)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace is null) return NoRunspaceSession;
            return Sessions.GetValue(runspace, _ => NewSession(cmdlet));
        }

        /// <summary>The runspace's default session if one was created already (completers must not create one).</summary>
        public static CreateOsSession? TryGetExisting()
        {
            var runspace = Runspace.DefaultRunspace;
            return runspace != null && Sessions.TryGetValue(runspace, out var session) ? session : null;
        }

        public static CreateOsSession NewSession(PSCmdlet cmdlet) => new CreateOsSession { UserAgent = UserAgentFor(cmdlet) };

        /// <summary>"CreateOs/0.1.0 (PowerShell 7.6.9; Core; Linux)": the module version and the PowerShell edition.</summary>
        public static string UserAgentFor(PSCmdlet cmdlet)
        {
            var moduleVersion = typeof(SessionStore).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            string psVersion = "unknown", edition = "Desktop";
            if (cmdlet.SessionState?.PSVariable.GetValue("PSVersionTable") is IDictionary table)
            {
                psVersion = table["PSVersion"]?.ToString() ?? psVersion;
                edition = table["PSEdition"]?.ToString() ?? edition;
            }
            return $"CreateOs/{moduleVersion} (PowerShell {psVersion}; {edition}; {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Split(' ')[0]})";
        }
    }
}
