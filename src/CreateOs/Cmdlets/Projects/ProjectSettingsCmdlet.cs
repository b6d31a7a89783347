using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Models;

namespace CreateOs.Commands.Projects
{
    /// <summary>The build and runtime settings parameters shared by New-CreateOsProject and Set-CreateOsProjectSetting.</summary>
    public abstract class ProjectSettingsCmdlet : CreateOsCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(RuntimeCompleter))]
        public string? Runtime { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(FrameworkCompleter))]
        public string? Framework { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NumberRange(1, 65535)]
        public int Port { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? InstallCommand { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BuildCommand { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RunCommand { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BuildDir { get; set; }

        [Parameter]
        public string? BuildFlag { get; set; }

        [Parameter]
        public string? RunFlag { get; set; }

        /// <summary>The folder of the app inside the repository or upload (monorepos).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DirectoryPath { get; set; }

        /// <summary>Runtime environment variables (name = value).</summary>
        [Parameter]
        [Alias("Env")]
        public Hashtable? RunEnvs { get; set; }

        /// <summary>Build-time variables (name = value).</summary>
        [Parameter]
        public Hashtable? BuildVars { get; set; }

        /// <summary>Branches that do not trigger automatic deploys (vcs).</summary>
        [Parameter]
        public string[]? IgnoreBranches { get; set; }

        [Parameter]
        public SwitchParameter HasDockerfile { get; set; }

        /// <summary>Let Build AI detect how to build the app.</summary>
        [Parameter]
        public SwitchParameter UseBuildAI { get; set; }

        /// <summary>Applies the parameters the user gave to <paramref name="settings"/> and returns it.</summary>
        protected ProjectSettings ApplySettings(ProjectSettings settings)
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(Runtime))) settings.Runtime = Runtime;
            if (bound.ContainsKey(nameof(Framework))) settings.Framework = Framework;
            if (bound.ContainsKey(nameof(Port))) settings.Port = Port;
            if (bound.ContainsKey(nameof(InstallCommand))) settings.InstallCommand = InstallCommand;
            if (bound.ContainsKey(nameof(BuildCommand))) settings.BuildCommand = BuildCommand;
            if (bound.ContainsKey(nameof(RunCommand))) settings.RunCommand = RunCommand;
            if (bound.ContainsKey(nameof(BuildDir))) settings.BuildDir = BuildDir;
            if (bound.ContainsKey(nameof(BuildFlag))) settings.BuildFlag = BuildFlag;
            if (bound.ContainsKey(nameof(RunFlag))) settings.RunFlag = RunFlag;
            if (bound.ContainsKey(nameof(DirectoryPath))) settings.DirectoryPath = DirectoryPath;
            if (RunEnvs != null) settings.RunEnvs = VariableMaps.ToStringMap(RunEnvs, nameof(RunEnvs));
            if (BuildVars != null) settings.BuildVars = VariableMaps.ToStringMap(BuildVars, nameof(BuildVars));
            if (IgnoreBranches != null) settings.IgnoreBranches = IgnoreBranches.ToList();
            if (bound.ContainsKey(nameof(HasDockerfile))) settings.HasDockerfile = HasDockerfile.IsPresent;
            if (bound.ContainsKey(nameof(UseBuildAI)))
            {
                settings.UseBuildAI = UseBuildAI.IsPresent;
                if (UseBuildAI.IsPresent && settings.Runtime is null) settings.Runtime = "build-ai";
            }
            return settings;
        }

    }
}
