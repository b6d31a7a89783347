using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CreateOs.Core.Models;

namespace CreateOs.Core.Validation
{
    /// <summary>
    /// The platform's validation limits (reference §4), checked locally so that bad input fails before any request
    /// and, on the paid path, before any payment.
    /// </summary>
    public static class CreateOsRules
    {
        public static readonly Regex UniqueNamePattern = new Regex("^[a-zA-Z0-9-]+$", RegexOptions.CultureInvariant);
        public static readonly Regex DisplayNamePattern = new Regex("^[a-zA-Z0-9 _-]+$", RegexOptions.CultureInvariant);
        public static readonly Regex ColorPattern = new Regex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant);
        private static readonly Regex DomainPattern = new Regex(@"^(?=.{3,255}$)(?!-)([a-zA-Z0-9-]{1,63}(?<!-)\.)+[a-zA-Z]{2,63}$", RegexOptions.CultureInvariant);

        public const int UniqueNameMin = 4, UniqueNameMax = 32;
        public const int DisplayNameMin = 4, DisplayNameMax = 48;
        public const int DescriptionMin = 4, DescriptionMax = 2048;
        public const int SettingStringMax = 255;
        public const int CpuMin = 200, CpuMax = 500, MemoryMin = 500, MemoryMax = 1024, ReplicasMin = 1, ReplicasMax = 3;
        public const int MaxUploadFiles = 100;

        /// <summary>Variable names: POSIX (letters, digits, '_', not starting with a digit), at most the API's 255 characters.</summary>
        public static readonly Regex VariableNamePattern = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);
        public const int VariableNameMax = 255;
        public const string BuildAiRuntime = "build-ai";

        public static readonly IReadOnlyList<string> ProjectTypes = new[] { "vcs", "image", "upload" };

        /// <summary>The documented runtimes; GET /v1/projects/supported has the live list.</summary>
        public static readonly IReadOnlyList<string> KnownRuntimes = new[]
        {
            "node:18", "node:20", "node:22", "python:3.11", "python:3.12", "golang:1.22", "golang:1.25", "rust:1.75", "bun:1.1", "bun:1.3", "static", "build-ai",
        };

        /// <summary>The documented frameworks; GET /v1/projects/supported has the live list.</summary>
        public static readonly IReadOnlyList<string> KnownFrameworks = new[]
        {
            "nextjs", "reactjs-spa", "reactjs-ssr", "vuejs-spa", "vuejs-ssr", "nuxtjs", "astro", "remix", "express", "fastapi", "flask", "django", "gin", "fiber", "actix",
        };

        public static void UniqueName(string field, string? value) => NamePattern(field, value, UniqueNameMin, UniqueNameMax, UniqueNamePattern, "letters, digits and hyphens");

        public static void DisplayName(string field, string? value) => NamePattern(field, value, DisplayNameMin, DisplayNameMax, DisplayNamePattern, "letters, digits, spaces, '_' and '-'");

        public static void Description(string field, string? value)
        {
            if (value is null) return;
            Length(field, value, DescriptionMin, DescriptionMax);
        }

        public static void Length(string field, string? value, int min, int max)
        {
            var length = value?.Length ?? 0;
            if (length < min || length > max)
                throw new ValidationException(field, value, $"{field} must be {min} to {max} characters long; '{Shorten(value)}' has {length}.");
        }

        public static void Range(string field, int value, int min, int max)
        {
            if (value < min || value > max)
                throw new ValidationException(field, value, $"{field} must be between {min} and {max}; got {value}.");
        }

        public static void Port(string field, int? value)
        {
            if (value.HasValue) Range(field, value.Value, 1, 65535);
        }

        public static void Resources(int cpu, int memory, int replicas)
        {
            Range("Cpu", cpu, CpuMin, CpuMax);
            Range("Memory", memory, MemoryMin, MemoryMax);
            Range("Replicas", replicas, ReplicasMin, ReplicasMax);
        }

        public static void DomainName(string field, string? value)
        {
            Length(field, value, 3, 255);
            if (!DomainPattern.IsMatch(value!))
                throw new ValidationException(field, value, $"{field} '{value}' is not a valid domain name (for example api.example.com).");
        }

        public static void Color(string field, string? value)
        {
            if (value is null) return;
            if (!ColorPattern.IsMatch(value))
                throw new ValidationException(field, value, $"{field} must be a colour like #3B82F6; got '{value}'.");
        }

        /// <summary>Settings rules per project type (reference §6): what is required and what is not allowed.</summary>
        public static void ProjectSettings(string type, ProjectSettings settings)
        {
            if (!ProjectTypes.Contains(type))
                throw new ValidationException("Type", type, $"Type must be one of {string.Join(", ", ProjectTypes)}; got '{type}'.");
            Port("Port", settings.Port);
            foreach (var (name, text) in SettingStrings(settings))
            {
                if (text != null && text.Length > SettingStringMax)
                    throw new ValidationException(name, text, $"{name} may be at most {SettingStringMax} characters; it has {text.Length}.");
            }
            if (settings.Runtime != null && !KnownRuntimes.Contains(settings.Runtime))
                throw new ValidationException("Runtime", settings.Runtime, $"Runtime '{settings.Runtime}' is not supported. Supported runtimes: {string.Join(", ", KnownRuntimes)}.");
            if (settings.Runtime == BuildAiRuntime && settings.UseBuildAI != true)
                throw new ValidationException("Runtime", settings.Runtime, $"Runtime '{BuildAiRuntime}' is accepted only together with Build AI: pass -UseBuildAI instead of -Runtime {BuildAiRuntime}.");
            Variables("RunEnvs", settings.RunEnvs);
            Variables("BuildVars", settings.BuildVars);
            if (settings.Framework != null && !KnownFrameworks.Contains(settings.Framework))
                throw new ValidationException("Framework", settings.Framework, $"Framework '{settings.Framework}' is not supported. Supported frameworks: {string.Join(", ", KnownFrameworks)}.");

            switch (type)
            {
                case "image":
                    if (settings.Port is null)
                        throw new ValidationException("Port", null, "An image project needs -Port: the port the container listens on.");
                    var extra = SettingStrings(settings).Where(s => s.Value != null).Select(s => s.Name).ToList();
                    if (settings.BuildVars != null) extra.Add("BuildVars");
                    if (settings.IgnoreBranches != null) extra.Add("IgnoreBranches");
                    if (settings.HasDockerfile == true) extra.Add("HasDockerfile");
                    if (settings.UseBuildAI == true) extra.Add("UseBuildAI");
                    if (extra.Count > 0)
                        throw new ValidationException(extra[0], null, $"An image project takes only -Port and -RunEnvs; remove {string.Join(", ", extra)}.");
                    break;
                case "upload":
                    if (settings.Framework is null && settings.UseBuildAI != true && settings.HasDockerfile != true)
                        throw new ValidationException("Framework", null, "An upload project needs -Framework, or -UseBuildAI to let Build AI detect it, or -HasDockerfile.");
                    if (settings.IgnoreBranches != null)
                        throw new ValidationException("IgnoreBranches", null, "IgnoreBranches applies to VCS projects only.");
                    break;
                case "vcs":
                    if (settings.Framework is null && settings.Runtime is null && settings.UseBuildAI != true && settings.HasDockerfile != true)
                        throw new ValidationException("Runtime", null, "A VCS project needs -Runtime when no -Framework is given.");
                    break;
            }
        }

        /// <summary>
        /// Every name and value of a variable map (run or build variables): names as <see cref="VariableName"/> checks them,
        /// values without NUL (no process environment can hold one).
        /// </summary>
        public static void Variables(string field, IEnumerable<KeyValuePair<string, string>>? variables)
        {
            if (variables is null) return;
            foreach (var pair in variables)
            {
                VariableName(field, pair.Key);
                if (pair.Value != null && pair.Value.IndexOf('\0') >= 0)
                    throw new ValidationException(field, pair.Key, $"The value of variable '{pair.Key}' in {field} contains a NUL character (U+0000), which no process environment can hold; remove it.");
            }
        }

        /// <summary>A POSIX variable name (<c>[A-Za-z_][A-Za-z0-9_]*</c>) of at most 255 characters, with a precise reason when it is not.</summary>
        public static void VariableName(string field, string? name)
        {
            if (string.IsNullOrEmpty(name))
                throw new ValidationException(field, name, $"A variable name in {field} may not be empty.");
            var shown = Printable(name!);
            for (var i = 0; i < name!.Length; i++)
            {
                var c = name[i];
                if (c == '\n' || c == '\r')
                    throw new ValidationException(field, name, $"Variable name '{shown}' in {field} holds a line break at position {i + 1}; names are letters, digits and '_' on one line (check for a stray newline in the key).");
                if (char.IsControl(c))
                    throw new ValidationException(field, name, $"Variable name '{shown}' in {field} holds the control character U+{(int)c:X4} at position {i + 1}; names are letters, digits and '_'.");
            }
            if (name.Length > VariableNameMax)
                throw new ValidationException(field, name, $"Variable name '{Shorten(name)}' in {field} has {name.Length} characters; at most {VariableNameMax} are allowed.");
            if (VariableNamePattern.IsMatch(name)) return;
            var bad = 0;
            while (bad < name.Length && (char.IsLetterOrDigit(name[bad]) && name[bad] < 128 || name[bad] == '_')) bad++;
            var problem = bad < name.Length
                ? (name[bad] == ' ' ? "a space" : $"'{name[bad]}'") + $" at position {bad + 1}"
                : "a digit first";
            throw new ValidationException(field, name,
                $"Variable name '{shown}' in {field} is not a valid environment variable name ({problem}): use letters A-Z and a-z, digits and '_', not starting with a digit (for example API_KEY).");
        }

        private static string Printable(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

        private static IEnumerable<(string Name, string? Value)> SettingStrings(ProjectSettings s)
        {
            yield return ("InstallCommand", s.InstallCommand);
            yield return ("BuildCommand", s.BuildCommand);
            yield return ("RunCommand", s.RunCommand);
            yield return ("BuildDir", s.BuildDir);
            yield return ("BuildFlag", s.BuildFlag);
            yield return ("RunFlag", s.RunFlag);
            yield return ("DirectoryPath", s.DirectoryPath);
            yield return ("Runtime", s.Runtime);
            yield return ("Framework", s.Framework);
        }

        private static void NamePattern(string field, string? value, int min, int max, Regex pattern, string allowed)
        {
            Length(field, value, min, max);
            if (!pattern.IsMatch(value!))
                throw new ValidationException(field, value, $"{field} '{value}' may contain only {allowed}.");
        }

        private static string Shorten(string? value) => value is null ? "" : value.Length <= 60 ? value : value.Substring(0, 57) + "...";
    }
}
