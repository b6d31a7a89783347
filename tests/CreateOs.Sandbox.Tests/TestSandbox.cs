using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CreateOs.Sandbox.State;
using Xunit;

namespace CreateOs.Sandbox.Tests;

/// <summary>An in-process sandbox on a free loopback port plus a small HTTP client for it.</summary>
public sealed class TestSandbox : IAsyncDisposable
{
    public const string UserKey = "skp_test_user_one";
    public const string OtherUserKey = "skp_test_user_two";

    private TestSandbox(SandboxHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SandboxHost Host { get; }
    public HttpClient Http { get; }

    public static async Task<TestSandbox> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { ApiKeys = [UserKey, OtherUserKey], StepDelay = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        return new TestSandbox(await SandboxHost.StartAsync(options));
    }

    public Task<ApiResponse> GetAsync(string path, string? key = UserKey) => SendAsync(HttpMethod.Get, path, null, key);
    public Task<ApiResponse> PostAsync(string path, object? body = null, string? key = UserKey) => SendAsync(HttpMethod.Post, path, body, key);
    public Task<ApiResponse> PutAsync(string path, object? body = null, string? key = UserKey) => SendAsync(HttpMethod.Put, path, body, key);
    public Task<ApiResponse> PatchAsync(string path, object? body = null, string? key = UserKey) => SendAsync(HttpMethod.Patch, path, body, key);
    public Task<ApiResponse> DeleteAsync(string path, string? key = UserKey) => SendAsync(HttpMethod.Delete, path, null, key);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body, string? key = UserKey)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (body is not null)
        {
            var json = body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await ApiResponse.ReadAsync(await Http.SendAsync(request));
    }

    public async Task<ApiResponse> UploadZipAsync(string projectId, byte[] zip, string key = UserKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v1/projects/{projectId}/deployments/upload-zip");
        request.Headers.Add("X-Api-Key", key);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", "site.zip");
        request.Content = form;
        return await ApiResponse.ReadAsync(await Http.SendAsync(request));
    }

    // ---- scenario helpers ----

    public async Task<string> CreateProjectAsync(string uniqueName, string type = "upload", object? settings = null, object? source = null,
        bool enabledSecurityScan = false, string key = UserKey)
    {
        settings ??= type switch
        {
            "image" => new { port = 8080 },
            "vcs" => new { runtime = "node:20", port = 3000 },
            _ => new { framework = "reactjs-spa" },
        };
        source ??= type == "vcs"
            ? new { vcsName = "github", vcsInstallationId = GithubCatalog.SeededInstallationId.ToString(), vcsRepoId = (await FirstRepoIdAsync(key)).ToString() }
            : new { };
        var response = await PostAsync("v1/projects", new { uniqueName, displayName = "Display " + uniqueName, type, source, settings, enabledSecurityScan }, key);
        response.AssertStatus(HttpStatusCode.Created);
        return response.Id;
    }

    public async Task<long> FirstRepoIdAsync(string key = UserKey)
    {
        var repos = await GetAsync($"v1/app-installations/github/accounts/{GithubCatalog.SeededInstallationId}/repositories", key);
        return (long)repos.Data![0]!["id"]!;
    }

    public async Task<string> UploadAsync(string projectId, params (string Path, string Content)[] files)
    {
        var response = await PutAsync($"v1/projects/{projectId}/deployments/files",
            new { files = files.Select(f => new { path = f.Path, content = f.Content }).ToArray() });
        response.AssertStatus(HttpStatusCode.OK);
        return response.Id;
    }

    public async Task<JsonObject> WaitForDeploymentAsync(string projectId, string deploymentId, params string[] statuses)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await GetAsync($"v1/projects/{projectId}/deployments/{deploymentId}");
            var deployment = response.Data!.AsObject();
            if (statuses.Contains((string?)deployment["status"])) return deployment;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"deployment stayed {(string?)deployment["status"]}");
            await Task.Delay(20);
        }
    }

    public async Task<JsonNode> WaitForAsync(string path, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var data = (await GetAsync(path)).Data!;
            if (done(data)) return data;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path}: {data.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class ApiResponse
{
    public HttpStatusCode StatusCode { get; init; }
    public string Text { get; init; } = "";
    public JsonNode? Json { get; init; }
    public HttpResponseMessage Message { get; init; } = null!;

    public string? EnvelopeStatus => (string?)Json?["status"];
    public JsonNode? Data => Json?["data"];
    public string Id => (string)Data!["id"]!;
    /// <summary>The error message of a fail envelope, or the success payload when it is a string.</summary>
    public string? MessageText => Data is JsonValue value && value.TryGetValue<string>(out var text) ? text : (string?)Json?["message"];

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage message)
    {
        var text = await message.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (System.Text.Json.JsonException) { }
        return new ApiResponse { StatusCode = message.StatusCode, Text = text, Json = json, Message = message };
    }

    public ApiResponse AssertStatus(HttpStatusCode expected)
    {
        Assert.True(StatusCode == expected, $"expected {(int)expected}, got {(int)StatusCode}: {Text}");
        return this;
    }

    /// <summary>Asserts a 4xx fail envelope whose message mentions <paramref name="messagePart"/>.</summary>
    public ApiResponse AssertFail(int status, string? messagePart = null)
    {
        Assert.True((int)StatusCode == status, $"expected {status}, got {(int)StatusCode}: {Text}");
        Assert.Equal("fail", EnvelopeStatus);
        if (messagePart is not null) Assert.Contains(messagePart, MessageText ?? "", StringComparison.OrdinalIgnoreCase);
        return this;
    }
}
