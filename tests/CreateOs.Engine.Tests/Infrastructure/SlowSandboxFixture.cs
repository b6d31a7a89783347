using CreateOs.Sandbox;

namespace CreateOs.Engine.Tests.Infrastructure;

/// <summary>
/// A sandbox whose automatic steps take 5 s, so a test can hold a deployment in a state (queue, building) long enough,
/// and move it on itself with <c>SandboxState.AdvanceDeployment</c> / <c>AdvanceScan</c>.
/// </summary>
public sealed class SlowSandboxFixture : IAsyncLifetime
{
    public SandboxHost Sandbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            ApiKeys = new List<string> { SandboxFixture.ApiKey, SandboxFixture.OtherUsersApiKey },
            StepDelay = TimeSpan.FromSeconds(5),
            MaxProjects = 200,
            MaxApps = 100,
            MaxApiKeys = 100,
        });
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    public PowerShellSession ConnectedSession()
    {
        var ps = new PowerShellSession();
        ps.Connect(Sandbox.BaseUri, SandboxFixture.ApiKey);
        return ps;
    }
}
