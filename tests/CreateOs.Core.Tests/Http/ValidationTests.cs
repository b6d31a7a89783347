using CreateOs.Core.Models;
using CreateOs.Core.Validation;

namespace CreateOs.Core.Tests.Http;

public class ValidationTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("this-name-is-much-longer-than-thirty-two")]
    [InlineData("bad_name")]
    [InlineData("has space")]
    [InlineData("")]
    public void Invalid_unique_names_are_refused(string name) =>
        Assert.Throws<ValidationException>(() => CreateOsRules.UniqueName("Name", name));

    [Theory]
    [InlineData("my-app")]
    [InlineData("ABCD")]
    [InlineData("a-32-character-name-is-allowed-x")]
    public void Valid_unique_names_pass(string name) => CreateOsRules.UniqueName("Name", name);

    [Fact]
    public void A_display_name_over_48_characters_is_refused_with_the_limit_in_the_message()
    {
        var ex = Assert.Throws<ValidationException>(() => CreateOsRules.DisplayName("DisplayName", new string('a', 49)));
        Assert.Contains("4 to 48", ex.Message);
        Assert.Equal("DisplayName", ex.Field);
    }

    [Fact]
    public void An_image_project_needs_a_port() =>
        Assert.Throws<ValidationException>(() => CreateOsRules.ProjectSettings("image", new ProjectSettings()));

    [Fact]
    public void An_image_project_refuses_build_settings() =>
        Assert.Throws<ValidationException>(() => CreateOsRules.ProjectSettings("image", new ProjectSettings { Port = 80, BuildCommand = "make" }));

    [Fact]
    public void Unknown_runtimes_are_refused() =>
        Assert.Throws<ValidationException>(() => CreateOsRules.ProjectSettings("upload", new ProjectSettings { Runtime = "cobol:85" }));

    [Theory]
    [InlineData(199, 500, 1)]
    [InlineData(200, 1025, 1)]
    [InlineData(200, 500, 4)]
    public void Resources_out_of_range_are_refused(int cpu, int memory, int replicas) =>
        Assert.Throws<ValidationException>(() => CreateOsRules.Resources(cpu, memory, replicas));

    [Theory]
    [InlineData("api.example.com", true)]
    [InlineData("example", false)]
    [InlineData("-bad.example.com", false)]
    [InlineData("a..b.com", false)]
    public void Domain_names_are_checked(string name, bool valid)
    {
        if (valid) CreateOsRules.DomainName("Name", name);
        else Assert.Throws<ValidationException>(() => CreateOsRules.DomainName("Name", name));
    }
}
