using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core;

namespace CreateOs.Commands.Session
{
    /// <summary>
    /// <para type="synopsis">Shows the session: endpoints, whether an API key is set, the wallet address.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsContext")]
    [OutputType(typeof(CreateOsSession))]
    public sealed class GetCreateOsContextCommand : CreateOsCmdlet
    {
        protected override string ErrorNoun => "Session";

        protected override void ProcessRecord() => WriteObject(ActiveSession);
    }
}
