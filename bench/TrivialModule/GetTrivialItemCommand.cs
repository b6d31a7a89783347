using System.Management.Automation;

namespace TrivialModule
{
    /// <summary>The smallest typed object a module can show through a view of its own (One.format.ps1xml in the import bench).</summary>
    public sealed class TrivialItem
    {
        public string Name { get; set; }
        public int Count { get; set; }
    }

    [Cmdlet(VerbsCommon.Get, "TrivialItem")]
    [OutputType(typeof(TrivialItem))]
    public sealed class GetTrivialItemCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject(new TrivialItem { Name = "trivial", Count = 1 });
    }
}
