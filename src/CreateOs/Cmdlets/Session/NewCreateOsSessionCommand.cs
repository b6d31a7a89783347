using System.Management.Automation;
using CreateOs.Core;

namespace CreateOs.Commands.Session
{
    /// <summary>
    /// <para type="synopsis">Creates a new, empty session to connect and pass with -Session, beside the runspace's default one.</para>
    /// </summary>
    /// <remarks>
    /// The session type lives in the module's private load context on PowerShell 7, so a script cannot construct it
    /// itself; this is how a script holds two connections at once (two accounts, two wallets, a sandbox beside production).
    /// </remarks>
    [Cmdlet(VerbsCommon.New, "CreateOsSession")]
    [OutputType(typeof(CreateOsSession))]
    public sealed class NewCreateOsSessionCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject(new CreateOsSession());
    }
}
