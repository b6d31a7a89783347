using CreateOs.Core.Api;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Tests.Http;

public class PaginationTests
{
    private static Page<int> PageOf(int total, int offset, int limit) =>
        new(Enumerable.Range(offset, Math.Max(0, Math.Min(limit, total - offset))).ToList(), total, offset);

    [Fact]
    public async Task Walks_every_page_and_delivers_each_as_it_arrives()
    {
        var requested = new List<(int Offset, int Limit)>();
        var pages = new List<int>();
        var total = await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { requested.Add((o, l)); return Task.FromResult(PageOf(45, o, l)); }, 0, null, items => pages.Add(items.Count), CancellationToken.None);
        Assert.Equal(45, total);
        Assert.Equal(new[] { (0, 20), (20, 20), (40, 20) }, requested);
        Assert.Equal(new[] { 20, 20, 5 }, pages);
    }

    [Fact]
    public async Task First_and_skip_ask_only_for_what_is_needed()
    {
        var requested = new List<(int Offset, int Limit)>();
        var items = new List<int>();
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { requested.Add((o, l)); return Task.FromResult(PageOf(100, o, l)); }, 5, 25, i => items.AddRange(i), CancellationToken.None);
        Assert.Equal(Enumerable.Range(5, 25), items);
        Assert.Equal(new[] { (5, 20), (25, 5) }, requested);
    }

    [Fact]
    public async Task An_empty_page_ends_the_walk_even_if_total_says_more()
    {
        var calls = 0;
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { calls++; return Task.FromResult(new Page<int>(Array.Empty<int>(), 50, o)); }, 0, null, _ => { }, CancellationToken.None);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_bare_array_is_a_single_page()
    {
        var body = JToken.Parse("{\"status\":\"success\",\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}");
        var page = CreateOsClient.ReadPage<Project>(new ApiResponse(200, body, null, new HttpResponseMessage().Headers), new ApiRequest(HttpMethod.Get, "v1/x"), 0);
        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.Total);
        Assert.True(page.IsLast);
    }

    [Fact]
    public void The_nested_envelope_is_read_with_its_pagination()
    {
        var body = JToken.Parse("{\"status\":\"success\",\"data\":{\"data\":[{\"id\":\"a\",\"uniqueName\":\"app-one\"}],\"pagination\":{\"total\":21,\"limit\":20,\"offset\":20,\"count\":1}}}");
        var page = CreateOsClient.ReadPage<Project>(new ApiResponse(200, body, null, new HttpResponseMessage().Headers), new ApiRequest(HttpMethod.Get, "v1/x"), 20);
        Assert.Equal("app-one", page.Items[0].UniqueName);
        Assert.Equal(21, page.Total);
        Assert.True(page.IsLast);
    }

    [Fact]
    public async Task A_bare_array_honours_skip_and_first_locally()
    {
        var items = new List<int>();
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => Task.FromResult(new Page<int>(Enumerable.Range(0, 10).ToList(), null, o)), 3, 4, i => items.AddRange(i), CancellationToken.None);
        Assert.Equal(new[] { 3, 4, 5, 6 }, items);
    }

    // Issue 11, item 12: a walk always ends, whatever the server claims.

    [Fact]
    public async Task A_server_claiming_int_max_total_that_repeats_its_page_stops_with_a_warning()
    {
        var calls = 0;
        var warnings = new List<string>();
        var items = new List<int>();
        var total = await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { calls++; return Task.FromResult(new Page<int>(Enumerable.Range(0, 20).ToList(), int.MaxValue, o)); },
            0, null, i => items.AddRange(i), CancellationToken.None, warnings.Add);
        Assert.Equal(2, calls);
        Assert.Equal(Enumerable.Range(0, 20), items);
        Assert.Equal(int.MaxValue, total);
        Assert.Contains("nothing new", Assert.Single(warnings));
    }

    [Fact]
    public async Task Pages_that_repeat_items_by_id_add_only_the_new_ones_and_stop_when_nothing_is_new()
    {
        var pages = new Queue<Page<string>>(new[]
        {
            new Page<string>(new[] { "a", "b" }, 100, 0, new[] { "id:a", "id:b" }, limit: 2),
            new Page<string>(new[] { "b", "c" }, 100, 2, new[] { "id:b", "id:c" }, limit: 2),
            new Page<string>(new[] { "a", "c" }, 100, 4, new[] { "id:a", "id:c" }, limit: 2),
        });
        var items = new List<string>();
        var warnings = new List<string>();
        await CreateOsClient.WalkPagesAsync<string>((o, l, _) => Task.FromResult(pages.Dequeue()), 0, null, i => items.AddRange(i), CancellationToken.None, warnings.Add);
        Assert.Equal(new[] { "a", "b", "c" }, items);
        Assert.Contains("nothing new", Assert.Single(warnings));
    }

    [Fact]
    public async Task A_short_page_that_contradicts_the_total_stops_with_a_warning()
    {
        var calls = 0;
        var warnings = new List<string>();
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { calls++; return Task.FromResult(new Page<int>(Enumerable.Range(o, 3).ToList(), int.MaxValue, o)); },
            0, null, _ => { }, CancellationToken.None, warnings.Add);
        Assert.Equal(1, calls);
        Assert.Contains("fewer than the 20 asked for", Assert.Single(warnings));
    }

    [Fact]
    public async Task A_short_page_is_fine_when_the_server_says_it_pages_by_fewer()
    {
        var calls = 0;
        var items = new List<int>();
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { calls++; return Task.FromResult(new Page<int>(Enumerable.Range(o, Math.Min(10, 35 - o)).ToList(), 35, o, null, limit: 10)); },
            0, null, i => items.AddRange(i), CancellationToken.None);
        Assert.Equal(4, calls);
        Assert.Equal(Enumerable.Range(0, 35), items);
    }

    [Fact]
    public async Task A_server_that_answers_another_offset_than_asked_stops_with_a_warning()
    {
        var calls = 0;
        var warnings = new List<string>();
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { calls++; return Task.FromResult(new Page<int>(Enumerable.Range(calls * 100, 20).ToList(), 1000, 0)); },
            0, null, _ => { }, CancellationToken.None, warnings.Add);
        Assert.Equal(2, calls);
        Assert.Contains("answered offset 0 when asked for 20", Assert.Single(warnings));
    }

    [Fact]
    public async Task An_endless_list_of_new_items_is_cut_at_the_page_cap_with_a_warning()
    {
        var calls = 0;
        var warnings = new List<string>();
        long delivered = 0;
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => { calls++; return Task.FromResult(new Page<int>(Enumerable.Range(o, l).ToList(), int.MaxValue, o)); },
            0, null, i => delivered += i.Count, CancellationToken.None, warnings.Add);
        Assert.Equal(CreateOsClient.MaxPages, calls);
        Assert.Equal(CreateOsClient.MaxPages * 20L, delivered);
        Assert.Contains($"Use -Skip {CreateOsClient.MaxPages * 20}", Assert.Single(warnings));
    }

    [Fact]
    public async Task A_page_larger_than_asked_gives_all_with_all_and_only_what_first_asks_otherwise()
    {
        Page<int> Big(int o) => new(Enumerable.Range(o, 50).ToList(), 100, o);
        var all = new List<int>();
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => Task.FromResult(Big(o)), 0, null, i => all.AddRange(i), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 100), all);
        var first = new List<int>();
        await CreateOsClient.WalkPagesAsync<int>((o, l, _) => Task.FromResult(Big(o)), 0, 7, i => first.AddRange(i), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 7), first);
    }
}
