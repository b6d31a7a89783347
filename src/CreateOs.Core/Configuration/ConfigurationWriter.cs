using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Configuration
{
    /// <summary>
    /// Writes a configuration as a PowerShell data file (.psd1: only literals, tables and lists, so Import-PowerShellDataFile
    /// reads it without running code) or as JSON. Keys come in a fixed order and maps sorted by name, so two exports of the
    /// same state are byte-identical and a diff shows exactly what changed.
    /// </summary>
    public static class ConfigurationWriter
    {
        private static readonly Regex BareKey = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        public static string ToJson(FleetConfiguration configuration) => ToTree(configuration).ToString(Formatting.Indented) + "\n";

        public static string ToPsd1(FleetConfiguration configuration, IEnumerable<string>? headerComments = null)
        {
            var text = new StringBuilder();
            foreach (var line in headerComments ?? Enumerable.Empty<string>()) text.Append("# ").Append(line).Append('\n');
            WriteValue(text, ToTree(configuration), 0);
            text.Append('\n');
            return text.ToString();
        }

        /// <summary>The document as an ordered tree (what both formats are written from).</summary>
        public static JObject ToTree(FleetConfiguration configuration) => new JObject
        {
            ["Version"] = configuration.Version,
            ["Projects"] = new JArray(configuration.Projects.Select(ProjectTree)),
        };

        private static JObject ProjectTree(ProjectConfiguration project)
        {
            var tree = new JObject { ["UniqueName"] = project.UniqueName };
            Add(tree, "Id", project.Id);
            Add(tree, "DisplayName", project.DisplayName);
            Add(tree, "Description", project.Description);
            Add(tree, "Type", project.Type);
            Add(tree, "EnabledSecurityScan", project.EnabledSecurityScan);
            if (project.VcsInstallationId != null || project.VcsRepoId != null)
            {
                var source = new JObject();
                Add(source, "VcsInstallationId", project.VcsInstallationId);
                Add(source, "VcsRepoId", project.VcsRepoId);
                tree["Source"] = source;
            }
            if (project.Settings != null)
            {
                var settings = new JObject();
                foreach (var (file, api) in ConfigurationReader.SettingNames)
                {
                    if (!project.Settings.TryGetValue(api, out var value) || value is null) continue;
                    settings[file] = value switch
                    {
                        IDictionary<string, ConfigValue> map => ValuesTree(map),
                        IEnumerable<string> list => new JArray(list.ToArray()),
                        _ => JToken.FromObject(value),
                    };
                }
                tree["Settings"] = settings;
            }
            tree["Environments"] = new JArray(project.Environments.Select(EnvironmentTree));
            tree["Domains"] = new JArray(project.Domains.Select(DomainTree));
            tree["Cronjobs"] = new JArray(project.Cronjobs.Select(CronjobTree));
            return tree;
        }

        private static JObject EnvironmentTree(EnvironmentConfiguration environment)
        {
            var tree = new JObject { ["UniqueName"] = environment.UniqueName };
            Add(tree, "DisplayName", environment.DisplayName);
            Add(tree, "Description", environment.Description);
            Add(tree, "Branch", environment.Branch);
            Add(tree, "AutoPromote", environment.AutoPromote);
            Add(tree, "Port", environment.Port);
            if (environment.Cpu != null || environment.Memory != null || environment.Replicas != null)
            {
                var resources = new JObject();
                Add(resources, "Cpu", environment.Cpu);
                Add(resources, "Memory", environment.Memory);
                Add(resources, "Replicas", environment.Replicas);
                tree["Resources"] = resources;
            }
            if (environment.Variables != null) tree["Variables"] = ValuesTree(environment.Variables);
            return tree;
        }

        private static JObject DomainTree(DomainConfiguration domain)
        {
            var tree = new JObject { ["Name"] = domain.Name };
            if (domain.ManagesEnvironment) tree["Environment"] = domain.Environment is null ? JValue.CreateNull() : (JToken)domain.Environment;
            return tree;
        }

        private static JObject CronjobTree(CronjobConfiguration cronjob)
        {
            var tree = new JObject
            {
                ["Name"] = cronjob.Name,
                ["Environment"] = cronjob.Environment,
                ["Type"] = cronjob.Type,
                ["Schedule"] = cronjob.Schedule,
            };
            Add(tree, "Suspended", cronjob.Suspended);
            Add(tree, "Path", cronjob.Path);
            Add(tree, "Method", cronjob.Method);
            if (cronjob.Headers != null) tree["Headers"] = ValuesTree(cronjob.Headers);
            if (cronjob.Body != null) tree["Body"] = ValueTree(cronjob.Body);
            Add(tree, "TimeoutSec", cronjob.TimeoutSec);
            return tree;
        }

        private static JObject ValuesTree(IDictionary<string, ConfigValue> values)
        {
            var tree = new JObject();
            foreach (var pair in values.OrderBy(p => p.Key, StringComparer.Ordinal))
                tree[pair.Key] = ValueTree(pair.Value);
            return tree;
        }

        private static JToken ValueTree(ConfigValue value) => value.Reference is { } reference ? ReferenceTree(reference) : (JToken)(value.Literal ?? "");

        private static JObject ReferenceTree(SecretReference reference)
        {
            var tree = new JObject();
            Add(tree, "Secret", reference.Secret);
            Add(tree, "Vault", reference.Vault);
            Add(tree, "EnvironmentVariable", reference.EnvironmentVariable);
            return tree;
        }

        private static void Add(JObject tree, string key, object? value)
        {
            if (value != null) tree[key] = JToken.FromObject(value);
        }

        private static void WriteValue(StringBuilder text, JToken token, int depth)
        {
            switch (token)
            {
                case JObject table when !table.HasValues:
                    text.Append("@{}");
                    break;
                case JObject table:
                    text.Append("@{\n");
                    foreach (var property in table.Properties())
                    {
                        Indent(text, depth + 1);
                        text.Append(Key(property.Name)).Append(" = ");
                        WriteValue(text, property.Value, depth + 1);
                        text.Append('\n');
                    }
                    Indent(text, depth);
                    text.Append('}');
                    break;
                case JArray list when !list.HasValues:
                    text.Append("@()");
                    break;
                case JArray list:
                    text.Append("@(\n");
                    foreach (var item in list)
                    {
                        Indent(text, depth + 1);
                        WriteValue(text, item, depth + 1);
                        text.Append('\n');
                    }
                    Indent(text, depth);
                    text.Append(')');
                    break;
                case JValue value:
                    text.Append(Literal(value));
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected {token.Type} in a configuration.");
            }
        }

        private static string Literal(JValue value) => value.Type switch
        {
            JTokenType.Null or JTokenType.Undefined => "$null",
            JTokenType.Boolean => (bool)value.Value! ? "$true" : "$false",
            JTokenType.Integer => Convert.ToString(value.Value, CultureInfo.InvariantCulture)!,
            JTokenType.Float => Convert.ToString(value.Value, CultureInfo.InvariantCulture)!,
            _ => Quote(Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? ""),
        };

        private static string Key(string name) => BareKey.IsMatch(name) ? name : Quote(name);

        /// <summary>A single-quoted PowerShell string: every quote character PowerShell treats as one (' and the typographic ‘ ’ ‚ ‛) is doubled.</summary>
        public static string Quote(string value)
        {
            var text = new StringBuilder(value.Length + 2).Append('\'');
            foreach (var c in value)
            {
                text.Append(c);
                if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') text.Append(c);
            }
            return text.Append('\'').ToString();
        }

        private static void Indent(StringBuilder text, int depth) => text.Append(' ', depth * 4);
    }
}
