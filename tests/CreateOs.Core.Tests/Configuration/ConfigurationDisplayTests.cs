using CreateOs.Core.Configuration;
using CreateOs.Core.Tests.Models;

namespace CreateOs.Core.Tests.Configuration;

/// <summary>The plan table's and the sync summary's columns: the text their views' script blocks produced.</summary>
public class ConfigurationDisplayTests
{
    private static ConfigurationChange Change(object? current, object? desired, string? property = "Settings.Value",
        ConfigurationResourceType type = ConfigurationResourceType.Project, string name = "shop", bool secret = false) =>
        new("shop", type, name, property, ChangeAction.Change, current, desired, secret, ChangeOperation.UpdateProjectSettings, null);

    [Fact]
    public void A_change_names_its_resource_by_type_and_name_and_a_whole_resource_as_all()
    {
        var change = Change(200, 250, "Resources.Cpu", ConfigurationResourceType.Environment, "production");
        Assert.Equal("environment production", change.ResourceShown);
        Assert.Equal("Resources.Cpu", change.PropertyShown);
        Assert.Equal("(all)", Change(null, "x", property: null).PropertyShown);
        Assert.Equal("(all)", Change(null, "x", property: "").PropertyShown);
        Assert.Equal("cronjob health", Change(null, null, type: ConfigurationResourceType.Cronjob, name: "health").ResourceShown);
    }

    public static TheoryData<object?, string> Values()
    {
        var nestedOne = new List<object?> { new List<object?> { 1L, 2L } };
        return new TheoryData<object?, string>
        {
            { null, "" },
            { "", "" },
            { "text", "text" },
            { 250, "250" },
            { -42L, "-42" },
            { true, "True" },
            { false, "False" },
            { 2.5, "2.5" },
            { 0.1 + 0.2, "0.3" },                          // doubles to 15 significant digits, as PowerShell writes them
            { 1e21, "1E+21" },
            { 0.1f, "0.1" },
            { 1.50m, "1.50" },
            { new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero), "03/01/2026 10:15:00 +00:00" },
            { new DateTime(2026, 3, 1, 10, 15, 0), "03/01/2026 10:15:00" },
            { new List<object?> { 1L, "a", true, null, 2.5 }, "1 a True  2.5" },
            { new List<object?>(), "" },
            { new List<object?> { 7.25 }, "7.25" },
            { nestedOne, "1 2" },                          // "$(...)" unrolls a one-item list, then PowerShell joins the inner list
            { new List<object?> { nestedOne[0], 3L }, "System.Collections.Generic.List`1[System.Object] 3" },
            { new Dictionary<string, object?> { ["a"] = 1L }, "System.Collections.Generic.Dictionary`2[System.String,System.Object]" },
        };
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Current_and_desired_values_read_as_PowerShell_writes_them_in_a_string_in_any_culture(object? value, string expected)
    {
        using var _ = new DisplayPropertyTests.CultureScope("de-DE");
        Assert.Equal(expected, Change(value, value).CurrentShown);
        Assert.Equal(expected, Change(value, value).DesiredShown);
    }

    [Fact]
    public void Secret_values_read_masked()
    {
        var change = Change("old-token", "new-token", "Variables.TOKEN", secret: true);
        Assert.Equal("(secret)", change.CurrentShown);
        Assert.Equal("(secret)", change.DesiredShown);
    }

    [Theory]
    [InlineData(0, "", "0.0 s")]
    [InlineData(1.25, "", "1.3 s")]
    [InlineData(61.06, "", "61.1 s")]
    [InlineData(1.25, "de-DE", "1,3 s")]                    // -f used the current culture
    [InlineData(12345.678, "de-DE", "12345,7 s")]
    public void A_sync_summary_shows_its_duration_in_seconds_to_one_decimal_in_the_current_culture(double seconds, string culture, string expected)
    {
        using var _ = new DisplayPropertyTests.CultureScope(culture);
        Assert.Equal(expected, new ConfigurationSyncSummary { Duration = TimeSpan.FromSeconds(seconds) }.DurationShown);
    }
}
