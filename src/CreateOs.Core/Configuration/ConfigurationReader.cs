using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CreateOs.Core.Api;
using CreateOs.Core.Models;
using CreateOs.Core.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Configuration
{
    /// <summary>A configuration file that cannot be applied: where in the file (Projects[0].Environments[1].Cpu) and why.</summary>
    public sealed class ConfigurationException : Exception
    {
        public ConfigurationException(string location, string message)
            : base(location.Length == 0 ? message : $"{location}: {message}")
        {
            Location = location;
        }

        public string Location { get; }
    }

    /// <summary>
    /// Reads a configuration from plain data — what PowerShell's data-file parser makes of a .psd1 (hashtables, arrays,
    /// strings, numbers, booleans, null; keys case-insensitive) or a parsed JSON document — and checks every field
    /// against the platform's rules before anything is compared or sent. Unknown keys are errors (a typo would
    /// otherwise silently manage nothing).
    /// </summary>
    public static class ConfigurationReader
    {
        /// <summary>Project settings as written in the file (PascalCase) and as the API names them.</summary>
        internal static readonly IReadOnlyList<(string File, string Api)> SettingNames = new[]
        {
            ("Port", "port"), ("Runtime", "runtime"), ("Framework", "framework"), ("InstallCommand", "installCommand"), ("BuildCommand", "buildCommand"),
            ("RunCommand", "runCommand"), ("BuildDir", "buildDir"), ("BuildFlag", "buildFlag"), ("RunFlag", "runFlag"), ("DirectoryPath", "directoryPath"),
            ("RunEnvs", "runEnvs"), ("BuildVars", "buildVars"), ("IgnoreBranches", "ignoreBranches"), ("HasDockerfile", "hasDockerfile"), ("UseBuildAI", "useBuildAI"),
        };

        internal static readonly string[] SecretMapSettings = { "runEnvs", "buildVars" };

        public static FleetConfiguration FromJson(string json)
        {
            JToken token;
            try
            {
                using var reader = new JsonTextReader(new System.IO.StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
                token = JToken.Load(reader);
            }
            catch (JsonException ex)
            {
                throw new ConfigurationException("", "The file is not valid JSON: " + ex.Message);
            }
            return Read(FreeForm.ToValue(token));
        }

        public static FleetConfiguration Read(object? root)
        {
            var top = Table(root, "");
            Allow(top, "", "Version", "Projects");
            var version = Int(top, "", "Version") ?? FleetConfiguration.CurrentVersion;
            if (version != FleetConfiguration.CurrentVersion)
                throw new ConfigurationException("Version", $"Version {version} is not supported; this module reads version {FleetConfiguration.CurrentVersion}.");
            var configuration = new FleetConfiguration { Version = version };
            var projects = List(top, "", "Projects") ?? throw new ConfigurationException("", "The file has no Projects list.");
            for (var i = 0; i < projects.Count; i++) configuration.Projects.Add(ReadProject(projects[i], $"Projects[{i}]"));
            var duplicate = configuration.Projects.GroupBy(p => p.UniqueName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) throw new ConfigurationException("Projects", $"project '{duplicate.Key}' is listed {duplicate.Count()} times.");
            return configuration;
        }

        private static ProjectConfiguration ReadProject(object? value, string at)
        {
            var table = Table(value, at);
            Allow(table, at, "UniqueName", "Id", "DisplayName", "Description", "Type", "EnabledSecurityScan", "Source", "Settings", "Environments", "Domains", "Cronjobs");
            var project = new ProjectConfiguration
            {
                UniqueName = Check(at + ".UniqueName", () => { var name = RequiredString(table, at, "UniqueName"); CreateOsRules.UniqueName("UniqueName", name); return name; }),
                Id = String(table, at, "Id"),
                DisplayName = String(table, at, "DisplayName"),
                Description = String(table, at, "Description"),
                Type = String(table, at, "Type"),
                EnabledSecurityScan = Bool(table, at, "EnabledSecurityScan"),
            };
            Check(at, () =>
            {
                if (project.DisplayName != null) CreateOsRules.DisplayName("DisplayName", project.DisplayName);
                CreateOsRules.Description("Description", project.Description);
                if (project.Type != null && !CreateOsRules.ProjectTypes.Contains(project.Type))
                    throw new ValidationException("Type", project.Type, $"Type must be one of {string.Join(", ", CreateOsRules.ProjectTypes)}; got '{project.Type}'.");
                return true;
            });
            if (Optional(table, "Source") is { } source)
            {
                var sourceTable = Table(source, at + ".Source");
                Allow(sourceTable, at + ".Source", "VcsInstallationId", "VcsRepoId");
                project.VcsInstallationId = IdString(sourceTable, at + ".Source", "VcsInstallationId");
                project.VcsRepoId = IdString(sourceTable, at + ".Source", "VcsRepoId");
            }
            if (Optional(table, "Settings") is { } settings) project.Settings = ReadSettings(settings, at + ".Settings");

            var environments = List(table, at, "Environments") ?? new List<object?>();
            for (var i = 0; i < environments.Count; i++) project.Environments.Add(ReadEnvironment(environments[i], $"{at}.Environments[{i}]"));
            Unique(project.Environments.Select(e => e.UniqueName), at + ".Environments", "environment");

            var domains = List(table, at, "Domains") ?? new List<object?>();
            for (var i = 0; i < domains.Count; i++) project.Domains.Add(ReadDomain(domains[i], $"{at}.Domains[{i}]"));
            Unique(project.Domains.Select(d => d.Name), at + ".Domains", "domain");

            var cronjobs = List(table, at, "Cronjobs") ?? new List<object?>();
            if (cronjobs.Count > CronjobRules.MaxPerProject)
                throw new ConfigurationException(at + ".Cronjobs", $"a project may have at most {CronjobRules.MaxPerProject} cronjobs; the file lists {cronjobs.Count}.");
            for (var i = 0; i < cronjobs.Count; i++) project.Cronjobs.Add(ReadCronjob(cronjobs[i], $"{at}.Cronjobs[{i}]"));
            Unique(project.Cronjobs.Select(c => c.Name), at + ".Cronjobs", "cronjob");

            var known = new HashSet<string>(project.Environments.Select(e => e.UniqueName), StringComparer.OrdinalIgnoreCase);
            foreach (var (domain, i) in project.Domains.Select((d, i) => (d, i)))
                if (domain.Environment != null && !known.Contains(domain.Environment))
                    throw new ConfigurationException($"{at}.Domains[{i}].Environment", $"environment '{domain.Environment}' is not one of this project's environments in the file.");
            foreach (var (cronjob, i) in project.Cronjobs.Select((c, i) => (c, i)))
                if (!known.Contains(cronjob.Environment))
                    throw new ConfigurationException($"{at}.Cronjobs[{i}].Environment", $"environment '{cronjob.Environment}' is not one of this project's environments in the file.");
            return project;
        }

        private static SortedDictionary<string, object?> ReadSettings(object? value, string at)
        {
            var table = Table(value, at);
            var settings = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in table)
            {
                var name = SettingNames.FirstOrDefault(n => string.Equals(n.File, pair.Key, StringComparison.OrdinalIgnoreCase));
                if (name.Api is null) throw Unknown(at, pair.Key, SettingNames.Select(n => n.File));
                var where = $"{at}.{name.File}";
                settings[name.Api] = name.Api switch
                {
                    "port" => Check(where, () => { var port = ToInt(pair.Value, where); CreateOsRules.Port("Port", port); return (object?)port; }),
                    "runEnvs" or "buildVars" => pair.Value is null ? null : ReadValues(pair.Value, where),
                    "ignoreBranches" => pair.Value is null ? null : AsList(pair.Value, where).Select((b, i) => ToText(b, $"{where}[{i}]")).ToList(),
                    "hasDockerfile" or "useBuildAI" => pair.Value is null ? null : (object?)ToBool(pair.Value, where),
                    _ => Check(where, () =>
                    {
                        var text = pair.Value is null ? null : ToText(pair.Value, where);
                        if (text != null && text.Length > CreateOsRules.SettingStringMax)
                            throw new ValidationException(name.File, text, $"{name.File} may be at most {CreateOsRules.SettingStringMax} characters.");
                        return (object?)text;
                    }),
                };
            }
            return settings;
        }

        private static EnvironmentConfiguration ReadEnvironment(object? value, string at)
        {
            var table = Table(value, at);
            Allow(table, at, "UniqueName", "DisplayName", "Description", "Branch", "AutoPromote", "Port", "Resources", "Variables");
            var environment = new EnvironmentConfiguration
            {
                UniqueName = RequiredString(table, at, "UniqueName"),
                DisplayName = String(table, at, "DisplayName"),
                Description = String(table, at, "Description"),
                Branch = String(table, at, "Branch"),
                AutoPromote = Bool(table, at, "AutoPromote"),
                Port = Int(table, at, "Port"),
            };
            if (Optional(table, "Resources") is { } resources)
            {
                var where = at + ".Resources";
                var resourceTable = Table(resources, where);
                Allow(resourceTable, where, "Cpu", "Memory", "Replicas");
                environment.Cpu = Int(resourceTable, where, "Cpu");
                environment.Memory = Int(resourceTable, where, "Memory");
                environment.Replicas = Int(resourceTable, where, "Replicas");
            }
            if (Optional(table, "Variables") is { } variables) environment.Variables = ReadValues(variables, at + ".Variables");
            Check(at, () =>
            {
                CreateOsRules.UniqueName("UniqueName", environment.UniqueName);
                if (environment.DisplayName != null) CreateOsRules.DisplayName("DisplayName", environment.DisplayName);
                CreateOsRules.Description("Description", environment.Description);
                if (environment.Branch != null) CreateOsRules.Length("Branch", environment.Branch, 1, 255);
                CreateOsRules.Port("Port", environment.Port);
                if (environment.Cpu != null) CreateOsRules.Range("Cpu", environment.Cpu.Value, CreateOsRules.CpuMin, CreateOsRules.CpuMax);
                if (environment.Memory != null) CreateOsRules.Range("Memory", environment.Memory.Value, CreateOsRules.MemoryMin, CreateOsRules.MemoryMax);
                if (environment.Replicas != null) CreateOsRules.Range("Replicas", environment.Replicas.Value, CreateOsRules.ReplicasMin, CreateOsRules.ReplicasMax);
                return true;
            });
            return environment;
        }

        private static DomainConfiguration ReadDomain(object? value, string at)
        {
            var table = Table(value, at);
            Allow(table, at, "Name", "Environment");
            var name = RequiredString(table, at, "Name").Trim().ToLowerInvariant();
            Check(at + ".Name", () => { CreateOsRules.DomainName("Name", name); return true; });
            return new DomainConfiguration { Name = name, ManagesEnvironment = Has(table, "Environment"), Environment = String(table, at, "Environment") };
        }

        private static CronjobConfiguration ReadCronjob(object? value, string at)
        {
            var table = Table(value, at);
            Allow(table, at, "Name", "Environment", "Type", "Schedule", "Suspended", "Path", "Method", "Headers", "Body", "TimeoutSec");
            var cronjob = new CronjobConfiguration
            {
                Name = RequiredString(table, at, "Name"),
                Environment = RequiredString(table, at, "Environment"),
                Type = String(table, at, "Type") ?? "http",
                Schedule = RequiredString(table, at, "Schedule"),
                Suspended = Bool(table, at, "Suspended"),
                Path = String(table, at, "Path"),
                Method = String(table, at, "Method")?.ToUpperInvariant(),
                TimeoutSec = Int(table, at, "TimeoutSec"),
            };
            if (Optional(table, "Body") is { } body)
                cronjob.Body = body is IDictionary<string, object?> reference ? ConfigValue.Of(ReadReference(reference, at + ".Body")) : ConfigValue.Of(ToText(body, at + ".Body"));
            if (Optional(table, "Headers") is { } headers) cronjob.Headers = ReadValues(headers, at + ".Headers");
            Check(at, () =>
            {
                if (!CronjobRules.Types.Contains(cronjob.Type))
                    throw new ValidationException("Type", cronjob.Type, $"Type must be one of {string.Join(", ", CronjobRules.Types)}; got '{cronjob.Type}'.");
                var settings = cronjob.HasRequest ? new CronjobSettings
                {
                    Path = cronjob.Path ?? "",
                    Method = cronjob.Method ?? "GET",
                    // Header values may be secret references, resolved later: only the names are checked here.
                    Headers = cronjob.Headers?.ToDictionary(h => h.Key, _ => "x"),
                    Body = cronjob.Body?.Literal,
                    TimeoutInSeconds = cronjob.TimeoutSec,
                } : null;
                CronjobRules.Definition(cronjob.Name, cronjob.Schedule, settings);
                if (cronjob.Type == "http" && settings is null)
                    throw new ValidationException("Path", null, "An http cronjob needs Path (and Method): the request it makes.");
                return true;
            });
            return cronjob;
        }

        /// <summary>A name → value table whose values are text or secret references (@{ Secret = '...' } / @{ EnvironmentVariable = '...' }).</summary>
        private static SortedDictionary<string, ConfigValue> ReadValues(object? value, string at)
        {
            var table = Table(value, at);
            var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
            foreach (var pair in table)
            {
                var where = $"{at}.{pair.Key}";
                if (pair.Key.Length == 0 || pair.Key.Length > 255) throw new ConfigurationException(where, "a name must be 1 to 255 characters long.");
                values[pair.Key] = pair.Value switch
                {
                    null => throw new ConfigurationException(where, "has no value; remove the line to stop managing it (and run with -Prune to delete it)."),
                    IDictionary<string, object?> reference => ConfigValue.Of(ReadReference(reference, where)),
                    _ => ConfigValue.Of(ToText(pair.Value, where)),
                };
            }
            return values;
        }

        private static SecretReference ReadReference(IDictionary<string, object?> table, string at)
        {
            Allow(table, at, "Secret", "Vault", "EnvironmentVariable");
            var secret = String(table, at, "Secret");
            var environmentVariable = String(table, at, "EnvironmentVariable");
            if (secret is null && environmentVariable is null)
                throw new ConfigurationException(at, "a secret reference needs Secret (a SecretManagement name) or EnvironmentVariable.");
            return new SecretReference(secret, String(table, at, "Vault"), environmentVariable);
        }

        private static T Check<T>(string at, Func<T> check)
        {
            try
            {
                return check();
            }
            catch (ValidationException ex)
            {
                throw new ConfigurationException(at, ex.Message);
            }
        }

        private static void Unique(IEnumerable<string> names, string at, string what)
        {
            var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null) throw new ConfigurationException(at, $"{what} '{duplicate.Key}' is listed {duplicate.Count()} times.");
        }

        private static IDictionary<string, object?> Table(object? value, string at) =>
            value as IDictionary<string, object?> ?? throw new ConfigurationException(at, $"expected a table (@{{ ... }}), found {Describe(value)}.");

        private static List<object?> AsList(object? value, string at) => value switch
        {
            List<object?> list => list,
            IDictionary<string, object?> => new List<object?> { value }, // @( @{...} ) with one element may arrive unwrapped
            string => throw new ConfigurationException(at, $"expected a list (@( ... )), found {Describe(value)}."),
            IEnumerable many => many.Cast<object?>().ToList(),
            _ => throw new ConfigurationException(at, $"expected a list (@( ... )), found {Describe(value)}."),
        };

        private static void Allow(IDictionary<string, object?> table, string at, params string[] allowed)
        {
            foreach (var key in table.Keys)
                if (!allowed.Contains(key, StringComparer.OrdinalIgnoreCase)) throw Unknown(at, key, allowed);
        }

        private static ConfigurationException Unknown(string at, string key, IEnumerable<string> allowed) =>
            new ConfigurationException(at, $"unknown key '{key}'; allowed here: {string.Join(", ", allowed)}.");

        private static bool Has(IDictionary<string, object?> table, string key) => table.Keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

        private static object? Optional(IDictionary<string, object?> table, string key)
        {
            foreach (var pair in table)
                if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)) return pair.Value;
            return null;
        }

        private static List<object?>? List(IDictionary<string, object?> table, string at, string key) =>
            Optional(table, key) is { } value ? AsList(value, $"{Join(at, key)}") : null;

        private static string? String(IDictionary<string, object?> table, string at, string key) =>
            Optional(table, key) is { } value ? ToText(value, Join(at, key)) : null;

        private static string RequiredString(IDictionary<string, object?> table, string at, string key) =>
            String(table, at, key) is { Length: > 0 } text ? text : throw new ConfigurationException(Join(at, key), "is required.");

        private static string? IdString(IDictionary<string, object?> table, string at, string key) => Optional(table, key) switch
        {
            null => null,
            string text => text,
            long or int => Convert.ToString(Optional(table, key), CultureInfo.InvariantCulture),
            var other => throw new ConfigurationException(Join(at, key), $"expected an id, found {Describe(other)}."),
        };

        private static int? Int(IDictionary<string, object?> table, string at, string key) =>
            Optional(table, key) is { } value ? ToInt(value, Join(at, key)) : (int?)null;

        private static bool? Bool(IDictionary<string, object?> table, string at, string key) =>
            Optional(table, key) is { } value ? ToBool(value, Join(at, key)) : (bool?)null;

        private static string ToText(object? value, string at) => value switch
        {
            string text => text,
            int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            bool flag => flag ? "true" : "false",
            _ => throw new ConfigurationException(at, $"expected text, found {Describe(value)}."),
        };

        private static int ToInt(object? value, string at) => value switch
        {
            int number => number,
            long number when number >= int.MinValue && number <= int.MaxValue => (int)number,
            double number when number == Math.Floor(number) && Math.Abs(number) < int.MaxValue => (int)number,
            decimal number when number == Math.Floor(number) && Math.Abs(number) < int.MaxValue => (int)number,
            _ => throw new ConfigurationException(at, $"expected a whole number, found {Describe(value)}."),
        };

        private static bool ToBool(object? value, string at) =>
            value is bool flag ? flag : throw new ConfigurationException(at, $"expected $true or $false, found {Describe(value)}.");

        private static string Join(string at, string key) => at.Length == 0 ? key : at + "." + key;

        private static string Describe(object? value) => value switch
        {
            null => "$null",
            string => "text", // never echoed: it may be a secret written in the wrong place
            bool flag => flag ? "$true" : "$false",
            IDictionary<string, object?> => "a table",
            IEnumerable => "a list",
            _ => $"the value {Convert.ToString(value, CultureInfo.InvariantCulture)}",
        };
    }
}
