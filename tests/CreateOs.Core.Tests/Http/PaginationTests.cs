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
}
