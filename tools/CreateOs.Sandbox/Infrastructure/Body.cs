using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Infrastructure;

/// <summary>A parsed JSON request body with typed, validating field accessors (every failure is a 400 naming the field).</summary>
public sealed class Body
{
    private readonly string _prefix;

    private Body(JsonObject json, string prefix = "")
    {
        Json = json;
        _prefix = prefix;
    }

    /// <summary>Wraps a nested object; <paramref name="prefix"/> (e.g. "source.") qualifies field names in errors.</summary>
    public static Body FromJson(JsonObject json, string prefix = "") => new(json, prefix);

    public JsonObject Json { get; }

    /// <summary>The qualifier of field names in error messages ("" for the top level).</summary>
    public string Prefix => _prefix;

    public static async Task<Body> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return new Body(new JsonObject());
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest("request body is not valid JSON");
        }
        return node as JsonObject is { } obj ? new Body(obj) : throw ApiException.BadRequest("request body must be a JSON object");
    }

    public bool Has(string name) => Json.ContainsKey(name);

    public bool IsNull(string name) => Json.TryGetPropertyValue(name, out var node) && node is null;

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } value ? value : throw ApiException.BadRequest($"{_prefix}{name} is required");

    public string? OptionalString(string name)
    {
        if (!Json.TryGetPropertyValue(name, out var node) || node is null) return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var text)) return text;
        throw ApiException.BadRequest($"{_prefix}{name} must be a string");
    }

    /// <summary>A string or a number, returned as a string (GitHub ids are int64 in responses but strings in requests).</summary>
    public string? OptionalIdString(string name)
    {
        if (!Json.TryGetPropertyValue(name, out var node) || node is null) return null;
        if (node is JsonValue value)
        {
            if (value.TryGetValue<string>(out var text)) return text;
            if (value.TryGetValue<long>(out var number)) return number.ToString(CultureInfo.InvariantCulture);
            if (value.TryGetValue<double>(out var d) && d == Math.Floor(d)) return ((long)d).ToString(CultureInfo.InvariantCulture);
        }
        throw ApiException.BadRequest($"{_prefix}{name} must be a string or an integer");
    }

    public bool? OptionalBool(string name)
    {
        if (!Json.TryGetPropertyValue(name, out var node) || node is null) return null;
        if (node is JsonValue value && value.TryGetValue<bool>(out var flag)) return flag;
        throw ApiException.BadRequest($"{_prefix}{name} must be a boolean");
    }

    public long? OptionalLong(string name) => ReadLong(Json, name, _prefix + name);

    public long RequiredLong(string name) => OptionalLong(name) ?? throw ApiException.BadRequest($"{_prefix}{name} is required");

    public JsonObject? OptionalObject(string name)
    {
        if (!Json.TryGetPropertyValue(name, out var node) || node is null) return null;
        return node as JsonObject ?? throw ApiException.BadRequest($"{_prefix}{name} must be an object");
    }

    public JsonObject RequiredObject(string name) => OptionalObject(name) ?? throw ApiException.BadRequest($"{_prefix}{name} is required");

    public JsonArray RequiredArray(string name)
    {
        if (!Json.TryGetPropertyValue(name, out var node) || node is null) throw ApiException.BadRequest($"{_prefix}{name} is required");
        return node as JsonArray ?? throw ApiException.BadRequest($"{_prefix}{name} must be an array");
    }

    public Guid? OptionalGuid(string name)
    {
        var text = OptionalString(name);
        if (text is null) return null;
        return Guid.TryParse(text, out var id) ? id : throw ApiException.BadRequest($"{_prefix}{name} must be a UUID");
    }

    public List<Guid> RequiredGuidList(string name)
    {
        var array = RequiredArray(name);
        if (array.Count == 0) throw ApiException.BadRequest($"{_prefix}{name} must not be empty");
        var ids = new List<Guid>();
        foreach (var item in array)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id)) ids.Add(id);
            else throw ApiException.BadRequest($"{_prefix}{name} must contain UUID strings");
        }
        return ids;
    }

    public static long? ReadLong(JsonObject json, string name, string fieldLabel)
    {
        if (!json.TryGetPropertyValue(name, out var node) || node is null) return null;
        if (node is JsonValue value)
        {
            if (value.TryGetValue<long>(out var number)) return number;
            if (value.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
            if (value.TryGetValue<decimal>(out var m) && m == Math.Floor(m)) return (long)m;
        }
        throw ApiException.BadRequest($"{fieldLabel} must be an integer");
    }
}
