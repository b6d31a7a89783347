using CreateOs.Sandbox;

namespace CreateOs.Engine.Tests.Infrastructure;

/// <summary>One in-process sandbox on a free loopback port, shared by the tests of a collection.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string ApiKey = "skp_engine_tests_primary";
    public const string OtherUsersApiKey = "skp_engine_tests_other";

    public SandboxHost Sandbox { get; private set; } = null!;
    public Uri ApiUri => Sandbox.BaseUri;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            ApiKeys = new List<string> { ApiKey, OtherUsersApiKey },
            StepDelay = TimeSpan.FromMilliseconds(40),
            MaxProjects = 50,
        });
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    /// <summary>A PowerShell session with the module imported and connected to the sandbox as the primary user.</summary>
    public PowerShellSession ConnectedSession(int width = 140)
    {
        var ps = new PowerShellSession(width: width);
        ps.Connect(ApiUri, ApiKey);
        return ps;
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "sandbox";
}
