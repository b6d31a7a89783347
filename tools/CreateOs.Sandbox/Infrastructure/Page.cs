namespace CreateOs.Sandbox.Infrastructure;

/// <summary>limit (1–20, default 10) and offset (≥ 0) of a paginated list.</summary>
public readonly record struct Page(int Limit, int Offset)
{
    public static Page FromQuery(HttpRequest request)
    {
        var limit = Query.OptionalInt(request, "limit") ?? 10;
        var offset = Query.OptionalInt(request, "offset") ?? 0;
        if (limit is < 1 or > 20) throw ApiException.BadRequest("limit must be between 1 and 20");
        if (offset < 0) throw ApiException.BadRequest("offset must be 0 or greater");
        return new Page(limit, offset);
    }
}

public static class Query
{
    public static string? OptionalString(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static int? OptionalInt(HttpRequest request, string name)
    {
        var text = OptionalString(request, name);
        if (text is null) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"{name} must be an integer");
    }

    public static long? OptionalLong(HttpRequest request, string name)
    {
        var text = OptionalString(request, name);
        if (text is null) return null;
        return long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"{name} must be an integer");
    }

    public static bool? OptionalBool(HttpRequest request, string name)
    {
        var text = OptionalString(request, name);
        if (text is null) return null;
        return bool.TryParse(text, out var value) ? value : throw ApiException.BadRequest($"{name} must be true or false");
    }
}
