using CreateOs.Core.Gateway;
using CreateOs.Engine.Tests.Infrastructure;
using CreateOs.Sandbox.Gateway;

namespace CreateOs.Engine.Tests.Payments;

/// <summary>
/// A realistic app — 260 files in nested folders, so the module packs it as a zip (the files form stops at 100) — paid
/// for by each protocol and deployed through the sandbox gateway: the zip form has no 100-file limit, so the paid
/// deploy goes live and serves files from deep folders, with one payment on the chain.
/// </summary>
[Collection(GatewayCollection.Name)]
public class LargeAppTests
{
    private const int FileCount = 260;
    private readonly GatewayFixture _fixture;

    public LargeAppTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayOptions Options => _fixture.Sandbox.Gateway.Options;

    /// <summary>index.html plus components, styles and assets spread over three to five folder levels.</summary>
    private static string GenerateApp()
    {
        var root = Directory.CreateTempSubdirectory("createos-large-app-").FullName;
        File.WriteAllText(Path.Combine(root, "index.html"), "<h1>large app</h1>");
        for (var i = 1; i < FileCount; i++)
        {
            var folder = (i % 3) switch
            {
                0 => Path.Combine(root, "src", "components", $"group{i % 7}"),
                1 => Path.Combine(root, "assets", "styles", $"theme{i % 5}", "parts"),
                _ => Path.Combine(root, "assets", "data", $"set{i % 4}", $"chunk{i % 6}", "items"),
            };
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"file{i:D3}.txt"), $"file {i} of the large app");
        }
        return root;
    }

    [Theory]
    [InlineData(GatewayProtocol.V1, GatewayChallengeForms.All, "Transfer")]
    [InlineData(GatewayProtocol.V2, GatewayChallengeForms.Mpp, "Mpp")]
    [InlineData(GatewayProtocol.V2, GatewayChallengeForms.X402, "X402")]
    public async Task An_app_of_260_nested_files_is_paid_deployed_as_a_zip_and_goes_live(GatewayProtocol protocol, GatewayChallengeForms forms, string expectedProtocol)
    {
        var app = GenerateApp();
        var (ps, wallet) = await _fixture.FundedSessionAsync(10m);
        using var _ = ps;
        Options.Protocol = protocol;
        Options.ChallengeForms = forms;
        try
        {
            var output = ps.Invoke("Invoke-MppDeploy -Path $args[0] -Name $args[1] -Port 80 -Confirm:$false -Force", app, $"large-{Guid.NewGuid():N}"[..20]);

            Assert.True(ps.Errors.Count == 0, string.Join("\n", ps.Errors.Select(e => e.ToString())));
            var result = (MppDeployResult)output.Single().BaseObject;
            Assert.Equal("ready", result.Status);
            Assert.Equal(expectedProtocol, result.PaymentProtocol);
            Assert.Equal(1, await _fixture.OnChainPaymentsAsync(wallet));
            using var http = new HttpClient();
            Assert.Contains("large app", await http.GetStringAsync(result.Endpoint));
            Assert.Equal("file 257 of the large app", await http.GetStringAsync(new Uri(new Uri(result.Endpoint!), "assets/data/set1/chunk5/items/file257.txt")));
            Assert.Equal("file 258 of the large app", await http.GetStringAsync(new Uri(new Uri(result.Endpoint!), "src/components/group6/file258.txt")));
        }
        finally
        {
            Options.Protocol = GatewayProtocol.V1;
            Options.ChallengeForms = GatewayChallengeForms.All;
            Directory.Delete(app, recursive: true);
        }
    }
}
