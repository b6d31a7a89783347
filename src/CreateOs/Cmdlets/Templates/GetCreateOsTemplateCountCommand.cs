using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Templates
{
    /// <summary>
    /// <para type="synopsis">Counts the listed marketplace templates, in total and per category, optionally for a name.</para>
    /// <para type="description">Categories lists each category with its number of listed templates; they are also what -Category of Get-CreateOsTemplate completes from.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsTemplateCount")]
    [OutputType(typeof(TemplateCount))]
    public sealed class GetCreateOsTemplateCountCommand : CreateOsCmdlet
    {
        /// <summary>Count only templates whose name contains this.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        protected override string ErrorNoun => "Template";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(Name, () => WriteObject(Await(ct => api.Templates.GetCountsAsync(Name, ct))));
        }
    }
}
