using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>
    /// PowerShell data (hashtables, arrays, PSObjects, what a .psd1 or a JSON file holds) as plain .NET values the core
    /// reads without knowing PowerShell: dictionaries with string keys, lists, strings, numbers, booleans and null.
    /// </summary>
    internal static class PlainData
    {
        public static object? ToPlain(object? value)
        {
            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in wrapped.Properties) properties[property.Name] = ToPlain(property.Value);
                    return properties;
                }
                value = wrapped.BaseObject;
            }
            switch (value)
            {
                case null:
                    return null;
                case string or bool or int or long or double or decimal or float or short or byte:
                    return value;
                case IDictionary dictionary:
                    var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary)
                        map[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = ToPlain(entry.Value);
                    return map;
                case IEnumerable items:
                    var list = new List<object?>();
                    foreach (var item in items) list.Add(ToPlain(item));
                    return list;
                case IFormattable formattable:
                    return formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
                default:
                    return value.ToString();
            }
        }

        /// <summary>A hashtable parameter as a plain dictionary (null stays null).</summary>
        public static Dictionary<string, object?>? ToMap(IDictionary? dictionary) => dictionary is null ? null : (Dictionary<string, object?>)ToPlain(dictionary)!;
    }
}
