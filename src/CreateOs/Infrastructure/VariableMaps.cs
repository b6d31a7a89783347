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
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (variables is null) return map;
            foreach (DictionaryEntry entry in variables)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                CreateOsRules.VariableName(field, name);
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                if (value is null)
                {
                    throw new ValidationException(field, name, field == "Variables"
                        ? $"Variable '{name}' has no value; to delete it use Remove-CreateOsEnvironmentVariable -Name {name}."
                        : $"{field} variable '{name}' has no value; give it one (an empty string is allowed) or leave it out.");
                }
                map[name] = value switch
                {
                    bool b => b ? "true" : "false",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "",
                };
            }
            CreateOsRules.Variables(field, map);
            return map;
        }
    }
}
