using CreateOs.Core.Api;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Tests.Http;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Tests.Platform;

/// <summary>The sources disagree (reference §9): the client reads every documented variant.</summary>
public class ToleranceTests
{
    private static (CreateOsClient Api, FakeHandler Handler) Create()
    {
        var handler = new FakeHandler();
        var http = new JsonApiClient(new HttpClient(handler), new Uri("https://api.example.test"), (m, _) => m.Headers.Add("X-Api-Key", "skp_test"), "CreateOs/test", TimeSpan.FromSeconds(30), new RetryPolicy(1, seed: 1));
        return (new CreateOsClient(http), handler);
    }

    [Fact]
    public void Repositories_read_camelCase_and_snake_case()
    {
        var camel = Json.ToObject<GitHubRepository>(JObject.Parse("""{"id":98765,"name":"r","fullName":"o/r","defaultBranch":"main"}"""))!;
        var snake = Json.ToObject<GitHubRepository>(JObject.Parse("""{"id":98765,"name":"r","full_name":"o/r","default_branch":"main"}"""))!;
        Assert.Equal(("98765", "o/r", "main"), (camel.Id, camel.FullName, camel.DefaultBranch));
        Assert.Equal(("98765", "o/r", "main"), (snake.Id, snake.FullName, snake.DefaultBranch));
    }

    [Fact]
    public void Seed_spellings_of_deployment_states_are_mapped()
    {
        Assert.Equal("queue", Json.ToObject<Deployment>(JObject.Parse("""{"id":"d","status":"queued"}"""))!.Status);
        Assert.True(DeploymentStates.IsFailed("failed"));
        Assert.True(DeploymentStates.IsFailed("build_error"));
        Assert.True(DeploymentStates.IsSucceeded("successful"));
    }

    [Fact]
    public void A_bare_endpoint_host_gets_https()
    {
        var deployment = Json.ToObject<Deployment>(JObject.Parse("""{"id":"d","extra":{"endpoint":"my-app.createos.io"}}"""))!;
        Assert.Equal("https://my-app.createos.io", deployment.Endpoint);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://my-app.createos.io")]
    [InlineData("https://user:secret@my-app.createos.io")]
    [InlineData("   ")]
    public void An_endpoint_that_is_no_web_address_is_dropped_from_deployments_and_environments(string hostile)
    {
        var extra = new JObject { ["endpoint"] = hostile };
        Assert.Null(Json.ToObject<Deployment>(new JObject { ["id"] = "d", ["extra"] = extra })!.Endpoint);
        Assert.Null(Json.ToObject<ProjectEnvironment>(new JObject { ["id"] = "e", ["extra"] = extra })!.Endpoint);
    }

    [Fact]
    public void An_environment_endpoint_keeps_an_http_url_and_gives_a_bare_host_https()
    {
        Assert.Equal("https://env.createos.io", Json.ToObject<ProjectEnvironment>(JObject.Parse("""{"id":"e","extra":{"endpoint":"env.createos.io"}}"""))!.Endpoint);
        Assert.Equal("http://127.0.0.1:8080/", Json.ToObject<ProjectEnvironment>(JObject.Parse("""{"id":"e","extra":{"endpoint":"http://127.0.0.1:8080/"}}"""))!.Endpoint);
    }

    [Fact]
    public void Domain_records_are_flattened_from_both_shapes()
    {
        var cli = Json.ToObject<Domain>(JObject.Parse("""{"id":"x","name":"a.example.com","records":{"txt_records":[{"name":"_v.a.example.com","value":"t"}],"a_records":[{"name":"a.example.com","value":"1.2.3.4"}]}}"""))!;
        Assert.Equal(new[] { "TXT _v.a.example.com t", "A a.example.com 1.2.3.4" }, cli.Records.Select(r => r.ToString()));
        Assert.True(cli.RecordData.ContainsKey("txt_records"));
        var seed = Json.ToObject<Domain>(JObject.Parse("""{"id":"x","name":"a.example.com","records":{"cname":{"name":"a.example.com","value":"app.createos.io"}}}"""))!;
        Assert.Equal("CNAME a.example.com app.createos.io", Assert.Single(seed.Records).ToString());
    }

    [Fact]
    public async Task The_aggregate_analytics_without_a_data_wrapper_is_read_from_the_root()
    {
        var (api, handler) = Create();
        handler.Respond(200, """{"overallRequests":{"total":3,"success":2,"client":1,"server":0},"rpm":{"peak":2,"average":1.5},"successPercentage":66.67,"topHitPaths":[{"path":"/","count":3}],"topErrorPaths":[],"requestDistribution":[{"status":"200","count":2}]}""");
        var start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var result = await api.Analytics.GetAsync("p", "e", AnalyticsMetric.Summary, start, start.AddHours(1), CancellationToken.None);
        var summary = (AnalyticsSummary)Assert.Single(result);
        Assert.Equal(3, summary.OverallRequests!.Total);
        Assert.Equal(66.67, summary.SuccessPercentage);
        Assert.Contains("start=1700000000&end=1700003600", handler.Requests.Single().Uri.Query);
    }

    [Fact]
    public async Task No_api_keys_is_an_empty_list_and_the_seeds_key_field_is_read_as_the_secret()
    {
        var (api, handler) = Create();
        handler.Respond(404, """{"status":"fail","data":"no API keys found"}""");
        Assert.Empty(await api.ApiKeys.ListAsync(CancellationToken.None));

        handler.Respond(201, """{"status":"success","data":{"id":"k1","name":"n","key":"skp_seed_shape","expiryAt":"2030-01-01T00:00:00Z"}}""");
        var (id, secret) = await api.ApiKeys.CreateAsync("ci-key", DateTimeOffset.UtcNow.AddDays(1), null, CancellationToken.None);
        Assert.Equal(("k1", "skp_seed_shape"), (id, secret));
    }

    [Fact]
    public async Task Trigger_latest_accepts_an_id_or_a_message_and_sends_branch_in_the_query()
    {
        var (api, handler) = Create();
        handler.Respond(200, """{"status":"success","data":{"id":"d1"}}""");
        handler.Respond(200, """{"status":"success","data":"deployment already triggered"}""");
        var created = await api.Deployments.TriggerLatestAsync("p", "main", CancellationToken.None);
        var already = await api.Deployments.TriggerLatestAsync("p", null, CancellationToken.None);
        Assert.Equal("d1", created.DeploymentId);
        Assert.Equal("deployment already triggered", already.Message);
        Assert.Equal("?branch=main", handler.Requests[0].Uri.Query);
    }

    [Fact]
    public async Task Transfer_is_a_GET_that_is_never_retried()
    {
        var handler = new FakeHandler();
        var http = new JsonApiClient(new HttpClient(handler), new Uri("https://api.example.test"), null, "CreateOs/test", TimeSpan.FromSeconds(30), new RetryPolicy(4, baseDelay: TimeSpan.FromMilliseconds(1), seed: 1));
        var api = new CreateOsClient(http);
        handler.Respond(502, "bad gateway");
        handler.Respond(200, """{"status":"success","data":"project transferred successfully"}""");
        await Assert.ThrowsAsync<ApiException>(() => api.Transfers.AcceptAsync("p", "jwt", CancellationToken.None));
        Assert.Single(handler.Requests);
    }
}
