using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using CreateOs.Core.Http;

namespace CreateOs.Core.Tests.Http;

public class JsonApiClientTests
{
    private static (JsonApiClient Client, FakeHandler Handler, List<TimeSpan> Waits) Create(int maxAttempts = 4, TimeSpan? timeout = null)
    {
        var handler = new FakeHandler();
        var waits = new List<TimeSpan>();
        var client = new JsonApiClient(new HttpClient(handler), new Uri("https://api.example.test"), (m, _) => m.Headers.Add("X-Api-Key", "skp_test"), "CreateOs/test", timeout ?? TimeSpan.FromSeconds(30), new RetryPolicy(maxAttempts, seed: 1))
        {
            Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; },
        };
        return (client, handler, waits);
    }

    [Theory]
    [InlineData("{\"status\":\"success\",\"data\":{\"id\":\"p1\"}}")]
    [InlineData("{\"success\":true,\"data\":{\"id\":\"p1\"}}")]
    [InlineData("{\"data\":{\"id\":\"p1\"}}")]
    public async Task Success_envelopes_yield_the_data_payload(string body)
    {
        var (client, handler, _) = Create();
        handler.Respond(200, body);
        var response = await client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/projects/p1"), CancellationToken.None);
        Assert.Equal("p1", response.Payload!["id"]!.ToString());
    }

    [Fact]
    public async Task Each_request_carries_the_api_key_and_user_agent()
    {
        var (client, handler, _) = Create();
        handler.Respond(200, "{\"status\":\"success\",\"data\":\"ok\"}");
        await client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/users/me"), CancellationToken.None);
        Assert.Equal("skp_test", handler.Requests[0].Headers["X-Api-Key"]);
        Assert.Equal("CreateOs/test", handler.Requests[0].Headers["User-Agent"]);
        Assert.Equal("https://api.example.test/v1/users/me", handler.Requests[0].Uri.ToString());
    }

    [Theory]
    [InlineData(400, "{\"status\":\"fail\",\"data\":\"uniqueName is too short\"}", "uniqueName is too short")]
    [InlineData(404, "{\"success\":false,\"message\":\"project not found\"}", "project not found")]
    [InlineData(403, "{\"data\":\"forbidden\"}", "forbidden")]
    [InlineData(500, "{\"status\":\"error\",\"message\":\"boom\",\"code\":500}", "boom")]
    [InlineData(422, "{\"error\":\"wrong state\"}", "wrong state")]
    [InlineData(409, "{\"error\":{\"message\":\"name taken\"}}", "name taken")]
    [InlineData(400, "{\"status\":\"fail\",\"data\":{\"message\":\"nested message\"}}", "nested message")]
    [InlineData(502, "<html>Bad gateway</html>", "<html>Bad gateway</html>")]
    [InlineData(418, "", "request failed with status 418")]
    public async Task Error_bodies_of_every_documented_shape_become_ApiException_with_the_service_message(int status, string body, string expected)
    {
        var (client, handler, _) = Create(maxAttempts: 1);
        handler.Respond(status, body, r => r.Headers.Add("X-Request-Id", "req-42"));
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None));
        Assert.Equal(status, ex.Status);
        Assert.Equal(expected, ex.ServiceMessage);
        Assert.Equal("req-42", ex.RequestId);
        Assert.Equal(body, ex.RawBody);
        Assert.Equal(ApiFailureKind.ServiceError, ex.Kind);
    }

    [Fact]
    public async Task Http_200_with_status_fail_is_an_error()
    {
        var (client, handler, _) = Create();
        handler.Respond(200, "{\"status\":\"fail\",\"data\":\"project is not active\"}");
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Post, "v1/x"), CancellationToken.None));
        Assert.Equal("project is not active", ex.ServiceMessage);
        Assert.Equal(200, ex.Status);
    }

    [Fact]
    public async Task Retry_after_is_honoured_then_the_request_succeeds()
    {
        var (client, handler, waits) = Create();
        handler.Respond(503, "{\"status\":\"error\",\"message\":\"busy\"}", r => r.Headers.Add("Retry-After", "7"))
               .Respond(200, "{\"status\":\"success\",\"data\":\"ok\"}");
        var response = await client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None);
        Assert.Equal("ok", response.Payload!.ToString());
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, waits);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Backoff_grows_exponentially_with_jitter_and_stops_after_max_attempts()
    {
        var (client, handler, waits) = Create(maxAttempts: 4);
        for (var i = 0; i < 4; i++) handler.Respond(502, "{}");
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None));
        Assert.Equal(502, ex.Status);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(3, waits.Count);
        // Base 0.5 s doubling with jitter between half and all of the ceiling.
        Assert.InRange(waits[0].TotalMilliseconds, 250, 500);
        Assert.InRange(waits[1].TotalMilliseconds, 500, 1000);
        Assert.InRange(waits[2].TotalMilliseconds, 1000, 2000);
    }

    [Fact]
    public async Task A_post_is_not_retried_after_a_gateway_timeout_because_it_may_have_been_carried_out()
    {
        var (client, handler, _) = Create();
        handler.Respond(504, "{}");
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Post, "v1/projects"), CancellationToken.None));
        Assert.Equal(504, ex.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_post_is_retried_after_503_which_proves_it_was_not_carried_out()
    {
        var (client, handler, _) = Create();
        handler.Respond(503, "{}").Respond(201, "{\"status\":\"success\",\"data\":{\"id\":\"p\"}}");
        await client.SendAsync(new ApiRequest(HttpMethod.Post, "v1/projects"), CancellationToken.None);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_quota_429_without_retry_after_is_not_retried_for_a_post()
    {
        var (client, handler, _) = Create();
        handler.Respond(429, "{\"status\":\"fail\",\"data\":\"max projects reached\"}");
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Post, "v1/projects"), CancellationToken.None));
        Assert.Equal("max projects reached", ex.ServiceMessage);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_limit_is_reported_not_waited_for()
    {
        var (client, handler, waits) = Create();
        handler.Respond(429, "{}", r => r.Headers.Add("Retry-After", "3600"));
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None));
        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_even_for_a_post_because_nothing_was_sent()
    {
        var (client, handler, _) = Create();
        handler.Throw(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))
               .Respond(201, "{\"status\":\"success\",\"data\":{\"id\":\"p\"}}");
        await client.SendAsync(new ApiRequest(HttpMethod.Post, "v1/projects"), CancellationToken.None);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_reset_connection_fails_a_post_without_retry()
    {
        var (client, handler, _) = Create();
        handler.Throw(new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset)));
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Post, "v1/projects"), CancellationToken.None));
        Assert.Equal(ApiFailureKind.Connection, ex.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cancellation_stops_a_request_in_flight_long_before_the_session_timeout()
    {
        // The session would wait 10 minutes; only the cancellation can end the request within the liveness bound.
        var (client, handler, _) = Create(timeout: TimeSpan.FromMinutes(10));
        handler.Hang();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var request = client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task The_session_timeout_is_reported_as_a_timeout_not_a_cancellation()
    {
        var (client, handler, _) = Create(maxAttempts: 1, timeout: TimeSpan.FromMilliseconds(100));
        handler.Hang();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/x"), CancellationToken.None));
        Assert.Equal(ApiFailureKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task Query_values_are_escaped()
    {
        var (client, handler, _) = Create();
        handler.Respond(200, "{\"status\":\"success\",\"data\":[]}");
        await client.SendAsync(new ApiRequest(HttpMethod.Get, "v1/projects").WithQuery("name", "a b&c").WithQuery("limit", 20), CancellationToken.None);
        Assert.Equal("https://api.example.test/v1/projects?name=a%20b%26c&limit=20", handler.Requests[0].Uri.AbsoluteUri);
    }
}
