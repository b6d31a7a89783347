using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Configuration;

namespace CreateOs.Commands.Configuration
{
    /// <summary>
    /// <para type="synopsis">Writes the configuration of projects (settings, environments, variables, domains, cronjobs) to a .psd1 or JSON file, secrets as references.</para>
    /// <para type="description">Pipe projects in (Get-CreateOsProject | Export-CreateOsConfiguration -Path fleet.psd1). The .psd1 is a PowerShell data file: readable, diffable, and loaded by Import-PowerShellDataFile without running code; -Format Json (or a .json path) writes JSON. Values that look like secrets (by name: PASSWORD, TOKEN, KEY, SECRET, AUTH...; or by content: URLs with passwords, known key prefixes, long random strings) are written as references (@{ Secret = ...; EnvironmentVariable = ... }) and never in clear; -SecretVariable and -PlainVariable override the guess by name. Two exports of the same state are identical byte for byte.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "CreateOsConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportCreateOsConfigurationCommand : CreateOsCmdlet
    {
        private readonly List<string> _projectIds = new List<string>();

        /// <summary>The projects to export; bound from project objects (and anything with a ProjectId).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProjectIdCompleter))]
        public string[] ProjectId { get; set; } = Array.Empty<string>();

        /// <summary>The file to write (.psd1 or .json).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Psd1 or Json; by default from the file's extension (.json is JSON, anything else a PowerShell data file).</summary>
        [Parameter]
        [ValidateSet("Psd1", "Json")]
        public string? Format { get; set; }

        /// <summary>Variable and header names (wildcards allowed) always written as secret references.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? SecretVariable { get; set; }

        /// <summary>Variable and header names (wildcards allowed) written in clear even if they look like secrets: you decide they are not.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? PlainVariable { get; set; }

        /// <summary>How many projects are read at the same time: 1 to 32.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 5;

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override string ErrorNoun => "Configuration";

        protected override void ProcessRecord() => _projectIds.AddRange(ProjectId.Where(id => !_projectIds.Contains(id, StringComparer.OrdinalIgnoreCase)));

        protected override void EndProcessing()
        {
            if (_projectIds.Count == 0) return;
            var file = FileSystemPath.Resolve(this, Path);
            if (!TryInvoke(Path, () => SaveTarget.RequireWritable(file, Force))) return;
            var json = Format is null ? string.Equals(System.IO.Path.GetExtension(file), ".json", StringComparison.OrdinalIgnoreCase) : Format == "Json";
            var policy = new SecretPolicy { AlwaysSecret = Matcher(SecretVariable), NeverSecret = Matcher(PlainVariable) };
            var api = Api;

            var exported = new ProjectConfiguration?[_projectIds.Count];
            var failures = new Exception?[_projectIds.Count];
            Await(ct => Throttle.ForEachAsync(_projectIds, ThrottleLimit, async (id, index, token) =>
            {
                try
                {
                    var project = await api.Projects.GetAsync(id, token).ConfigureAwait(false);
                    exported[index] = ConfigurationExporter.Export(await ProjectState.LoadAsync(api, project, token).ConfigureAwait(false), policy);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && token.IsCancellationRequested))
                {
                    failures[index] = ex;
                }
            }, ct));
            for (var i = 0; i < failures.Length; i++)
                if (failures[i] != null) WriteFailure(failures[i]!, _projectIds[i]);
            var configuration = new FleetConfiguration { Projects = exported.Where(p => p != null).Select(p => p!).ToList() };
            if (configuration.Projects.Count == 0) return;

            var secrets = configuration.SecretReferences().Count;
            if (!ShouldProcess(file, $"Export {configuration.Projects.Count} project(s), {secrets} secret value(s) as references")) return;
            var text = json ? ConfigurationWriter.ToJson(configuration) : ConfigurationWriter.ToPsd1(configuration, new[]
            {
                "CreateOs configuration: read it with Import-PowerShellDataFile, compare it with Compare-CreateOsConfiguration,",
                "apply it with Sync-CreateOsConfiguration. Secret values are references (a SecretManagement name and an",
                "environment variable), resolved when the file is applied; they are never written here.",
            });
            TryInvoke(Path, () =>
            {
                // A BOM for the .psd1: Windows PowerShell 5.1 reads a data file without one in the ANSI code page.
                File.WriteAllText(file, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: !json));
                WriteVerbose($"Exported {configuration.Projects.Count} project(s) to {file}; {secrets} value(s) written as secret references.");
                if (PassThru) WriteObject(new FileInfo(file));
            });
        }

        private static Func<string, bool>? Matcher(string[]? patterns)
        {
            if (patterns is null || patterns.Length == 0) return null;
            var compiled = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            return name => compiled.Any(p => p.IsMatch(name));
        }
    }
}
