using CreateOs.Core.Gateway;

namespace CreateOs.Core.Tests.Gateway;

public class JournalAndBudgetTests
{
    private static PaymentJournal NewJournal() => new(Directory.CreateTempSubdirectory("journal-").FullName);

    [Fact]
    public void Records_round_trip_with_their_history_and_no_temp_files_remain()
    {
        var journal = NewJournal();
        var record = new PaymentRecord { Wallet = "0xabc", GatewayUri = "http://gw/", UniqueName = "my-app", AmountToken = "500000", TransactionHash = "0x" + new string('1', 64) };
        journal.Advance(record, PaymentState.Quoted, "quote");
        journal.Advance(record, PaymentState.Signed, "signed");
        var read = journal.Find(record.Id)!;
        Assert.Equal(PaymentState.Signed, read.State);
        Assert.Equal(new[] { PaymentState.Quoted, PaymentState.Signed }, read.History.Select(h => h.State));
        Assert.Equal(record.TransactionHash, read.TransactionHash);
        Assert.Empty(Directory.GetFiles(journal.Directory, "*.tmp"));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(journal.Directory, record.Id + ".json")));
    }

    [Fact]
    public void Unfinished_lists_only_open_records_of_that_wallet_and_gateway()
    {
        var journal = NewJournal();
        journal.Save(new PaymentRecord { Wallet = "0xAbC", GatewayUri = "http://gw/", State = PaymentState.Mined });
        journal.Save(new PaymentRecord { Wallet = "0xabc", GatewayUri = "http://gw", State = PaymentState.Accepted });
        journal.Save(new PaymentRecord { Wallet = "0xdef", GatewayUri = "http://gw/", State = PaymentState.Broadcast });
        journal.Save(new PaymentRecord { Wallet = "0xabc", GatewayUri = "http://other/", State = PaymentState.Broadcast });
        Assert.Single(journal.Unfinished("0xabc", "http://gw/"));
    }

    [Fact]
    public void The_wallet_lock_excludes_a_second_holder_until_released()
    {
        var journal = NewJournal();
        using (journal.LockWallet("0xabc", TimeSpan.Zero, CancellationToken.None))
        {
            var ex = Assert.Throws<IOException>(() => journal.LockWallet("0xabc", TimeSpan.FromMilliseconds(200), CancellationToken.None));
            Assert.Contains("Another CreateOs session", ex.Message);
            using var other = journal.LockWallet("0xdef", TimeSpan.Zero, CancellationToken.None);
        }
        using var again = journal.LockWallet("0xabc", TimeSpan.Zero, CancellationToken.None);
    }

    [Fact]
    public async Task The_budget_never_allows_more_than_its_maximum_in_a_window()
    {
        var now = DateTimeOffset.UnixEpoch;
        var waits = new List<TimeSpan>();
        var budget = new RequestBudget(3, TimeSpan.FromSeconds(60), () => now, (wait, _) => { waits.Add(wait); now += wait; return Task.CompletedTask; });
        for (var i = 0; i < 7; i++)
        {
            await budget.AcquireAsync(CancellationToken.None);
            now += TimeSpan.FromSeconds(1);
        }
        Assert.Equal(2, waits.Count);
        Assert.True(budget.UsedInWindow <= 3);
        Assert.Equal(TimeSpan.FromSeconds(57), waits[0]);
    }
}
