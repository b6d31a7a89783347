using System.Diagnostics;
using System.Globalization;
using CreateOs.Core.Chain;
using CreateOs.Sandbox.Chains;
using Newtonsoft.Json.Linq;

namespace CreateOs.Bench;

/// <summary>
/// Issue 15 (3): how long after a transfer's block is made the module's receipt wait returns, on anvil chains that mine
/// on a schedule like the real ones (arbitrum every 0.25 s, base every 2 s). Each round sends a transfer at a random
/// moment within the block interval, then two pollers watch it at once: the module's <see cref="ReceiptWaiter"/> and, as
/// the baseline, the previous schedule (0, 0.5, 1.5, 3.5 s … after sending, whatever the chain). A third task watches
/// eth_blockNumber every 5 ms to time each block's appearance. Goal: median lag ≤ 0.5 block on each chain.
/// </summary>
public sealed class ReceiptLatencyBenchmark : IBenchmark
{
    private const double GoalBlocks = 0.5;
    private static readonly string DevAccount = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // anvil's unlocked account 0

    public string Name => "receipt-latency";
    public string Description => "[rounds=20]: block made -> receipt wait returned on 0.25 s (arbitrum) and 2 s (base) anvil chains, vs the old fixed backoff; goal median <= 0.5 block";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 20;
        var blockTimes = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
        {
            ["arbitrum"] = TokenRegistry.Arbitrum.BlockTime,
            ["base"] = TokenRegistry.Base.BlockTime,
        };
        await using var chains = await SandboxChains.StartAsync(new SandboxChainOptions { BlockTimes = blockTimes });
        var random = new Random();
        var met = true;
        foreach (var info in new[] { TokenRegistry.Arbitrum, TokenRegistry.Base })
        {
            var url = new Uri(chains.GetChain(info.Name).RpcUrl);
            using var http = new HttpClient();
            var rpc = new EthRpcClient(http, url);
            var ours = new List<double>();
            var old = new List<double>();
            var requests = new List<int>();
            for (var i = 0; i < rounds; i++)
            {
                await Task.Delay(TimeSpan.FromTicks((long)(random.NextDouble() * info.BlockTime.Ticks)));
                using var watching = new CancellationTokenSource();
                var blockSeen = new Dictionary<ulong, DateTimeOffset>();
                var watcher = WatchBlocksAsync(new EthRpcClient(http, url), blockSeen, watching.Token);
                var hash = (string)(await rpc.RequestAsync("eth_sendTransaction", new object?[] { new JObject { ["from"] = DevAccount, ["to"] = DevAccount, ["value"] = "0x1" } }))!;
                var counting = new CountingHandler();
                var ourRpc = new EthRpcClient(new HttpClient(counting), url);
                var oursTask = Task.Run(async () => { var w = await new ReceiptWaiter(ourRpc, info).WaitAsync(hash, TimeSpan.FromMinutes(1)); return (DateTimeOffset.UtcNow, w.Receipt!.BlockNumber); });
                var oldTask = Task.Run(() => OldScheduleAsync(new EthRpcClient(http, url), hash));
                var (oursAt, block) = await oursTask;
                var oldAt = await oldTask;
                await Task.Delay(50);
                watching.Cancel();
                await watcher;
                DateTimeOffset made;
                lock (blockSeen) made = blockSeen.Where(b => b.Key >= block).Select(b => b.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
                if (made == DateTimeOffset.MaxValue) throw new InvalidOperationException("the block watcher missed the block");
                ours.Add((oursAt - made).TotalSeconds / info.BlockTime.TotalSeconds);
                old.Add((oldAt - made).TotalSeconds / info.BlockTime.TotalSeconds);
                requests.Add(counting.Count);
            }
            var median = PaidDeployBench.Median(ours);
            var oldMedian = PaidDeployBench.Median(old);
            Console.WriteLine(FormattableString.Invariant(
                $"{info.DisplayName} ({info.BlockTime.TotalSeconds:0.##} s blocks), {rounds} transfers: lag after the block median {median:0.00} blocks ({median * info.BlockTime.TotalMilliseconds:0} ms), p90 {PaidDeployBench.Quantile(ours, 0.9):0.00} (goal median <= {GoalBlocks}); {PaidDeployBench.Median(requests.Select(n => (double)n)):0} RPC requests per wait"));
            Console.WriteLine(FormattableString.Invariant(
                $"  baseline, the fixed 0.5 s doubling backoff: median {oldMedian:0.00} blocks ({oldMedian * info.BlockTime.TotalMilliseconds:0} ms), p90 {PaidDeployBench.Quantile(old, 0.9):0.00}; ratio {median / oldMedian:0.00}"));
            met &= median <= GoalBlocks;
        }
        return met ? 0 : 1;
    }

    /// <summary>Records when each block number is first seen (polling every 5 ms).</summary>
    private static async Task WatchBlocksAsync(EthRpcClient rpc, Dictionary<ulong, DateTimeOffset> seen, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var number = (ulong)Convert.ToInt64((string)(await rpc.RequestAsync("eth_blockNumber", Array.Empty<object?>(), stop))!, 16);
                var now = DateTimeOffset.UtcNow;
                lock (seen) seen.TryAdd(number, now);
                await Task.Delay(5, stop);
            }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>The schedule before issue 15: first poll at once, then 0.5 s doubling to 5 s.</summary>
    private static async Task<DateTimeOffset> OldScheduleAsync(EthRpcClient rpc, string hash)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            if (await rpc.GetTransactionReceiptAsync(hash) != null) return DateTimeOffset.UtcNow;
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public CountingHandler() : base(new HttpClientHandler()) { }
        public int Count;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
