using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox;

namespace CreateOs.Engine.Tests.Platform;

/// <summary>
/// A sandbox of its own for a platform test class: generous quotas (many environments per project for bulk tests),
/// 150 ms automatic steps (a deployment is cancellable for ~300 ms) and faults that no other class sees.
/// </summary>
public sealed class PlatformSandboxFixture : IAsyncLifetime
{
    public SandboxHost Sandbox { get; private set; } = null!;
    public Uri ApiUri => Sandbox.BaseUri;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            ApiKeys = new List<string> { SandboxFixture.ApiKey, SandboxFixture.OtherUsersApiKey },
            StepDelay = TimeSpan.FromMilliseconds(150),
            MaxProjects = 500,
            MaxEnvironmentsPerProject = 100,
            MaxApps = 50,
            MaxApiKeys = 50,
        });
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    public PowerShellSession ConnectedSession(int width = 140)
    {
        var ps = new PowerShellSession(width: width);
        ps.Connect(ApiUri, SandboxFixture.ApiKey);
        ps.SetVariable("sandbox", Sandbox.State);
        ps.SetVariable("otherKey", PowerShellSession.Secure(SandboxFixture.OtherUsersApiKey));
        ps.SetVariable("apiUri", ApiUri);
        return ps;
    }

    /// <summary>A fresh image project (port 80) as $project, and its id.</summary>
    public static string NewImageProject(PowerShellSession ps, string variable = "project", string extra = "")
    {
        var name = $"t-{Guid.NewGuid():N}"[..20];
        ps.Invoke($"$global:{variable} = New-CreateOsProject -Name $args[0] -DisplayName 'Platform Test' -Type image -Port 80 {extra} -Confirm:$false", name);
        Assert.Empty(ps.Errors);
        return (string)ps.Invoke($"${variable}.Id").Single().BaseObject;
    }
}
