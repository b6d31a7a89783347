using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Environments
{
    /// <summary>
    /// <para type="synopsis">Tests whether an environment unique name is valid and still free in a project.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CreateOsEnvironmentName")]
    [OutputType(typeof(bool))]
    public sealed class TestCreateOsEnvironmentNameCommand : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string ProjectId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [Alias("UniqueName")]
        public string Name { get; set; } = "";

        protected override string ErrorNoun => "EnvironmentName";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(ct => api.Environments.CheckUniqueNameAsync(ProjectId, Name, ct)).IsAvailable));
        }
    }
}
