using System.Diagnostics;
using System.Net;
using Xunit;

namespace CreateOs.Sandbox.Tests;

/// <summary>The program as others start it: arguments, the printed key and address, Ctrl+C-free shutdown by kill.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task PrintsAddressAndServesBothUsers()
    {
        using var process = Start("--urls", "http://127.0.0.1:0", "--api-key", "skp_cli_one", "--extra-api-key", "skp_cli_two", "--step-delay-ms", "10");
        try
        {
            var lines = await ReadUntilListeningAsync(process);
            Assert.DoesNotContain(lines, l => l.StartsWith("API key:", StringComparison.Ordinal));
            var baseUri = new Uri(lines[^1]["Sandbox listening on ".Length..] + "/");
            using var http = new HttpClient { BaseAddress = baseUri };
            Assert.Equal("{\"status\":\"ok\"}", await http.GetStringAsync("health"));
            foreach (var key in new[] { "skp_cli_one", "skp_cli_two" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "v1/users/me");
                request.Headers.Add("X-Api-Key", key);
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task GeneratesAndPrintsAKey()
    {
        using var process = Start("--urls", "http://127.0.0.1:0");
        try
        {
            var lines = await ReadUntilListeningAsync(process);
            var key = lines.Single(l => l.StartsWith("API key: ", StringComparison.Ordinal))["API key: ".Length..];
            Assert.StartsWith("skp_", key);
            using var http = new HttpClient { BaseAddress = new Uri(lines[^1]["Sandbox listening on ".Length..] + "/") };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("v1/quotas")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CreateOs.Sandbox.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Process.Start(info)!;
    }

    private static async Task<List<string>> ReadUntilListeningAsync(Process process)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("sandbox exited: " + await process.StandardError.ReadToEndAsync());
            lines.Add(line);
            if (line.StartsWith("Sandbox listening on http://127.0.0.1:", StringComparison.Ordinal)) return lines;
        }
    }
}
