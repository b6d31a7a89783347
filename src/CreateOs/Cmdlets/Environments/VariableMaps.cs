using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using CreateOs.Core.Validation;

namespace CreateOs.Commands.Environments
{
    internal static class VariableMaps
    {
        /// <summary>A hashtable of variables as the string map the API takes (values formatted invariantly; $null is refused).</summary>
        public static Dictionary<string, string> ToStringMap(IDictionary? variables)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (variables is null) return map;
            foreach (DictionaryEntry entry in variables)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                if (name.Length == 0) throw new ValidationException("Variables", entry.Key, "A variable name may not be empty.");
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                if (value is null)
                    throw new ValidationException("Variables", name, $"Variable '{name}' has no value; to delete it use Remove-CreateOsEnvironmentVariable -Name {name}.");
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
