using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

[Collection(SandboxCollection.Name)]
public class PaginationTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public PaginationTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    private int ListRequests(string projectId) =>
        _fixture.Sandbox.State.Requests.Count(r => r.Method == "GET" && r.Path == $"/v1/projects/{projectId}/deployments");

    [Fact]
    public void Deployments_stream_across_many_pages()
    {
        using var ps = _fixture.ConnectedSession();
        var projectId = PlatformSandboxFixture.NewImageProject(ps);
        ps.Invoke("1..45 | ForEach-Object { $null = Publish-CreateOsDeployment -ProjectId $project.Id -Image \"nginx:$_\" -Confirm:$false }");
        Assert.Empty(ps.Errors);
        var newestFirst = _fixture.Sandbox.State.Deployments.Where(d => d.ProjectId.ToString() == projectId).Reverse().Select(d => d.Id.ToString()).ToList();

        var before = ListRequests(projectId);
        var all = ps.Invoke("Get-CreateOsDeployment -ProjectId $project.Id -All").Select(o => ((Deployment)o.BaseObject).Id).ToList();
        Assert.Equal(newestFirst, all);
        Assert.Equal(3, ListRequests(projectId) - before); // 20 + 20 + 5

        var firstPage = ps.Invoke("Get-CreateOsDeployment -ProjectId $project.Id");
        Assert.Equal(20, firstPage.Count);
        Assert.Contains(ps.Warnings, w => w.Message.Contains("Showing 20 of 45"));

        var window = ps.Invoke("Get-CreateOsDeployment -ProjectId $project.Id -Skip 5 -First 25").Select(o => ((Deployment)o.BaseObject).Id).ToList();
        Assert.Equal(newestFirst.Skip(5).Take(25), window);

        var total = (string)ps.Invoke("$r = Get-CreateOsDeployment -ProjectId $project.Id -First 1 -IncludeTotalCount; \"$($r[-1])\"").Single().BaseObject;
        Assert.Contains("45", total);
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void GitHub_branches_page_with_page_and_per_page()
    {
        using var ps = _fixture.ConnectedSession();
        var all = ps.Invoke("Get-CreateOsGitHubRepository -InstallationId 12345678 -Name hello-static | Get-CreateOsGitHubBranch -PageSize 1 -All").Select(o => ((GitHubBranch)o.BaseObject).Name).ToList();
        Assert.Equal(new[] { "main", "dev", "feature-docs" }, all);

        var window = ps.Invoke("Get-CreateOsGitHubRepository -InstallationId 12345678 -Name hello-static | Get-CreateOsGitHubBranch -PageSize 2 -Skip 1 -First 2").Select(o => ((GitHubBranch)o.BaseObject).Name).ToList();
        Assert.Equal(new[] { "dev", "feature-docs" }, window);
        Assert.Empty(ps.Errors);
    }

    [Fact]
    public void An_empty_api_key_list_is_empty_not_an_error()
    {
        using var ps = new PowerShellSession();
        var key = "skp_nokeys_" + Guid.NewGuid().ToString("N")[..8];
        _fixture.Sandbox.State.AddUser(key);
        ps.Connect(_fixture.ApiUri, key);

        Assert.Empty(ps.Invoke("Get-CreateOsApiKey"));
        Assert.Empty(ps.Errors);
    }
}
