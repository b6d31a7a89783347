using System.Management.Automation;
using CreateOs.Commands.Infrastructure;

namespace CreateOs.Commands.Apps
{
    /// <summary>A cmdlet about one app: -AppId binds from app objects (and projects' AppId).</summary>
    public abstract class AppCmdlet : CreateOsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string AppId { get; set; } = "";

        protected override string ErrorNoun => "App";
    }
}
