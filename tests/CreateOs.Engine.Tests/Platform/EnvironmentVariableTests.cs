using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>The API replaces the whole variable map; the cmdlets must merge, remove only what is named, and replace only when told.</summary>
[Collection(SandboxCollection.Name)]
public class EnvironmentVariableTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public EnvironmentVariableTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    private Dictionary<string, string> VariablesOf(string environmentId)
    {
        var environment = _fixture.Sandbox.State.Environments.Single(e => e.Id.ToString() == environmentId);
        lock (_fixture.Sandbox.State.SyncRoot)
            return ((System.Text.Json.Nodes.JsonObject)environment.Settings["runEnvs"]!).ToDictionary(p => p.Key, p => (string)p.Value!);
    }

    private string NewEnvironment(PowerShellSession ps, string name, string variables)
    {
        var environment = (ProjectEnvironment)ps.Invoke($"$project | New-CreateOsEnvironment -Name {name} -Variables {variables} -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors);
        return environment.Id;
    }

    [Fact]
    public void Set_merges_into_the_existing_variables()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        var id = NewEnvironment(ps, "production", "@{ KEEP = 'kept'; LOG_LEVEL = 'info' }");

        ps.Invoke("Get-CreateOsProject -Id $project.Id | Get-CreateOsEnvironment -Name production | Set-CreateOsEnvironmentVariable -Variables @{ LOG_LEVEL = 'debug'; NEW = 1 } -Confirm:$false");

        Assert.Empty(ps.Errors);
        Assert.Equal(new Dictionary<string, string> { ["KEEP"] = "kept", ["LOG_LEVEL"] = "debug", ["NEW"] = "1" }, VariablesOf(id));
    }

    [Fact]
    public void A_value_with_escape_sequences_survives_a_merge_unchanged_and_never_reaches_the_screen_raw()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        const string prompt = "\u001b[32m\\u@\\h\u001b[0m $ ";
        var id = NewEnvironment(ps, "colours", "@{ KEEP = 'kept' }");
        lock (_fixture.Sandbox.State.SyncRoot)
            ((System.Text.Json.Nodes.JsonObject)_fixture.Sandbox.State.Environments.Single(e => e.Id.ToString() == id).Settings["runEnvs"]!)["PS1"] = prompt;

        // The merge reads the map and writes it back: the user's value must come back byte for byte.
        ps.Invoke("$project | Get-CreateOsEnvironment -Name colours | Set-CreateOsEnvironmentVariable -Variables @{ ADDED = 'x' } -Confirm:$false");
        Assert.Empty(ps.Errors);
        Assert.Equal(new Dictionary<string, string> { ["KEEP"] = "kept", ["PS1"] = prompt, ["ADDED"] = "x" }, VariablesOf(id));

        var variable = (EnvironmentVariable)ps.Invoke("$project | Get-CreateOsEnvironment -Name colours | Get-CreateOsEnvironmentVariable -Name PS1").Single().BaseObject;
        Assert.Equal(prompt, variable.Value);
        Assert.DoesNotContain('\u001b', variable.ShownValue);
        Assert.DoesNotContain('\u001b', variable.ToString());
        // The host's own styling uses escapes too (bold headers), so look at the value's text itself.
        var screen = ps.Render("$project | Get-CreateOsEnvironment -Name colours | Get-CreateOsEnvironmentVariable");
        Assert.Contains("\\u@\\h", screen);
        Assert.DoesNotContain("\u001b[32m", screen); // the value's colour code, raw (the host's own header style is 32;1m)
    }

    [Fact]
    public void Replace_replaces_the_whole_map_and_Remove_deletes_only_the_named_keys()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        var id = NewEnvironment(ps, "staging", "@{ A = '1'; B = '2'; C = '3' }");

        ps.Invoke("$project | Get-CreateOsEnvironment -Name staging | Remove-CreateOsEnvironmentVariable -Name A, MISSING -Confirm:$false");
        Assert.Empty(ps.Errors);
        Assert.Equal(new Dictionary<string, string> { ["B"] = "2", ["C"] = "3" }, VariablesOf(id));

        ps.Invoke("$project | Get-CreateOsEnvironment -Name staging | Get-CreateOsEnvironmentVariable -Name C | Remove-CreateOsEnvironmentVariable -Confirm:$false");
        Assert.Equal(new Dictionary<string, string> { ["B"] = "2" }, VariablesOf(id));

        ps.Invoke("$project | Get-CreateOsEnvironment -Name staging | Set-CreateOsEnvironmentVariable -Variables @{ ONLY = 'this' } -Replace -Confirm:$false");
        Assert.Empty(ps.Errors);
        Assert.Equal(new Dictionary<string, string> { ["ONLY"] = "this" }, VariablesOf(id));

        var listed = ps.Invoke("$project | Get-CreateOsEnvironment -Name staging | Get-CreateOsEnvironmentVariable").Select(o => (EnvironmentVariable)o.BaseObject).ToList();
        Assert.Equal("ONLY=this", Assert.Single(listed).ToString());
        Assert.Equal(id, listed[0].EnvironmentId);
    }

    [Fact]
    public void Several_changes_of_one_environment_in_one_pipeline_are_all_kept()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        var id = NewEnvironment(ps, "batch", "@{ BASE = 'x' }");

        // Ten inputs for the same environment, run with ten requests in flight: each must start from the previous result.
        ps.Invoke("$e = $project | Get-CreateOsEnvironment -Name batch; 1..10 | ForEach-Object { [pscustomobject]@{ ProjectId = $e.ProjectId; EnvironmentId = $e.Id; N = $_ } } | ForEach-Object { $_ } | Set-CreateOsEnvironmentVariable -Variables @{ SHARED = 'y' } -ThrottleLimit 10 -Confirm:$false");
        ps.Invoke("$e = $project | Get-CreateOsEnvironment -Name batch; 1..5 | ForEach-Object { $v = @{}; $v[\"K$_\"] = \"$_\"; Set-CreateOsEnvironmentVariable -ProjectId $e.ProjectId -EnvironmentId $e.Id -Variables $v -Confirm:$false }");

        Assert.Empty(ps.Errors);
        var variables = VariablesOf(id);
        Assert.Equal("x", variables["BASE"]);
        Assert.Equal("y", variables["SHARED"]);
        for (var i = 1; i <= 5; i++) Assert.Equal(i.ToString(), variables[$"K{i}"]);
    }

    [Theory]
    [InlineData("@{ ' ' = 'v' }", "a space at position 1")]
    [InlineData("@{ '1ABC' = 'v' }", "a digit first")]
    [InlineData("@{ 'MY-VAR' = 'v' }", "'-' at position 3")]
    [InlineData("@{ \"API`nKEY\" = 'v' }", "holds a line break at position 4")]
    [InlineData("@{ API_KEY = \"a`0b\" }", "NUL character")]
    public void Every_cmdlet_that_sends_variables_refuses_bad_names_and_NUL_values_before_any_mutation(string variables, string problem)
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        NewEnvironment(ps, "goodvars", "@{ A = '1' }");
        ps.Invoke("$global:e = $project | Get-CreateOsEnvironment -Name goodvars");
        var before = _fixture.Sandbox.State.MutatingRequestCount;

        ps.Invoke($"$e | Set-CreateOsEnvironmentVariable -Variables {variables} -Confirm:$false");
        ps.Invoke($"$project | New-CreateOsEnvironment -Name badvars -Variables {variables} -Confirm:$false");
        ps.Invoke($"New-CreateOsProject -Name ('v-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -DisplayName 'Vars Test' -Type image -Port 80 -RunEnvs {variables} -Confirm:$false");
        ps.Invoke($"$project | Set-CreateOsProjectSetting -RunEnvs {variables} -Confirm:$false");

        Assert.Equal(4, ps.Errors.Count);
        Assert.All(ps.Errors, e =>
        {
            Assert.EndsWith("InvalidArgument", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains(problem, e.Exception.Message);
        });
        Assert.Equal(before, _fixture.Sandbox.State.MutatingRequestCount);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1" }, VariablesOf((string)ps.Invoke("$e.Id").Single().BaseObject));
    }

    [Fact]
    public void A_null_value_is_refused_before_any_request()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps);
        NewEnvironment(ps, "nulls", "@{ A = '1' }");
        ps.Invoke("$global:e = $project | Get-CreateOsEnvironment -Name nulls");
        var before = _fixture.Sandbox.State.Requests.Count;

        ps.Invoke("$e | Set-CreateOsEnvironmentVariable -Variables @{ A = $null } -Confirm:$false");

        Assert.Equal("CreateOs.EnvironmentVariableInvalidArgument", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(before, _fixture.Sandbox.State.Requests.Count);
    }

    [Fact]
    public void Looking_for_an_environment_across_piped_projects_skips_projects_without_it()
    {
        using var ps = _fixture.ConnectedSession();
        PlatformSandboxFixture.NewImageProject(ps, "withProduction");
        PlatformSandboxFixture.NewImageProject(ps, "withoutProduction");
        ps.Invoke("$withProduction | New-CreateOsEnvironment -Name production -Confirm:$false");
        Assert.Empty(ps.Errors);

        var found = ps.Invoke("$withProduction, $withoutProduction | Get-CreateOsEnvironment -Name production");
        Assert.Single(found);
        Assert.Empty(ps.Errors);

        ps.Invoke("Get-CreateOsEnvironment -ProjectId $withoutProduction.Id -Name production");
        Assert.Equal("CreateOs.EnvironmentNotFound", Assert.Single(ps.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void New_environment_Port_goes_through_the_route_that_takes_it_and_is_refused_early_for_other_project_types()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = PlatformSandboxFixture.NewImageProject(ps);
        var environment = (ProjectEnvironment)ps.Invoke("$project | New-CreateOsEnvironment -Name ported -Variables @{ A = '1' } -Port 8080 -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal(8080, environment.Settings.Port);
        Assert.Equal("1", environment.Settings.RunEnvs["A"]);
        var create = _fixture.Sandbox.State.Requests.Last(r => r.Method == "POST" && r.Path == $"/v1/projects/{projectId}/environments");
        Assert.DoesNotContain("\"port\"", create.Body);
        Assert.Contains(_fixture.Sandbox.State.Requests, r => r.Method == "PUT" && r.Path.EndsWith($"/environments/{environment.Id}/environment-variables", StringComparison.Ordinal) && r.Body!.Contains("\"port\":8080"));

        ps.Invoke("$global:upload = New-CreateOsProject -Name $args[0] -DisplayName 'Upload Port' -Type upload -Framework express -Port 3000 -Confirm:$false", $"up-{Guid.NewGuid():N}"[..16]);
        var mutating = _fixture.Sandbox.State.MutatingRequestCount;
        ps.Invoke("$upload | New-CreateOsEnvironment -Name ported -Port 8080 -Confirm:$false");
        var error = Assert.Single(ps.Errors);
        Assert.Equal("CreateOs.EnvironmentInvalidArgument", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Only image projects", error.Exception.Message);
        Assert.Equal(mutating, _fixture.Sandbox.State.MutatingRequestCount);
    }
}
