using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace CreateOs.Sandbox.Tests;

/// <summary>
/// Every row of createos-rest-routes.json (including cronjobs and templates) is served with a JSend envelope, except
/// DownloadProjectTemplate, whose answer is the file itself (reference §8.12).
/// </summary>
public sealed class RouteCoverageTests(RouteCoverageTests.World world) : IClassFixture<RouteCoverageTests.World>
{
    private TestSandbox _sandbox => world.Sandbox;
    private Dictionary<string, string> _ids => world.Ids;

    public static IEnumerable<object[]> Routes()
    {
        foreach (var row in LoadRoutes())
            yield return [(string)row!["tool"]!, (string)row["method"]!, (string)row["path"]!];
    }

    [Fact]
    public void RoutesFileHas94Rows() => Assert.Equal(94, Routes().Count());

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task RouteIsServedWithAnEnvelope(string tool, string method, string pathTemplate)
    {
        var path = pathTemplate;
        foreach (var (placeholder, value) in _ids) path = path.Replace(placeholder, value);
        path += tool switch
        {
            "TransferProject" => "?token=not-a-token",
            "ListGithubRepositoryBranches" => "?repository=sandbox-user/hello-static",
            _ => "",
        };
        object? body = method is "POST" or "PUT" or "PATCH" ? new { } : null;
        var response = await _sandbox.SendAsync(new HttpMethod(method), path, body);

        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.NotEqual("route not found", response.MessageText);
        if (tool == "DownloadProjectTemplate")
            Assert.Equal("application/zip", response.Message.Content.Headers.ContentType?.MediaType);
        else
            Assert.True(response.EnvelopeStatus is "success" or "fail", $"{tool}: {response.Text}");
        Assert.True((int)response.StatusCode < 500, $"{tool}: {response.Text}");
    }

    /// <summary>One sandbox with one of everything, shared by all rows.</summary>
    public sealed class World : IAsyncLifetime
    {
    public TestSandbox Sandbox { get; private set; } = null!;
    public Dictionary<string, string> Ids { get; private set; } = new();

    public async Task InitializeAsync()
    {
        var _sandbox = Sandbox = await TestSandbox.StartAsync();
        var projectId = await _sandbox.CreateProjectAsync("coverage-app", enabledSecurityScan: true);
        var deploymentId = await _sandbox.UploadAsync(projectId, ("index.html", "<h1>coverage</h1>"));
        await _sandbox.WaitForDeploymentAsync(projectId, deploymentId, "deployed");
        var environment = await _sandbox.PostAsync($"v1/projects/{projectId}/environments", new
        {
            displayName = "Production", uniqueName = "production", description = "the production environment",
            settings = new { runEnvs = new { } }, resources = new { cpu = 200, memory = 500, replicas = 1 },
        });
        var domain = await _sandbox.PostAsync($"v1/projects/{projectId}/domains", new { name = "coverage.example.com" });
        var app = await _sandbox.PostAsync("v1/apps", new { name = "coverage" });
        var cronjob = await _sandbox.PostAsync($"v1/projects/{projectId}/cronjobs", new
        {
            name = "ping", schedule = "*/5 * * * *", type = "http", environmentId = environment.Id,
            settings = new { path = "/health", method = "GET", timeoutInSeconds = 5 },
        });
        var text = new string('t', 100);
        var template = await _sandbox.PostAsync("v1/project-templates", new
        {
            name = "coverage-template", description = text, overview = text, useCases = text, imageUri = "https://example.com/t.png", projectId,
            environmentId = environment.Id, projectConfiguration = new { }, environmentConfiguration = new { }, buildResources = new { }, deploymentResources = new { },
        });
        var starter = (await _sandbox.GetAsync("v1/project-templates")).Data!["templates"]![0]!;
        var purchase = await _sandbox.PostAsync($"v1/project-templates/{(string)starter["id"]!}/buy");
        var key = await _sandbox.PostAsync("v1/api-keys", new { name = "coverage-key", expiryAt = DateTime.UtcNow.AddDays(1).ToString("O") });
        Ids = new Dictionary<string, string>
        {
            ["{project_id}"] = projectId,
            ["{deployment_id}"] = deploymentId,
            ["{environment_id}"] = environment.Id,
            ["{domain_id}"] = domain.Id,
            ["{app_id}"] = app.Id,
            ["{api_key_id}"] = key.Id,
            ["{installation_id}"] = "12345678",
            ["{cronjob_id}"] = cronjob.Id,
            ["{template_id}"] = template.Id,
            ["{purchase_id}"] = purchase.Id,
        };
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
    }

    /// <summary>tests/TestData/createos-rest-routes.json, embedded in this assembly (see tests/TestData/README.md).</summary>
    internal static JsonArray LoadRoutes() => JsonNode.Parse(CreateOs.TestData.EmbeddedTestData.ReadText("createos-rest-routes.json"))!.AsArray();
}
