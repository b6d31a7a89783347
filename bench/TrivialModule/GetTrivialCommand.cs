using System.Management.Automation;

namespace TrivialModule
{
    [Cmdlet(VerbsCommon.Get, "Trivial")]
    [OutputType(typeof(string))]
    public sealed class GetTrivialCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("trivial");
    }
}
