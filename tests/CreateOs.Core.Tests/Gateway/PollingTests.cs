using System.Net;
using System.Text;
using CreateOs.Core.Gateway;
using CreateOs.Core.Http;
using Xunit;
using Xunit.Abstractions;

namespace CreateOs.Core.Tests.Gateway;

/// <summary>The session's token bucket and the poll schedule, on a fake clock (no test here waits in wall time).</summary>
public sealed class PollingTests(ITestOutputHelper output)
{
    private sealed class FakeClock
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;
        public List<TimeSpan> Waits { get; } = new();

        public Task Delay(TimeSpan wait, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            Waits.Add(wait);
            Now += wait;
            return Task.CompletedTask;
        }
    }

    private static int MostInAnyWindow(IReadOnlyList<DateTimeOffset> times, TimeSpan window) =>
        times.Select(t => times.Count(u => u >= t && u < t + window)).DefaultIfEmpty(0).Max();

    [Fact]
    public async Task The_bucket_never_lets_more_than_its_maximum_through_in_any_window_whatever_the_demand()
    {
        var clock = new FakeClock();
        var budget = new RequestBudget(28, TimeSpan.FromSeconds(62), () => clock.Now, clock.Delay);
        var random = new Random(7);
        var sent = new List<DateTimeOffset>();
        for (var i = 0; i < 400; i++)
        {
            await budget.AcquireAsync(CancellationToken.None);
            sent.Add(clock.Now);
            clock.Now += TimeSpan.FromMilliseconds(random.Next(0, 3000));
        }
        Assert.Equal(28, MostInAnyWindow(sent, TimeSpan.FromSeconds(62)));
        Assert.True(MostInAnyWindow(sent, TimeSpan.FromSeconds(60)) <= 30, "never over the gateway's 30 a minute");
    }

    [Fact]
    public async Task A_token_comes_back_one_window_after_it_was_spent()
    {
        var clock = new FakeClock();
        var budget = new RequestBudget(3, TimeSpan.FromSeconds(60), () => clock.Now, clock.Delay);
        for (var i = 0; i < 3; i++) { await budget.AcquireAsync(CancellationToken.None); clock.Now += TimeSpan.FromSeconds(10); }
        Assert.Equal(0, budget.Available);
        clock.Now = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(60);
        Assert.Equal(1, budget.Available);
        Assert.Equal(TimeSpan.FromSeconds(20), budget.SustainedInterval);
    }

    [Fact]
    public async Task A_429_stops_every_call_of_the_session_until_its_Retry_After_then_refills_at_the_sustained_pace()
    {
        var clock = new FakeClock();
        var budget = new RequestBudget(6, TimeSpan.FromSeconds(60), () => clock.Now, clock.Delay);
        await budget.AcquireAsync(CancellationToken.None);
        budget.PauseFor(TimeSpan.FromSeconds(15));
        Assert.Equal(0, budget.Available);
        await budget.AcquireAsync(CancellationToken.None);
        Assert.Equal(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(25), clock.Now); // 15 s pause, then one sustained interval (60/6)
        await budget.AcquireAsync(CancellationToken.None);
        Assert.Equal(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(35), clock.Now);
    }

    [Fact]
    public void A_429_without_Retry_After_pauses_one_sustained_interval()
    {
        var clock = new FakeClock();
        var budget = new RequestBudget(30, TimeSpan.FromSeconds(60), () => clock.Now, clock.Delay);
        budget.PauseFor(null);
        Assert.Equal(0, budget.Available);
        clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(0, budget.Available);
        clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(1, budget.Available);
    }

    [Fact]
    public void The_schedule_starts_at_its_minimum_grows_through_the_eager_period_and_then_keeps_the_sustained_pace()
    {
        var schedule = PollSchedule.ForBudget(28, TimeSpan.FromSeconds(62));
        Assert.Equal(TimeSpan.FromMilliseconds(250), schedule.NextInterval(TimeSpan.Zero, 24));
        var early = schedule.NextInterval(TimeSpan.FromSeconds(5), 20);
        var later = schedule.NextInterval(TimeSpan.FromSeconds(30), 10);
        Assert.True(early < later, $"{early} < {later}");
        Assert.True(later <= schedule.MaxInterval);
        Assert.Equal(TimeSpan.FromSeconds(62.0 / 28), schedule.NextInterval(TimeSpan.FromSeconds(62), 3));
        Assert.Equal(schedule.SustainedInterval, schedule.NextInterval(TimeSpan.FromSeconds(10), 0));
    }

    [Fact]
    public void The_schedule_spreads_fewer_tokens_more_thinly()
    {
        var schedule = PollSchedule.ForBudget(28, TimeSpan.FromSeconds(62));
        Assert.True(schedule.NextInterval(TimeSpan.FromSeconds(10), 5) > schedule.NextInterval(TimeSpan.FromSeconds(10), 20));
    }

    [Fact]
    public void The_schedule_plans_exactly_the_tokens_it_has_for_the_eager_period()
    {
        // Following the schedule from the start with a full bucket uses about the bucket, not more.
        var schedule = PollSchedule.ForBudget(28, TimeSpan.FromSeconds(62));
        var elapsed = TimeSpan.Zero;
        var left = 24;
        var polls = 0;
        while (elapsed < schedule.EagerPeriod && left > 0)
        {
            left--;
            polls++;
            elapsed += schedule.NextInterval(elapsed, left);
        }
        Assert.InRange(polls, 20, 24);
    }

    /// <summary>A gateway answering status polls on the fake clock: deploying until <see cref="ReadyAt"/>, with a round trip of 20 ms.</summary>
    private sealed class FakeGateway : HttpMessageHandler
    {
        private readonly FakeClock _clock;
        public FakeGateway(FakeClock clock) => _clock = clock;
        public DateTimeOffset ReadyAt { get; set; }
        public List<DateTimeOffset> Requests { get; } = new();
        public Queue<TimeSpan?> TooManyRequests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(_clock.Now);
            _clock.Now += TimeSpan.FromMilliseconds(20);
            if (TooManyRequests.Count > 0)
            {
                var retryAfter = TooManyRequests.Dequeue();
                var refused = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("{\"error\":\"Rate limited\"}", Encoding.UTF8, "application/json") };
                if (retryAfter.HasValue) refused.Headers.TryAddWithoutValidation("Retry-After", ((int)retryAfter.Value.TotalSeconds).ToString());
                return Task.FromResult(refused);
            }
            var body = _clock.Now >= ReadyAt
                ? "{\"status\":\"ready\",\"deployment_id\":\"d1\",\"endpoint\":\"https://app.example\"}"
                : "{\"status\":\"deploying\",\"deployment_id\":\"d1\",\"deployment_status\":\"building\"}";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static (DeploymentWatcher Watcher, RequestBudget Budget) Watcher(FakeClock clock, FakeGateway gateway)
    {
        var budget = new RequestBudget(clock: () => clock.Now, delay: clock.Delay);
        var client = new MppGatewayClient(new HttpClient(gateway), new Uri("http://gateway.test/"), null, "test", TimeSpan.FromSeconds(30), budget) { Delay = clock.Delay };
        return (new DeploymentWatcher(client, clock.Delay, () => clock.Now), budget);
    }

    [Fact]
    public async Task Over_random_rollouts_ready_is_noticed_within_a_second_at_the_median_and_the_wallet_never_exceeds_30_a_minute()
    {
        var random = new Random(20260115);
        var lags = new List<double>();
        for (var round = 0; round < 150; round++)
        {
            var clock = new FakeClock();
            var gateway = new FakeGateway(clock);
            var (watcher, budget) = Watcher(clock, gateway);
            // The paid deploy itself: an existence check, the 402, the recipients and the paid POST just before acceptance.
            for (var i = 0; i < 4; i++) { await budget.AcquireAsync(CancellationToken.None); gateway.Requests.Add(clock.Now); clock.Now += TimeSpan.FromMilliseconds(300); }
            var rollout = TimeSpan.FromSeconds(Math.Exp(Math.Log(0.5) + random.NextDouble() * (Math.Log(600) - Math.Log(0.5))));
            gateway.ReadyAt = clock.Now + rollout;
            var status = await watcher.WaitAsync("p1", "d1", TimeSpan.FromMinutes(15), null, CancellationToken.None);
            Assert.True(status.IsReady);
            lags.Add((clock.Now - gateway.ReadyAt).TotalSeconds);
            Assert.True(MostInAnyWindow(gateway.Requests, TimeSpan.FromSeconds(60)) <= 30, $"rollout {rollout}: over 30 requests in a minute");
        }
        lags.Sort();
        output.WriteLine($"lag median {lags[lags.Count / 2]:0.000} s, p90 {lags[(int)(lags.Count * 0.9)]:0.000} s, max {lags[^1]:0.000} s");
        Assert.True(lags[lags.Count / 2] <= 1.0, $"median lag {lags[lags.Count / 2]:0.00} s");
        Assert.True(lags[(int)(lags.Count * 0.9)] <= 2.5, $"p90 lag {lags[(int)(lags.Count * 0.9)]:0.00} s");
    }

    [Fact]
    public async Task A_429_during_the_watch_is_waited_out_for_its_Retry_After_and_the_watch_goes_on()
    {
        var clock = new FakeClock();
        var gateway = new FakeGateway(clock) { ReadyAt = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(30) };
        gateway.TooManyRequests.Enqueue(TimeSpan.FromSeconds(20));
        var (watcher, budget) = Watcher(clock, gateway);
        var status = await watcher.WaitAsync("p1", "d1", TimeSpan.FromMinutes(5), null, CancellationToken.None);
        Assert.True(status.IsReady);
        Assert.True(gateway.Requests[1] - gateway.Requests[0] >= TimeSpan.FromSeconds(20), "the retry waited for Retry-After");
        Assert.True(MostInAnyWindow(gateway.Requests, TimeSpan.FromSeconds(60)) <= 30);
    }
    /// <summary>The REST API on the fake clock: the deployment is building until <see cref="ReadyAt"/>, then deployed; no new log lines.</summary>
    private sealed class FakeRestApi : HttpMessageHandler
    {
        private readonly FakeClock _clock;
        public FakeRestApi(FakeClock clock) => _clock = clock;
        public DateTimeOffset ReadyAt { get; set; }
        public List<DateTimeOffset> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(_clock.Now);
            _clock.Now += TimeSpan.FromMilliseconds(20);
            var body = request.RequestUri!.AbsolutePath.EndsWith("/build-logs", StringComparison.Ordinal)
                ? "{\"status\":\"success\",\"data\":[]}"
                : "{\"status\":\"success\",\"data\":{\"id\":\"d1\",\"projectId\":\"p1\",\"status\":\"" + (_clock.Now >= ReadyAt ? "deployed" : "building") + "\"}}";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private sealed class NoObserver : CreateOs.Core.Api.IDeploymentObserver
    {
        public void OnStatus(CreateOs.Core.Models.Deployment deployment, TimeSpan elapsed) { }
        public void OnLogLine(CreateOs.Core.Models.BuildLogLine line) { }
    }

    [Fact]
    public async Task Publish_Wait_follows_the_schedule_within_80_requests_a_minute_and_sees_deployed_within_a_poll()
    {
        var random = new Random(15);
        var lags = new List<double>();
        for (var round = 0; round < 40; round++)
        {
            var clock = new FakeClock();
            var api = new FakeRestApi(clock);
            var json = new JsonApiClient(new HttpClient(api), new Uri("http://api.test/"), null, "test", TimeSpan.FromSeconds(30), new RetryPolicy(1));
            var watcher = new CreateOs.Core.Api.DeploymentWatcher(new CreateOs.Core.Api.CreateOsClient(json), clock.Delay, () => clock.Now);
            api.ReadyAt = clock.Now + TimeSpan.FromSeconds(Math.Exp(Math.Log(0.5) + random.NextDouble() * (Math.Log(600) - Math.Log(0.5))));
            var deployment = await watcher.WaitAsync("p1", "d1", new NoObserver(), CancellationToken.None);
            Assert.Equal("deployed", deployment.Status);
            lags.Add((clock.Now - api.ReadyAt).TotalSeconds);
            Assert.True(MostInAnyWindow(api.Requests, TimeSpan.FromSeconds(60)) <= CreateOs.Core.Api.DeploymentWatcher.RequestsPerMinute);
            Assert.True(lags[^1] <= 3.1, $"lag {lags[^1]:0.00} s is more than the longest interval");
        }
        lags.Sort();
        output.WriteLine($"REST lag median {lags[lags.Count / 2]:0.000} s, p90 {lags[(int)(lags.Count * 0.9)]:0.000} s");
        Assert.True(lags[lags.Count / 2] <= 1.0, $"median lag {lags[lags.Count / 2]:0.00} s");
    }
}
