using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>Input the platform would refuse fails locally, with a clear error and without a single request.</summary>
[Collection(SandboxCollection.Name)]
public class ValidationTests : IClassFixture<PlatformSandboxFixture>
{
    private readonly PlatformSandboxFixture _fixture;

    public ValidationTests(PlatformSandboxFixture fixture) => _fixture = fixture;

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { "Set-CreateOsEnvironmentResource -ProjectId $p -EnvironmentId $e -Cpu 100 -Confirm:$false", "Cpu" },
        new object[] { "Set-CreateOsEnvironmentResource -ProjectId $p -EnvironmentId $e -Memory 2048 -Confirm:$false", "Memory" },
        new object[] { "Set-CreateOsEnvironmentResource -ProjectId $p -EnvironmentId $e -Replicas 4 -Confirm:$false", "Replicas" },
        new object[] { "New-CreateOsEnvironment -ProjectId $p -Name 'no spaces allowed' -Confirm:$false", "Name" },
        new object[] { "New-CreateOsEnvironment -ProjectId $p -Name abc -Confirm:$false", "Name" },
        new object[] { "New-CreateOsDomain -ProjectId $p -Name 'not a domain' -Confirm:$false", "Name" },
        new object[] { "New-CreateOsApiKey -Name ok-name -ExpiresAt ([datetime]::UtcNow.AddDays(-1)) -Confirm:$false", "ExpiresAt" },
        new object[] { "New-CreateOsApiKey -Name 'bad name!' -ExpiresAt ([datetime]::UtcNow.AddDays(1)) -Confirm:$false", "Name" },
        new object[] { "New-CreateOsApp -Name x -Confirm:$false", "Name" },
        new object[] { "New-CreateOsApp -Name valid-app -Color blue -Confirm:$false", "Color" },
        new object[] { "Get-CreateOsAnalytics -ProjectId $p -EnvironmentId $e -Start ([datetime]::UtcNow) -End ([datetime]::UtcNow.AddHours(-1))", "Start" },
        new object[] { "Set-CreateOsEnvironment -ProjectId $p -EnvironmentId $e -Description 'semicolons; not allowed' -Confirm:$false", "Description" },
        new object[] { "Publish-CreateOsDeployment -ProjectId $p -Path ([IO.Path]::Combine([IO.Path]::GetTempPath(), [guid]::NewGuid().ToString())) -Confirm:$false", "Path" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_input_fails_before_any_request(string script, string parameter)
    {
        using var ps = _fixture.ConnectedSession();
        ps.SetVariable("p", Guid.NewGuid().ToString());
        ps.SetVariable("e", Guid.NewGuid().ToString());
        var before = _fixture.Sandbox.State.Requests.Count;

        ps.Invoke(script);

        var error = Assert.Single(ps.Errors);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category == System.Management.Automation.ErrorCategory.InvalidData ? System.Management.Automation.ErrorCategory.InvalidArgument : error.CategoryInfo.Category);
        Assert.Contains(parameter == "Path" ? "does not exist" : parameter, error.Exception.Message);
        Assert.Equal(before, _fixture.Sandbox.State.Requests.Count);
    }
}
