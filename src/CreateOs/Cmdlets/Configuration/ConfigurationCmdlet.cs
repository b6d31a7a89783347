using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.InteropServices;
using System.Security;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Api;
using CreateOs.Core.Configuration;

namespace CreateOs.Commands.Configuration
{
    /// <summary>
    /// The base of Compare- and Sync-CreateOsConfiguration: reads the file (a .psd1 through PowerShell's data-file parser,
    /// which evaluates literals only and never runs code, or JSON), resolves its secret references, reads the projects'
    /// state concurrently (-ThrottleLimit) and plans each project's changes.
    /// </summary>
    public abstract class ConfigurationCmdlet : CreateOsCmdlet
    {
        protected const string PathSet = "Path";
        protected const string DataSet = "Configuration";

        /// <summary>The configuration file: .psd1 (PowerShell data file) or .json, as Export-CreateOsConfiguration writes it.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The configuration as data, e.g. from Import-PowerShellDataFile or a hashtable built in a script.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DataSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public IDictionary? Configuration { get; set; }

        /// <summary>Also remove what the server has and the file does not (environments, domains, cronjobs, variables of the projects in the file). Projects are never removed.</summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        /// <summary>How many projects are read (and changed) at the same time: 1 to 32.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 5;

        protected override string ErrorNoun => "Configuration";

        /// <summary>The file or data, checked completely; a bad file stops the command before any request.</summary>
        protected FleetConfiguration ReadConfiguration()
        {
            try
            {
                if (ParameterSetName == DataSet) return ConfigurationReader.Read(PlainData.ToPlain(Configuration));
                var path = FileSystemPath.ResolveExisting(this, Path);
                if (string.Equals(System.IO.Path.GetExtension(path), ".json", StringComparison.OrdinalIgnoreCase))
                    return ConfigurationReader.FromJson(File.ReadAllText(path));
                return ConfigurationReader.Read(PlainData.ToPlain(DataFile.Read(path)));
            }
            catch (Exception ex) when (ex is ConfigurationException || ex is IOException || ex is ItemNotFoundException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ex is ConfigurationException ? "CreateOs.ConfigurationInvalid" : "CreateOs.ConfigurationFileError",
                    ex is ConfigurationException ? ErrorCategory.InvalidData : ErrorCategory.ReadError, ParameterSetName == PathSet ? Path : (object?)Configuration)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Fix the file where the message says (Export-CreateOsConfiguration writes a valid one); nothing was sent." },
                });
                throw; // unreachable
            }
        }

        /// <summary>
        /// The value of every secret reference, looked up on the pipeline thread: Get-Secret (SecretManagement) when that
        /// command exists in the session, else the environment variable. Values stay in memory; only where they come from
        /// is ever written.
        /// </summary>
        protected Dictionary<SecretReference, string?> ResolveSecrets(FleetConfiguration configuration)
        {
            var resolved = new Dictionary<SecretReference, string?>();
            var references = configuration.SecretReferences();
            if (references.Count == 0) return resolved;
            var getSecret = InvokeCommand.GetCommand("Get-Secret", CommandTypes.All) != null;
            foreach (var reference in references)
            {
                string? value = null;
                if (reference.Secret != null && getSecret) value = FromSecretManagement(reference);
                if (value is null && reference.EnvironmentVariable != null) value = Environment.GetEnvironmentVariable(reference.EnvironmentVariable);
                if (value is null)
                    WriteWarning($"No value found in {reference}{(getSecret ? "" : " (Get-Secret is not available in this session)")}: values that use it cannot be compared or set.");
                else
                    WriteVerbose($"Found the value of {reference}.");
                resolved[reference] = value;
            }
            return resolved;
        }

        private string? FromSecretManagement(SecretReference reference)
        {
            try
            {
                var script = InvokeCommand.NewScriptBlock("param($name, $vault) if ($vault) { Get-Secret -Name $name -Vault $vault -AsPlainText -ErrorAction Stop } else { Get-Secret -Name $name -AsPlainText -ErrorAction Stop }");
                var result = InvokeCommand.InvokeScript(false, script, null, reference.Secret, reference.Vault).FirstOrDefault()?.BaseObject;
                return result switch
                {
                    string text => text,
                    SecureString secure => Plain(secure),
                    PSCredential credential => Plain(credential.Password),
                    _ => null,
                };
            }
            catch (RuntimeException ex)
            {
                WriteVerbose($"Get-Secret could not read '{reference.Secret}': {ex.Message}");
                return null;
            }
        }

        private static string Plain(SecureString secure)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer) ?? "";
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>
        /// Reads every project's state (-ThrottleLimit at a time) and plans it; a project that cannot be read is reported
        /// as an error for that project and left out, the others go on. Plans come back in file order.
        /// </summary>
        protected IReadOnlyList<ProjectPlan> PlanAll(CreateOsClient api, FleetConfiguration configuration, Dictionary<SecretReference, string?> secrets, Action<ProjectConfiguration, Exception>? onFailure = null)
        {
            var planner = new ConfigurationPlanner(new SecretPolicy(), reference => secrets.TryGetValue(reference, out var value) ? value : null, Prune);
            var plans = new ProjectPlan?[configuration.Projects.Count];
            var failures = new Exception?[configuration.Projects.Count];
            var done = 0;
            var bar = new ProgressRecord(ProgressId, "Reading the projects' state", "Starting");
            try
            {
                Await(ct => Throttle.ForEachAsync(configuration.Projects, ThrottleLimit, async (project, index, token) =>
                {
                    try
                    {
                        var state = await ProjectState.FindAsync(api, project.UniqueName, project.Id, token).ConfigureAwait(false);
                        plans[index] = planner.Plan(project, state);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException && token.IsCancellationRequested))
                    {
                        failures[index] = ex;
                    }
                    var count = System.Threading.Interlocked.Increment(ref done);
                    var total = configuration.Projects.Count;
                    OnPipelineThread(() => WriteProgress(new ProgressRecord(ProgressId, "Reading the projects' state", $"{count} of {total}") { PercentComplete = 100 * count / total }));
                }, ct));
            }
            finally
            {
                CompleteProgress(bar);
            }
            for (var i = 0; i < failures.Length; i++)
            {
                if (failures[i] is not { } failure) continue;
                WriteFailure(failure, configuration.Projects[i].UniqueName);
                onFailure?.Invoke(configuration.Projects[i], failure);
            }
            var result = plans.Where(p => p != null).Select(p => p!).ToList();
            foreach (var warning in result.SelectMany(p => p.Warnings)) WriteWarning(warning);
            return result;
        }

        protected int ProgressId => Math.Abs(GetType().FullName!.GetHashCode() % 100000) + 1;
    }

    /// <summary>PowerShell's own reading of a data file (what Import-PowerShellDataFile does): parse, find the table, evaluate literals only.</summary>
    internal static class DataFile
    {
        public static object? Read(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0)
                throw new ConfigurationException("", $"'{path}' is not a valid PowerShell data file: {errors[0].Message} (line {errors[0].Extent.StartLineNumber}).");
            var table = ast.Find(a => a is HashtableAst, false) as HashtableAst
                ?? throw new ConfigurationException("", $"'{path}' holds no table (@{{ ... }}); it is not a configuration file.");
            try
            {
                return table.SafeGetValue();
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is RuntimeException)
            {
                throw new ConfigurationException("", $"'{path}' contains something other than data (only text, numbers, $true/$false/$null, @{{}} and @() are allowed): {ex.Message}");
            }
        }
    }
}
