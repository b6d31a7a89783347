using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Session
{
    /// <summary>
    /// <para type="synopsis">Forgets the API key (and the wallet) of the session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CreateOs")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCreateOsCommand : CreateOsCmdlet
    {
        protected override string ErrorNoun => "Session";

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            session.Disconnect();
            session.DisconnectWallet();
            WriteVerbose("Disconnected: the session holds no API key and no wallet.");
        }
    }
}
