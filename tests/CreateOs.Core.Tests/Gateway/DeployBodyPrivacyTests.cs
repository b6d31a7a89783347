using System.Text;
using CreateOs.Core.Gateway;
using CreateOs.Core.Models;
using CreateOs.Core.Packaging;
using CreateOs.Core.Tests.Packaging;

namespace CreateOs.Core.Tests.Gateway;

/// <summary>The deploy body holds the upload and the -RunEnvs values: owner-only from its first moment, in the journal folder, and gone when unused.</summary>
public class DeployBodyPrivacyTests
{
    private const string Secret = "sk_live_do_not_leak_4242";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static PaymentJournal NewJournal() => new(Path.Combine(Directory.CreateTempSubdirectory("journal-").FullName, "payments"));

    private static async Task<GatewayDeployBody> WriteBodyAsync(PaymentJournal journal, TempFolder app)
    {
        var spec = new GatewayDeploySpec
        {
            UniqueName = "body-test",
            DisplayName = "Body Test",
            Settings = new ProjectSettings { Port = 80, Runtime = "build-ai", UseBuildAI = true, RunEnvs = new() { ["API_SECRET"] = Secret } },
        };
        return await GatewayDeployBody.WriteAsync(spec, UploadPlanner.Plan(app.Root), journal, null, CancellationToken.None);
    }

    [Fact]
    public void Private_files_are_created_owner_only_by_open_itself_not_restricted_afterwards()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("private-").FullName, "f");
        using (PrivateFile.CreateNew(path))
        {
            // Nothing written yet, the handle still open: the mode was set by the creation, not by a later chmod.
            if (!OperatingSystem.IsWindows()) Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        }
        Assert.True(PrivateFile.IsAtomic);
        Assert.Throws<IOException>(() => PrivateFile.CreateNew(path));
    }

    [Fact]
    public async Task The_deploy_body_is_owner_only_in_the_journal_folder_never_in_the_temp_folder_and_deleted_when_done()
    {
        using var app = new TempFolder().File("index.html", "<h1>hi</h1>");
        var journal = NewJournal();
        var tempBefore = Directory.GetFiles(Path.GetTempPath(), "createos-deploy-*").Length;
        string path;
        using (var body = await WriteBodyAsync(journal, app))
        {
            path = body.Path;
            Assert.Equal(journal.Directory, Path.GetDirectoryName(path));
            Assert.Contains(Secret, File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
                Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(journal.Directory));
            }
            Assert.Equal(tempBefore, Directory.GetFiles(Path.GetTempPath(), "createos-deploy-*").Length);
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_body_left_by_a_killed_run_is_swept_by_the_next_run_while_a_live_runs_body_is_kept()
    {
        using var app = new TempFolder().File("index.html", "<h1>hi</h1>");
        var journal = NewJournal();
        using var live = await WriteBodyAsync(journal, app);

        // What kill -9 leaves: the body on disk, no process holding it.
        string killed;
        using (var orphan = await WriteBodyAsync(journal, app))
        {
            killed = Path.Combine(journal.Directory, "pending-" + Guid.NewGuid().ToString("N") + ".body.json");
            File.Copy(orphan.Path, killed);
        }
        var finished = new PaymentRecord { Wallet = "0xabc", GatewayUri = "http://gw/", State = PaymentState.Accepted };
        journal.Save(finished);
        File.WriteAllText(journal.BodyPathOf(finished.Id), "{\"settings\":{\"runEnvs\":{\"API_SECRET\":\"" + Secret + "\"}}}");
        var open = new PaymentRecord { Wallet = "0xabc", GatewayUri = "http://gw/", State = PaymentState.NeedsReconcile };
        journal.Save(open);
        File.WriteAllText(journal.BodyPathOf(open.Id), "{}");

        Assert.Equal(2, journal.SweepStaleBodies());
        Assert.False(File.Exists(killed));
        Assert.False(File.Exists(journal.BodyPathOf(finished.Id)));
        Assert.True(File.Exists(live.Path));
        Assert.True(File.Exists(journal.BodyPathOf(open.Id)));
        Assert.DoesNotContain(Directory.GetFiles(journal.Directory), f => File.ReadAllText(f).Contains(Secret) && f != live.Path);
    }
}
