using System;
using System.Collections.Generic;
using System.Linq;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Configuration
{
    /// <summary>
    /// Turns a project's current state into its configuration: everything the file can manage, with every value the
    /// <see cref="SecretPolicy"/> calls secret written as a reference (the value itself never leaves the server).
    /// </summary>
    public static class ConfigurationExporter
    {
        public static ProjectConfiguration Export(ProjectState state, SecretPolicy policy)
        {
            var project = state.Project;
            var configuration = new ProjectConfiguration
            {
                UniqueName = project.UniqueName,
                Id = project.Id,
                DisplayName = project.DisplayName,
                Description = project.Description,
                Type = project.Type,
                EnabledSecurityScan = project.EnabledSecurityScan,
                VcsInstallationId = project.Type == "vcs" ? project.Source?.VcsInstallationId : null,
                VcsRepoId = project.Type == "vcs" ? project.Source?.VcsRepoId : null,
                Settings = Settings(project, policy),
            };
            foreach (var environment in state.Environments.OrderBy(e => e.UniqueName, StringComparer.Ordinal))
            {
                configuration.Environments.Add(new EnvironmentConfiguration
                {
                    UniqueName = environment.UniqueName,
                    DisplayName = environment.DisplayName,
                    Description = environment.Description,
                    Branch = environment.Branch,
                    AutoPromote = environment.IsAutoPromoteEnabled,
                    Port = environment.Settings.Port,
                    Cpu = environment.Resources.Cpu,
                    Memory = environment.Resources.Memory,
                    Replicas = environment.Resources.Replicas,
                    Variables = Values(environment.Settings.RunEnvs, project.UniqueName, environment.UniqueName, policy),
                });
            }
            foreach (var domain in state.Domains.OrderBy(d => d.Name, StringComparer.Ordinal))
                configuration.Domains.Add(new DomainConfiguration { Name = domain.Name, ManagesEnvironment = true, Environment = state.EnvironmentById(domain.EnvironmentId)?.UniqueName });
            foreach (var cronjob in state.Cronjobs.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var scope = "cronjob-" + cronjob.Name;
                var body = cronjob.Settings?.Body;
                configuration.Cronjobs.Add(new CronjobConfiguration
                {
                    Name = cronjob.Name,
                    Environment = state.EnvironmentById(cronjob.EnvironmentId)?.UniqueName ?? cronjob.EnvironmentId,
                    Type = cronjob.Type,
                    Schedule = cronjob.Schedule,
                    Suspended = cronjob.IsSuspended,
                    Path = cronjob.Settings?.Path,
                    Method = cronjob.Settings?.Method,
                    Headers = cronjob.Settings?.Headers is { } headers ? Values(headers, project.UniqueName, scope, policy) : null,
                    Body = body is null ? null : policy.IsSecret("Body", body) ? ConfigValue.Of(SecretPolicy.ReferenceFor(project.UniqueName, scope, "Body")) : ConfigValue.Of(body),
                    TimeoutSec = cronjob.Settings?.TimeoutInSeconds,
                });
            }
            return configuration;
        }

        private static SortedDictionary<string, object?>? Settings(Project project, SecretPolicy policy)
        {
            if (project.Settings is null) return null;
            var json = JObject.FromObject(project.Settings, Json.Serializer);
            var settings = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (_, api) in ConfigurationReader.SettingNames)
            {
                var token = json[api];
                if (token is null || token.Type == JTokenType.Null) continue;
                settings[api] = api switch
                {
                    "runEnvs" => Values(project.Settings.RunEnvs!, project.UniqueName, "project", policy),
                    "buildVars" => Values(project.Settings.BuildVars!, project.UniqueName, "build", policy),
                    "ignoreBranches" => project.Settings.IgnoreBranches!.ToList(),
                    _ => FreeForm.ToValue(token) is long number ? (object?)(int)number : FreeForm.ToValue(token),
                };
            }
            return settings;
        }

        private static SortedDictionary<string, ConfigValue> Values(IDictionary<string, string> values, string project, string scope, SecretPolicy policy)
        {
            var result = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
            foreach (var pair in values)
                result[pair.Key] = policy.IsSecret(pair.Key, pair.Value) ? ConfigValue.Of(SecretPolicy.ReferenceFor(project, scope, pair.Key)) : ConfigValue.Of(pair.Value);
            return result;
        }
    }
}
