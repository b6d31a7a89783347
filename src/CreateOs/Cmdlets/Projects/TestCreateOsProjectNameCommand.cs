using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Projects
{
    /// <summary>
    /// <para type="synopsis">Tests whether a project unique name is valid and still free.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CreateOsProjectName")]
    [OutputType(typeof(bool))]
    public sealed class TestCreateOsProjectNameCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UniqueName")]
        public string Name { get; set; } = "";

        protected override string ErrorNoun => "ProjectName";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(ct => api.Projects.CheckUniqueNameAsync(Name, ct)).IsAvailable));
        }
    }
}
