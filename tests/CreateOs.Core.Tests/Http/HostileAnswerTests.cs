using System.Net;
using System.Net.Sockets;
using System.Text;
using CreateOs.Core.Gateway;
using CreateOs.Core.Http;

namespace CreateOs.Core.Tests.Http;

/// <summary>
/// Hostile answers beyond <see cref="HostileServerTests"/>: Retry-After values meant to freeze the client or crash its
/// clock arithmetic, redirects to another origin, and a money document that says two things at once.
/// </summary>
public class HostileAnswerTests
{
    private static (JsonApiClient Client, FakeHandler Handler, List<TimeSpan> Waits) Client(int maxAttempts = 3)
    {
        var handler = new FakeHandler();
        var waits = new List<TimeSpan>();
        var client = new JsonApiClient(new HttpClient(handler), new Uri("https://api.example.test"), null, "CreateOs/test", TimeSpan.FromSeconds(30), new RetryPolicy(maxAttempts, seed: 1))
        {
            Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; },
        };
        return (client, handler, waits);
    }

    // ---- Retry-After ----

    [Theory]
    [InlineData("99999999999999")]   // more seconds than a TimeSpan holds: used to throw OverflowException
    [InlineData("1e400")]            // infinity: used to throw OverflowException
    [InlineData("99999999")]         // three years
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task A_Retry_After_of_years_or_beyond_is_reported_as_at_most_a_day_and_never_waited_for(string retryAfter)
    {
        var (client, handler, waits) = Client();
        handler.Respond(503, "{\"error\":\"busy\"}", r => r.Headers.TryAddWithoutValidation("Retry-After", retryAfter));
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None));
        Assert.Equal(503, ex.Status);
        Assert.Equal(RetryPolicy.LongestRetryAfter, ex.RetryAfter);
        Assert.Empty(waits);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("-5", true)]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", true)]
    [InlineData("NaN", false)]                        // used to throw ArgumentException
    [InlineData("soon", false)]
    public async Task A_negative_past_or_garbage_Retry_After_is_retried_at_once_or_after_the_ordinary_backoff(string retryAfter, bool readAsNow)
    {
        var (client, handler, waits) = Client();
        handler.Respond(503, "{}", r => r.Headers.TryAddWithoutValidation("Retry-After", retryAfter))
               .Respond(200, "{\"data\":\"ok\"}");
        var response = await client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None);
        Assert.Equal("ok", response.Payload!.ToString());
        var wait = Assert.Single(waits);
        if (readAsNow) Assert.Equal(TimeSpan.Zero, wait);
        else Assert.InRange(wait, TimeSpan.FromMilliseconds(1), client.RetryPolicy.MaxDelay);
    }

    [Fact]
    public async Task Ctrl_C_ends_a_Retry_After_wait_instead_of_sleeping_it_out()
    {
        var handler = new FakeHandler();
        handler.Respond(429, "{}", r => r.Headers.TryAddWithoutValidation("Retry-After", "50"))
               .Respond(200, "{\"data\":\"ok\"}");
        // The real delay: a wait that ignored the token would sleep 50 s and then succeed, failing the assertion.
        var client = new JsonApiClient(new HttpClient(handler), new Uri("https://api.example.test"), null, "CreateOs/test", TimeSpan.FromSeconds(30), new RetryPolicy(3, seed: 1));
        using var ctrlC = new CancellationTokenSource();
        client.OnRetry = (_, _, _) => ctrlC.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), ctrlC.Token));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_Retry_After_of_years_pauses_the_gateway_budget_for_at_most_its_window()
    {
        var now = DateTimeOffset.UnixEpoch;
        var waits = new List<TimeSpan>();
        var budget = new RequestBudget(28, TimeSpan.FromSeconds(62), () => now, (wait, _) => { waits.Add(wait); now += wait; return Task.CompletedTask; });
        budget.PauseFor(TimeSpan.FromSeconds(99999999));
        await budget.AcquireAsync(CancellationToken.None);
        Assert.True(now - DateTimeOffset.UnixEpoch <= budget.Window + budget.SustainedInterval, $"the next call waited {now - DateTimeOffset.UnixEpoch}");
    }

    [Theory]
    [InlineData(99999999.0, 65.0)]
    [InlineData(86400.0, 65.0)]
    [InlineData(20.0, 20.0)]
    [InlineData(0.0, 0.0)]
    public void A_paid_submit_waits_its_Retry_After_but_never_longer_than_the_gateway_cap(double retryAfterSeconds, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), MppDeployFlow.WaitBeforeResubmit(TimeSpan.FromSeconds(retryAfterSeconds), attempt: 1));
        Assert.Equal(MppGatewayClient.LongestRetryAfterWait, TimeSpan.FromSeconds(65));
    }

    // ---- redirects ----

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_another_origin_is_not_followed_and_the_api_key_never_reaches_it(int status)
    {
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        var elsewherePort = ((IPEndPoint)elsewhere.LocalEndpoint).Port;
        using var api = new TcpListener(IPAddress.Loopback, 0);
        api.Start();
        var apiPort = ((IPEndPoint)api.LocalEndpoint).Port;
        var served = Task.Run(async () =>
        {
            using var connection = await api.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            var buffer = new byte[8192];
            var read = 0;
            while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                read += await stream.ReadAsync(buffer.AsMemory(read));
            var answer = $"HTTP/1.1 {status} Moved\r\nLocation: http://127.0.0.1:{elsewherePort}/steal\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        });
        // The module's own transport, as every session uses it.
        var client = new JsonApiClient(HttpTransport.Shared, new Uri($"http://127.0.0.1:{apiPort}/"), (m, _) => m.Headers.Add("X-Api-Key", "skp_secret"), "CreateOs/test", TimeSpan.FromSeconds(10), RetryPolicy.None);
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/projects"), CancellationToken.None));
        await served;
        Assert.Equal(status, ex.Status);
        Assert.False(elsewhere.Pending(), "the redirect was followed to another origin");
    }

    // ---- the deployment status poll ----

    private static MppGatewayClient Gateway(FakeHandler handler) =>
        new(new HttpClient(handler), new Uri("https://gateway.example.test/"), null, "CreateOs/test", TimeSpan.FromSeconds(30), maxAttempts: 1);

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("file:///home/user/.ssh/id_ed25519")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/relative/path")]
    [InlineData("https://user:password@app.example")]
    [InlineData("ftp://app.example/")]
    public async Task A_ready_deployment_whose_endpoint_is_not_an_http_address_shows_no_endpoint(string endpoint)
    {
        var handler = new FakeHandler();
        handler.Respond(200, "{\"status\":\"ready\",\"deployment_id\":\"d1\",\"endpoint\":" + Newtonsoft.Json.JsonConvert.ToString(endpoint) + "}");
        handler.Respond(200, "{\"projects\":[{\"id\":\"p1\",\"name\":\"app\",\"status\":\"deployed\",\"url\":" + Newtonsoft.Json.JsonConvert.ToString(endpoint) + "}]}");
        var gateway = Gateway(handler);
        var status = await gateway.GetStatusAsync("p1", "d1", CancellationToken.None);
        Assert.True(status.IsReady);
        Assert.Null(status.Endpoint);
        var project = Assert.Single(await gateway.GetProjectsAsync(CancellationToken.None));
        Assert.Null(project.Url);
    }

    [Fact]
    public async Task An_http_endpoint_with_control_characters_is_shown_without_them()
    {
        var handler = new FakeHandler();
        handler.Respond(200, "{\"status\":\"ready\",\"deployment_id\":\"d1\",\"endpoint\":\"https://app.example/\\u001b]8;;https://evil.example\\u0007\"}");
        var status = await Gateway(handler).GetStatusAsync("p1", "d1", CancellationToken.None);
        Assert.NotNull(status.Endpoint);
        Assert.StartsWith("https://app.example/", status.Endpoint);
        Assert.DoesNotContain(status.Endpoint!, c => char.IsControl(c));
    }

    [Fact]
    public async Task A_status_about_another_deployment_is_refused_not_taken_for_ours()
    {
        var handler = new FakeHandler();
        handler.Respond(200, "{\"status\":\"ready\",\"deployment_id\":\"someone-elses\",\"endpoint\":\"https://other.example\"}");
        handler.Respond(200, "{\"status\":\"deploying\",\"deployment_status\":\"building\"}");
        var gateway = Gateway(handler);
        var ex = await Assert.ThrowsAsync<ApiException>(() => gateway.GetStatusAsync("p1", "d1", CancellationToken.None));
        Assert.Equal(ApiFailureKind.InvalidResponse, ex.Kind);
        Assert.Contains("someone-elses", ex.Message);
        // An answer that does not name the deployment is about the one asked for.
        Assert.Equal("d1", (await gateway.GetStatusAsync("p1", "d1", CancellationToken.None)).DeploymentId);
    }
}
