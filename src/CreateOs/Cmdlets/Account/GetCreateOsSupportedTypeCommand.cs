using System;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Account
{
    /// <summary>
    /// <para type="synopsis">Gets the runtimes and frameworks CreateOS can build, with their editable settings.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CreateOsSupportedType")]
    [OutputType(typeof(SupportedProjectType))]
    public sealed class GetCreateOsSupportedTypeCommand : CreateOsCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateSet("runtime", "framework")]
        public string? Kind { get; set; }

        protected override string ErrorNoun => "SupportedType";

        protected override void ProcessRecord()
        {
            var api = Api;
            TryInvoke(null, () =>
            {
                var types = Await(ct => api.Account.GetSupportedTypesAsync(ct));
                WriteObject(types.Where(t => Kind is null || string.Equals(t.Type, Kind, StringComparison.OrdinalIgnoreCase)), enumerateCollection: true);
            });
        }
    }
}
