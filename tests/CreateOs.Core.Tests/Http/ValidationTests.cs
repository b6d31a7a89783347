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

    [Theory]
    [InlineData(" ", "a space at position 1")]
    [InlineData("1ABC", "a digit first")]
    [InlineData("MY-VAR", "'-' at position 3")]
    [InlineData("API KEY", "a space at position 4")]
    [InlineData("ÄPI", "'Ä' at position 1")]
    [InlineData("", "may not be empty")]
    public void Variable_names_must_be_POSIX_names(string name, string problem)
    {
        var error = Assert.Throws<ValidationException>(() => CreateOsRules.Variables("RunEnvs", new Dictionary<string, string> { [name] = "v" }));
        Assert.Contains(problem, error.Message);
        Assert.Equal("RunEnvs", error.Field);
    }

    [Theory]
    [InlineData("API\nKEY", "holds a line break at position 4")]
    [InlineData("API_KEY\r", "holds a line break at position 8")]
    [InlineData("A\tB", "control character U+0009")]
    public void A_line_break_in_a_variable_name_gets_its_own_clear_error(string name, string problem)
    {
        var error = Assert.Throws<ValidationException>(() => CreateOsRules.VariableName("Variables", name));
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void Variable_names_are_limited_to_the_APIs_255_characters()
    {
        CreateOsRules.VariableName("RunEnvs", "A" + new string('_', 254));
        var error = Assert.Throws<ValidationException>(() => CreateOsRules.VariableName("RunEnvs", "A" + new string('_', 255)));
        Assert.Contains("at most 255", error.Message);
    }

    [Fact]
    public void A_variable_value_may_not_hold_a_NUL()
    {
        var error = Assert.Throws<ValidationException>(() => CreateOsRules.Variables("BuildVars", new Dictionary<string, string> { ["TOKEN"] = "a\0b" }));
        Assert.Contains("NUL", error.Message);
        CreateOsRules.Variables("BuildVars", new Dictionary<string, string> { ["TOKEN"] = "multi\nline value with spaces = ok", ["_X1"] = "" });
    }

    [Fact]
    public void Project_settings_check_run_and_build_variables_and_that_build_ai_comes_with_UseBuildAI()
    {
        Assert.Throws<ValidationException>(() => CreateOsRules.ProjectSettings("upload", new ProjectSettings { Framework = "express", RunEnvs = new() { [" "] = "v" } }));
        Assert.Throws<ValidationException>(() => CreateOsRules.ProjectSettings("vcs", new ProjectSettings { Runtime = "node:20", BuildVars = new() { ["9X"] = "v" } }));
        var buildAi = Assert.Throws<ValidationException>(() => CreateOsRules.ProjectSettings("upload", new ProjectSettings { Runtime = "build-ai", HasDockerfile = true }));
        Assert.Contains("-UseBuildAI", buildAi.Message);
        CreateOsRules.ProjectSettings("upload", new ProjectSettings { Runtime = "build-ai", UseBuildAI = true });
    }

    [Fact]
    public void Environment_variables_sent_to_the_REST_API_are_checked_before_the_request()
    {
        var environment = new CreateOs.Core.Api.NewEnvironment { UniqueName = "prod", DisplayName = "Production", Description = "The production one", RunEnvs = new() { ["BAD NAME"] = "x" } };
        Assert.Contains("BAD NAME", Assert.Throws<ValidationException>(environment.Validate).Message);
    }
}
