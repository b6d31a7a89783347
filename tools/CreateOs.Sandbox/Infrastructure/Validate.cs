using System.Globalization;
using System.Text.RegularExpressions;

namespace CreateOs.Sandbox.Infrastructure;

/// <summary>The field rules of reference §4; every violation is a 400 naming the field.</summary>
public static partial class Validate
{
    [GeneratedRegex("^[a-zA-Z0-9-]+$")] private static partial Regex UniqueNamePattern();
    [GeneratedRegex("^[a-zA-Z0-9 _-]+$")] private static partial Regex DisplayNamePattern();
    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")] private static partial Regex ColorPattern();
    [GeneratedRegex(@"^(?=.{3,255}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")] private static partial Regex DomainPattern();

    public static void Length(string field, string value, int min, int max)
    {
        if (value.Length < min || value.Length > max)
            throw ApiException.BadRequest($"{field} must be between {min} and {max} characters");
    }

    public static void UniqueName(string field, string value)
    {
        Length(field, value, 4, 32);
        if (!UniqueNamePattern().IsMatch(value))
            throw ApiException.BadRequest($"{field} may contain only letters, digits and hyphens");
    }

    public static void DisplayName(string field, string value)
    {
        Length(field, value, 4, 48);
        Pattern(field, value);
    }

    /// <summary>The displayName character set: letters, digits, space, underscore, hyphen.</summary>
    public static void Pattern(string field, string value)
    {
        if (!DisplayNamePattern().IsMatch(value))
            throw ApiException.BadRequest($"{field} may contain only letters, digits, spaces, underscores and hyphens");
    }

    public static void Description(string field, string value) => Length(field, value, 4, 2048);

    public static void Color(string field, string value)
    {
        if (!ColorPattern().IsMatch(value)) throw ApiException.BadRequest($"{field} must look like #RRGGBB");
    }

    public static void DomainName(string field, string value)
    {
        Length(field, value, 3, 255);
        if (!DomainPattern().IsMatch(value)) throw ApiException.BadRequest($"{field} must be a valid domain name");
    }

    public static void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max) throw ApiException.BadRequest($"{field} must be between {min} and {max}");
    }

    public static DateTimeOffset FutureRfc3339(string field, string value, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) || !value.Contains('T'))
            throw ApiException.BadRequest($"{field} must be an RFC 3339 date-time");
        if (time <= now) throw ApiException.BadRequest($"{field} must be in the future");
        return time;
    }
}
