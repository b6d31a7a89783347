using CreateOs.Core.Gateway;

namespace CreateOs.Core.Tests.Gateway;

public class JournalAndBudgetTests
{
    private static PaymentJournal NewJournal() => new(Directory.CreateTempSubdirectory("journal-").FullName);

    private static string NewWalletAddress()
    {
        using var key = CreateOs.Core.Wallet.EthereumKey.Generate();
        return key.Address.ToChecksumString();
    }

    [Fact]
    public void Two_journal_folders_share_one_lock_per_wallet()
    {
        var wallet = NewWalletAddress();
        var first = NewJournal();
        var second = NewJournal();
        Assert.NotEqual(first.Directory, second.Directory);
        using (first.LockWallet(wallet, TimeSpan.Zero, CancellationToken.None))
        {
            var ex = Assert.Throws<IOException>(() => second.LockWallet(wallet.ToLowerInvariant(), TimeSpan.FromMilliseconds(150), CancellationToken.None));
            Assert.Contains("Another CreateOs session is paying from wallet", ex.Message);
            Assert.StartsWith(PaymentJournal.WalletLockDirectory(), ex.Message.Substring(ex.Message.IndexOf("(lock ", StringComparison.Ordinal) + 6));
        }
        using var afterwards = second.LockWallet(wallet, TimeSpan.Zero, CancellationToken.None);
    }

    [Fact]
    public void Only_an_accepted_payment_records_where_its_app_went_live_and_only_a_web_address()
    {
        var journal = NewJournal();
        var accepted = new PaymentRecord { Wallet = NewWalletAddress(), UniqueName = "my-app", State = PaymentState.Accepted };
        var broadcast = new PaymentRecord { Wallet = accepted.Wallet, UniqueName = "other-app", State = PaymentState.Broadcast };
        journal.Save(accepted);
        journal.Save(broadcast);

        journal.RecordEndpoint(accepted.Id, "javascript:alert(1)");
        journal.RecordEndpoint(broadcast.Id, "https://other-app.example/");
        journal.RecordEndpoint("no-such-payment", "https://my-app.example/");
        Assert.Null(journal.Find(accepted.Id)!.Endpoint);
        Assert.Null(journal.Find(broadcast.Id)!.Endpoint);

        journal.RecordEndpoint(accepted.Id, "https://my-app.example/");
        var saved = journal.Find(accepted.Id)!;
        Assert.Equal("https://my-app.example/", saved.Endpoint);
        Assert.Equal(PaymentState.Accepted, saved.State);
        Assert.Empty(saved.History);
    }

    [Fact]
    public void A_payment_left_unfinished_in_another_journal_folder_is_seen_through_the_wallet_lock()
    {
        var wallet = NewWalletAddress();
        var crashed = NewJournal();
        using (crashed.LockWallet(wallet, TimeSpan.Zero, CancellationToken.None))
            crashed.Save(new PaymentRecord { Wallet = wallet, GatewayUri = "http://127.0.0.1:8787/", UniqueName = "my-app", State = PaymentState.Broadcast });

        var other = NewJournal();
        using var walletLock = other.LockWallet(wallet, TimeSpan.Zero, CancellationToken.None);
        Assert.Contains(crashed.Directory, walletLock.JournalDirectories);
        Assert.Contains(other.Directory, walletLock.JournalDirectories);
        Assert.Empty(other.Unfinished(wallet, "http://localhost:8787"));
        var (directory, record) = Assert.Single(PaymentJournal.UnfinishedIn(other.Elsewhere(walletLock), wallet, "http://localhost:8787", "MY-APP"));
        Assert.Equal(crashed.Directory, directory);
        Assert.Equal(PaymentState.Broadcast, record.State);
        Assert.Empty(PaymentJournal.UnfinishedIn(other.Elsewhere(walletLock), wallet, "http://localhost:8787", "another-app"));
        Assert.Contains($"PaymentJournalDirectory = '{crashed.Directory}'", new PaymentUnfinishedElsewhereException(directory, record).Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8787/", "http://localhost:8787")]
    [InlineData("http://localhost:8787", "HTTP://LOCALHOST:8787/")]
    [InlineData("http://[::1]:8787/", "http://127.0.0.1:8787")]
    [InlineData("https://mpp-createos.nodeops.network", "https://MPP-CreateOS.nodeops.network:443/")]
    public void Unfinished_payments_are_found_whatever_the_spelling_of_the_gateway(string journaled, string asked)
    {
        var journal = NewJournal();
        var wallet = NewWalletAddress();
        journal.Save(new PaymentRecord { Wallet = wallet, GatewayUri = journaled, UniqueName = "my-app", State = PaymentState.Broadcast });
        var found = Assert.Single(journal.Unfinished(wallet.ToLowerInvariant(), asked));
        Assert.Equal("my-app", found.UniqueName);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8787/", "http://127.0.0.1:8788/")]
    [InlineData("http://localhost:8787/", "https://localhost:8787/")]
    [InlineData("https://mpp-createos.nodeops.network/", "https://mpp-createos.nodeops.network.evil.example/")]
    public void Another_gateway_is_not_the_same_one_by_spelling(string journaled, string asked)
    {
        var journal = NewJournal();
        var wallet = NewWalletAddress();
        journal.Save(new PaymentRecord { Wallet = wallet, GatewayUri = journaled, State = PaymentState.Broadcast });
        Assert.Empty(journal.Unfinished(wallet, asked));
    }

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
        var wallet = NewWalletAddress();
        using (journal.LockWallet(wallet, TimeSpan.Zero, CancellationToken.None))
        {
            var ex = Assert.Throws<IOException>(() => journal.LockWallet(wallet, TimeSpan.FromMilliseconds(200), CancellationToken.None));
            Assert.Contains("Another CreateOs session", ex.Message);
            using var other = journal.LockWallet(NewWalletAddress(), TimeSpan.Zero, CancellationToken.None);
        }
        using var again = journal.LockWallet(wallet, TimeSpan.Zero, CancellationToken.None);
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
