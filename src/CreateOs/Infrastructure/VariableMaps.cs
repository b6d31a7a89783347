using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CreateOs.Core.Validation;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>Hashtables of variables (-RunEnvs, -BuildVars, -Variables) as the string maps the APIs take.</summary>
    internal static class VariableMaps
    {
        /// <summary>
        /// The map to send (values formatted invariantly; $null is refused), checked before any request: names POSIX and at
        /// most 255 characters, no line break in a name, no NUL in a value (<see cref="CreateOsRules.Variables"/>).
        /// </summary>
        /// <param name="variables">The hashtable the user gave.</param>
        /// <param name="field">The parameter, named in errors: RunEnvs, BuildVars or Variables.</param>
        public static Dictionary<string, string> ToStringMap(IDictionary? variables, string field)
        {
            var map = ToInvariantStrings(variables, field, name => field == "Variables"
                ? $"Variable '{name}' has no value; to delete it use Remove-CreateOsEnvironmentVariable -Name {name}."
                : $"{field} variable '{name}' has no value; give it one (an empty string is allowed) or leave it out.",
                name => CreateOsRules.VariableName(field, name));
            CreateOsRules.Variables(field, map);
            return map;
        }

        /// <summary>
        /// A hashtable of names to values (HTTP headers, ...) as strings formatted invariantly; $null is refused. The names
        /// are checked by the caller's own rules, not as variable names.
        /// </summary>
        public static Dictionary<string, string> ToInvariantStrings(IDictionary? values, string field) =>
            ToInvariantStrings(values, field, name => $"{field} '{name}' has no value; give it one (an empty string is allowed) or leave it out.", _ => { });

        private static Dictionary<string, string> ToInvariantStrings(IDictionary? values, string field, Func<string, string> noValue, Action<string> checkName)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (values is null) return map;
            foreach (DictionaryEntry entry in values)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                checkName(name);
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                if (value is null) throw new ValidationException(field, name, noValue(name));
                map[name] = value switch
                {
                    bool b => b ? "true" : "false",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "",
                };
            }
            return map;
        }
    }
}
