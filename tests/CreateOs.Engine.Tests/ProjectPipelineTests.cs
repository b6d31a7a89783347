using System.Management.Automation;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

[Collection(SandboxCollection.Name)]
public class ProjectPipelineTests
{
    private readonly SandboxFixture _fixture;

    public ProjectPipelineTests(SandboxFixture fixture) => _fixture = fixture;

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public void Create_list_and_pipe_to_remove()
    {
        using var ps = _fixture.ConnectedSession();
        var name = UniqueName("pipe");
        var created = ps.Invoke("New-CreateOsProject -Name $args[0] -DisplayName 'Pipeline Test' -Type upload -Framework express -Runtime node:20 -Port 3000 -Confirm:$false", name).Single();
        Assert.Empty(ps.Errors);
        var project = (Project)created.BaseObject;
        Assert.Equal(name, project.UniqueName);
        Assert.Equal("Pipeline Test", project.DisplayName);
        Assert.Equal("upload", project.Type);
        Assert.Equal(3000, project.Settings!.Port);
        Assert.False(string.IsNullOrEmpty(project.Id));

        var listed = ps.Invoke("Get-CreateOsProject -All | Where-Object UniqueName -eq $args[0]", name);
        Assert.Single(listed);

        ps.Invoke("Get-CreateOsProject -Name $args[0] | Remove-CreateOsProject -Confirm:$false", name);
        Assert.Empty(ps.Errors);
        var remaining = _fixture.Sandbox.State.Projects.Single(p => p.Id.ToString() == project.Id);
        Assert.NotEqual("active", remaining.Status);
    }

    [Fact]
    public void Get_by_id_from_the_pipeline_and_by_wildcard_name()
    {
        using var ps = _fixture.ConnectedSession();
        var prefix = UniqueName("wild")[..12];
        foreach (var suffix in new[] { "a", "b" })
            ps.Invoke("New-CreateOsProject -Name $args[0] -DisplayName 'Wildcard Test' -Type image -Port 8080 -Confirm:$false", $"{prefix}-{suffix}");
        Assert.Empty(ps.Errors);

        var matched = ps.Invoke("Get-CreateOsProject -Name ($args[0] + '-*')", prefix);
        Assert.Equal(2, matched.Count);
        var byId = ps.Invoke("Get-CreateOsProject -Name ($args[0] + '-*') | Get-CreateOsProject", prefix);
        Assert.Equal(matched.Select(p => ((Project)p.BaseObject).Id).OrderBy(x => x), byId.Select(p => ((Project)p.BaseObject).Id).OrderBy(x => x));

        // Names piped in as strings, as Get-Service and Get-Process take them: each found, the missing one reported, the rest go on.
        var byName = ps.Invoke("($args[0] + '-a'), ($args[0] + '-missing'), ($args[0] + '-b') | Get-CreateOsProject", prefix);
        Assert.Equal(new[] { $"{prefix}-a", $"{prefix}-b" }, byName.Select(p => ((Project)p.BaseObject).UniqueName));
        var missing = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
        Assert.Equal($"{prefix}-missing", missing.TargetObject);
    }

    [Fact]
    public void Set_project_and_settings_keep_what_was_not_named()
    {
        using var ps = _fixture.ConnectedSession();
        var name = UniqueName("set");
        ps.Invoke("New-CreateOsProject -Name $args[0] -DisplayName 'Before Rename' -Type upload -Framework express -Runtime node:20 -Port 3000 -RunCommand 'node index.js' -Confirm:$false", name);
        var updated = (Project)ps.Invoke("Get-CreateOsProject -Name $args[0] | Set-CreateOsProject -DisplayName 'After Rename' -Description 'renamed by a test' -PassThru -Confirm:$false", name).Single().BaseObject;
        Assert.Equal("After Rename", updated.DisplayName);
        Assert.Equal("renamed by a test", updated.Description);

        var settings = (ProjectSettings)ps.Invoke("Get-CreateOsProject -Name $args[0] | Set-CreateOsProjectSetting -Port 8080 -PassThru -Confirm:$false", name).Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Equal(8080, settings.Port);
        Assert.Equal("node index.js", settings.RunCommand);
        Assert.Equal("node:20", settings.Runtime);
    }

    [Fact]
    public void Paging_streams_pages_and_warns_when_more_exist()
    {
        using var ps = new PowerShellSession();
        var key = "skp_paging_" + Guid.NewGuid().ToString("N")[..8];
        _fixture.Sandbox.State.AddUser(key);
        ps.Connect(_fixture.ApiUri, key);
        for (var i = 0; i < 23; i++)
            ps.Invoke("New-CreateOsProject -Name $args[0] -DisplayName 'Paging Test' -Type image -Port 80 -Confirm:$false", $"page-{i:00}-{Guid.NewGuid():N}"[..20]);
        Assert.Empty(ps.Errors);

        var firstPage = ps.Invoke("Get-CreateOsProject");
        Assert.Equal(20, firstPage.Count);
        Assert.Contains(ps.Warnings, w => w.Message.Contains("20 of 23"));
        Assert.Equal(23, ps.Invoke("Get-CreateOsProject -All").Count);
        Assert.Equal(5, ps.Invoke("Get-CreateOsProject -Skip 18").Count);
        Assert.Equal(2, ps.Invoke("Get-CreateOsProject -First 2 -Skip 21").Count);
        var withTotal = ps.Invoke("Get-CreateOsProject -First 1 -IncludeTotalCount");
        Assert.Single(withTotal, o => o.BaseObject is Project);
        var totalCount = withTotal.Single(o => o.BaseObject is not Project);
        Assert.Contains("23", totalCount.BaseObject.ToString());
    }

    [Fact]
    public void User_quota_and_supported_types()
    {
        using var ps = _fixture.ConnectedSession();
        var user = ps.Invoke("Get-CreateOsUser").Single();
        Assert.False(string.IsNullOrEmpty((string)user.Properties["Id"].Value));
        var quotas = ps.Invoke("Get-CreateOsQuota").Select(q => (Quota)q.BaseObject).ToList();
        Assert.Contains(quotas, q => q.Resource == "projects" && q.Max > 0);
        var runtimes = ps.Invoke("Get-CreateOsSupportedType -Kind runtime").Select(t => ((SupportedProjectType)t.BaseObject).Name).ToList();
        Assert.Contains("node:20", runtimes);
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void Test_CreateOsProjectName_reports_free_and_taken_names()
    {
        using var ps = _fixture.ConnectedSession();
        var name = UniqueName("avail");
        Assert.True((bool)ps.Invoke("Test-CreateOsProjectName $args[0]", name).Single().BaseObject);
        ps.Invoke("New-CreateOsProject -Name $args[0] -DisplayName 'Name Check' -Type image -Port 80 -Confirm:$false", name);
        Assert.False((bool)ps.Invoke("Test-CreateOsProjectName $args[0]", name).Single().BaseObject);
    }
}
