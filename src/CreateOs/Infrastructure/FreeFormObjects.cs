using System.Collections.Generic;
using System.Management.Automation;
using CreateOs.Core.Models;
using Newtonsoft.Json.Linq;

namespace CreateOs.Commands.Infrastructure
{
    /// <summary>Free-form API objects (schema unknown) as PSCustomObjects, with the ids that make them pipe.</summary>
    internal static class FreeFormObjects
    {
        public static PSObject ToPSObject(JObject json, params (string Name, object? Value)[] extra)
        {
            var result = new PSObject();
            foreach (var (name, value) in extra) result.Properties.Add(new PSNoteProperty(name, value));
            foreach (var property in json.Properties())
            {
                if (result.Properties[property.Name] != null) continue;
                result.Properties.Add(new PSNoteProperty(property.Name, ToValue(FreeForm.ToValue(property.Value))));
            }
            return result;
        }

        private static object? ToValue(object? value) => value switch
        {
            IDictionary<string, object?> map => ToPSObject(map),
            List<object?> list => list.ConvertAll(ToValue).ToArray(),
            _ => value,
        };

        private static PSObject ToPSObject(IDictionary<string, object?> map)
        {
            var result = new PSObject();
            foreach (var pair in map) result.Properties.Add(new PSNoteProperty(pair.Key, ToValue(pair.Value)));
            return result;
        }
    }
}
