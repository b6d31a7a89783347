using System.Management.Automation;
using CreateOs.Core;
using CreateOs.Core.Models;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

[Collection(SandboxCollection.Name)]
public class WalletAndSessionTests
{
    private readonly SandboxFixture _fixture;

    public WalletAndSessionTests(SandboxFixture fixture) => _fixture = fixture;

    [Fact]
    public void New_wallet_writes_an_owner_only_keystore_refuses_to_overwrite_and_connects()
    {
        using var ps = new PowerShellSession();
        var path = Path.Combine(Directory.CreateTempSubdirectory("wallet-").FullName, "w.json");
        ps.SetVariable("path", path);
        ps.SetVariable("pw", PowerShellSession.Secure("pw-1"));
        var created = (WalletFile)ps.Invoke("New-CreateOsWallet -Path $path -Password $pw -Light -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors);
        Assert.Matches("^0x[0-9a-fA-F]{40}$", created.Address);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
        Assert.Equal(3, (int)json["version"]!);
        Assert.Equal(created.Address[2..].ToLowerInvariant(), (string)json["address"]!);
        Assert.NotNull(json["crypto"]);

        var before = File.ReadAllText(path);
        ps.Invoke("New-CreateOsWallet -Path $path -Password $pw -Light -Confirm:$false");
        Assert.Contains("never overwritten", Assert.Single(ps.Errors).ToString());
        Assert.Equal(before, File.ReadAllText(path));

        var session = (CreateOsSession)ps.Invoke("Connect-CreateOsWallet -Path $path -Password $pw -PassThru").Single().BaseObject;
        Assert.Equal(created.Address, session.WalletAddress);
        Assert.Equal(created.Address, (string)ps.Invoke("(Get-CreateOsContext).WalletAddress").Single().BaseObject);
    }

    [Fact]
    public void New_wallet_refuses_an_empty_password_and_a_folder_as_path_before_writing_anything()
    {
        using var ps = new PowerShellSession();
        var folder = Directory.CreateTempSubdirectory("wallet-").FullName;
        ps.SetVariable("folder", folder);
        ps.SetVariable("path", Path.Combine(folder, "w.json"));
        ps.SetVariable("empty", new System.Security.SecureString());
        ps.SetVariable("pw", PowerShellSession.Secure("a long enough password"));

        ps.Invoke("New-CreateOsWallet -Path $path -Password $empty -Light -Confirm:$false");
        var empty = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.InvalidArgument, empty.CategoryInfo.Category);
        Assert.Contains("The password is empty", empty.ToString());
        ps.Errors.Clear();

        ps.Invoke("New-CreateOsWallet -Path $folder -Password $pw -Light -Confirm:$false");
        Assert.Equal($"{folder} is a folder; give the new keystore's file name, for example {Path.Combine(folder, "wallet.json")}.", Assert.Single(ps.Errors).Exception.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_short_password_for_a_standard_wallet_is_warned_about_and_a_light_test_wallet_is_not()
    {
        using var ps = new PowerShellSession();
        var folder = Directory.CreateTempSubdirectory("wallet-").FullName;
        ps.SetVariable("standard", Path.Combine(folder, "standard.json"));
        ps.SetVariable("light", Path.Combine(folder, "light.json"));
        ps.SetVariable("pw", PowerShellSession.Secure("short"));

        ps.Invoke("New-CreateOsWallet -Path $light -Password $pw -Light -Confirm:$false");
        Assert.Empty(ps.Warnings);
        ps.Invoke("New-CreateOsWallet -Path $standard -Password $pw -Confirm:$false");
        Assert.Empty(ps.Errors);
        Assert.Contains("The password has 5 characters", Assert.Single(ps.Warnings).Message);
        Assert.True(File.Exists(Path.Combine(folder, "standard.json")));
    }

    [Fact]
    public void A_keystore_named_with_an_ISO_time_holding_colons_is_created_and_connected_by_its_relative_name()
    {
        if (OperatingSystem.IsWindows()) return; // Windows file names cannot hold a colon
        using var ps = new PowerShellSession();
        var folder = Directory.CreateTempSubdirectory("wallet-").FullName;
        const string name = "UTC--2017-12-01T10:15:30.123Z--wallet";
        ps.SetVariable("pw", PowerShellSession.Secure("pw-1"));

        // PowerShell alone reads "UTC--2017-12-01T10:" as a drive and fails with DriveNotFound.
        ps.Runspace.SessionStateProxy.Path.SetLocation(WildcardPattern.Escape(folder));
        var created = (WalletFile)ps.Invoke($"New-CreateOsWallet -Path '{name}' -Password $pw -Light -Confirm:$false").Single().BaseObject;
        Assert.Empty(ps.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e));
        Assert.True(File.Exists(Path.Combine(folder, name)));
        var output = ps.Invoke($"Connect-CreateOsWallet -Path '{name}' -Password $pw -PassThru");
        Assert.Empty(ps.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e));
        Assert.Equal(created.Address, ((CreateOsSession)output.Single().BaseObject).WalletAddress);

        ps.Invoke("Connect-CreateOsWallet -Path 'UTC--2017-12-01T10:15:30.123Z--missing' -Password $pw");
        Assert.Contains("No keystore file at " + Path.Combine(folder, "UTC--2017-12-01T10:15:30.123Z--missing"), Assert.Single(ps.Errors).ToString());
    }

    [Fact]
    public void A_wrong_password_is_an_authentication_error_and_a_corrupt_file_a_data_error_naming_the_field()
    {
        using var ps = new PowerShellSession();
        var folder = Directory.CreateTempSubdirectory("wallet-").FullName;
        ps.SetVariable("path", Path.Combine(folder, "w.json"));
        ps.SetVariable("pw", PowerShellSession.Secure("right"));
        ps.SetVariable("wrong", PowerShellSession.Secure("wrong"));
        ps.Invoke("New-CreateOsWallet -Path $path -Password $pw -Light -Confirm:$false");
        var wrong = (ErrorRecord)ps.Invoke("try { Connect-CreateOsWallet -Path $path -Password $wrong } catch { $_ }").Single().BaseObject;
        Assert.Equal(ErrorCategory.AuthenticationError, wrong.CategoryInfo.Category);
        Assert.StartsWith("CreateOs.WalletPasswordIncorrect", wrong.FullyQualifiedErrorId);
        Assert.Null(ps.Invoke("(Get-CreateOsContext).WalletAddress").Single());

        var corrupt = Path.Combine(folder, "corrupt.json");
        File.WriteAllText(corrupt, """{"version":3,"crypto":{"cipher":"aes-128-ctr","ciphertext":"00","cipherparams":{"iv":"000102030405060708090a0b0c0d0e0f"},"kdf":"scrypt","kdfparams":{"dklen":32,"n":3,"r":8,"p":1,"salt":"00"},"mac":"0000000000000000000000000000000000000000000000000000000000000000"}}""");
        ps.SetVariable("corrupt", corrupt);
        ps.Invoke("Connect-CreateOsWallet -Path $corrupt -Password $pw");
        var data = Assert.Single(ps.Errors);
        Assert.Equal(ErrorCategory.InvalidData, data.CategoryInfo.Category);
        Assert.Contains("kdfparams", data.Exception.Message);
    }

    [Fact]
    public async Task Connect_CreateOsWallet_refuses_dev_zero_a_FIFO_and_a_100_MB_file_before_reading_them()
    {
        using var ps = new PowerShellSession();
        var folder = Directory.CreateTempSubdirectory("wallet-paths-").FullName;
        var big = Path.Combine(folder, "big.json");
        using (var file = File.Create(big)) file.SetLength(100L * 1024 * 1024);
        var paths = new List<string> { big };
        if (!OperatingSystem.IsWindows())
        {
            var fifo = Path.Combine(folder, "fifo.json");
            Assert.Equal(0, MakeFifo(System.Text.Encoding.UTF8.GetBytes(fifo + "\0"), Convert.ToUInt32("600", 8)));
            paths.Add(fifo);
            paths.Add("/dev/zero");
        }
        ps.SetVariable("pw", PowerShellSession.Secure("pw"));
        foreach (var path in paths)
        {
            // Run off the test thread: if the check came after opening, the FIFO would block and /dev/zero would never end.
            var connect = Task.Run(() => ps.Invoke("Connect-CreateOsWallet -Path $args[0] -Password $pw", path));
            Assert.True(await Task.WhenAny(connect, Task.Delay(TimeSpan.FromSeconds(60))) == connect, "Connect-CreateOsWallet read " + path);
        }

        Assert.Equal(paths.Count, ps.Errors.Count);
        Assert.All(ps.Errors, e =>
        {
            Assert.Equal("CreateOs.WalletKeystoreInvalid", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
        });
        Assert.Contains("at most 64 KB", ps.Errors[0].Exception.Message);
        Assert.Null(ps.Invoke("(Get-CreateOsContext).WalletAddress").Single());
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(byte[] path, uint mode);

    [Fact]
    public void Connect_with_a_credential_and_disconnect()
    {
        using var ps = new PowerShellSession();
        ps.SetVariable("cred", new PSCredential("ignored", PowerShellSession.Secure(SandboxFixture.ApiKey)));
        ps.Invoke("Connect-CreateOs -Credential $cred -ApiUri $args[0]", _fixture.ApiUri);
        Assert.NotEmpty(ps.Invoke("Get-CreateOsQuota"));
        ps.Invoke("Disconnect-CreateOs");
        Assert.False((bool)ps.Invoke("(Get-CreateOsContext).IsConnected").Single().BaseObject);
        var error = (ErrorRecord)ps.Invoke("try { Get-CreateOsQuota } catch { $_ }").Single().BaseObject;
        Assert.Contains("Connect-CreateOs", error.ToString());
    }

    [Fact]
    public void CREATEOS_API_KEY_connects_Connect_CreateOs_without_ApiKey_and_an_unconnected_default_session()
    {
        // Process-wide: the other tests that expect "not connected" are in this collection, so none runs meanwhile.
        Environment.SetEnvironmentVariable("CREATEOS_API_KEY", SandboxFixture.ApiKey);
        try
        {
            using (var ps = new PowerShellSession())
            {
                ps.Invoke("Connect-CreateOs -ApiUri $args[0]", _fixture.ApiUri);
                Assert.Empty(ps.Errors);
                Assert.NotEmpty(ps.Invoke("Get-CreateOsQuota"));
            }
            using (var ps = new PowerShellSession())
            {
                // Disconnected, the default session keeps its endpoints; the next command connects it from the variable.
                ps.Invoke("Connect-CreateOs -ApiUri $args[0]; Disconnect-CreateOs", _fixture.ApiUri);
                Assert.False((bool)ps.Invoke("(Get-CreateOsContext).IsConnected").Single().BaseObject);
                Assert.NotEmpty(ps.Invoke("Get-CreateOsQuota"));
                Assert.Empty(ps.Errors);
                Assert.True((bool)ps.Invoke("(Get-CreateOsContext).IsConnected").Single().BaseObject);
                // A session passed with -Session is used as it is: never connected behind the caller's back.
                var error = (ErrorRecord)ps.Invoke("try { Get-CreateOsQuota -Session ([CreateOs.Core.CreateOsSession]::new()) } catch { $_ }").Single().BaseObject;
                Assert.StartsWith("CreateOs.SessionNotConnected", error.FullyQualifiedErrorId);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("CREATEOS_API_KEY", null);
        }
        using var without = new PowerShellSession();
        var missing = (ErrorRecord)without.Invoke("try { Connect-CreateOs -ApiUri $args[0] } catch { $_ }", _fixture.ApiUri).Single().BaseObject;
        Assert.Equal(ErrorCategory.InvalidArgument, missing.CategoryInfo.Category);
        Assert.Contains("CREATEOS_API_KEY", missing.Exception.Message);
        Assert.Contains("Get-Secret", missing.Exception.Message);
    }

    [Fact]
    public void A_plain_text_ApiKey_is_refused_with_the_ways_to_pass_a_secret_and_nothing_is_sent()
    {
        using var ps = new PowerShellSession();
        var before = _fixture.Sandbox.Requests.Count;
        var error = (ErrorRecord)ps.Invoke("try { Connect-CreateOs -ApiKey 'skp_plain_text' -ApiUri $args[0] } catch { $_ }", _fixture.ApiUri).Single().BaseObject;
        Assert.Contains("SecureString", error.Exception.Message);
        Assert.Contains("Read-Host -AsSecureString", error.Exception.Message);
        Assert.Contains("CREATEOS_API_KEY", error.Exception.Message);
        Assert.DoesNotContain("skp_plain_text", error.ToString());
        Assert.False((bool)ps.Invoke("(Get-CreateOsContext).IsConnected").Single().BaseObject);
        Assert.Equal(before, _fixture.Sandbox.Requests.Count);
    }

    [Fact]
    public void Each_runspace_has_its_own_default_session_and_Session_overrides_it()
    {
        using var first = _fixture.ConnectedSession();
        using var second = new PowerShellSession();
        Assert.False((bool)second.Invoke("(Get-CreateOsContext).IsConnected").Single().BaseObject);
        var session = first.Invoke("Get-CreateOsContext").Single().BaseObject;
        second.SetVariable("other", session);
        Assert.NotEmpty(second.Invoke("Get-CreateOsQuota -Session $other"));
        Assert.Empty(second.Errors);
    }

    [Fact]
    public void New_CreateOsSession_holds_a_second_connection_beside_the_default_one_without_touching_it()
    {
        using var ps = _fixture.ConnectedSession();
        ps.SetVariable("otherKey", PowerShellSession.Secure(SandboxFixture.OtherUsersApiKey));
        ps.Invoke("$other = New-CreateOsSession; Connect-CreateOs -Session $other -ApiKey $otherKey -ApiUri $args[0]", _fixture.ApiUri);
        Assert.Empty(ps.Errors);

        var defaultUser = ps.Invoke("(Get-CreateOsUser).Id").Single().BaseObject;
        var otherUser = ps.Invoke("(Get-CreateOsUser -Session $other).Id").Single().BaseObject;
        Assert.NotEqual(defaultUser, otherUser);
        Assert.False((bool)ps.Invoke("[object]::ReferenceEquals($other, (Get-CreateOsContext))").Single().BaseObject);
        // A new session starts empty: nothing of the default connection leaks into it.
        Assert.False((bool)ps.Invoke("(New-CreateOsSession).IsConnected").Single().BaseObject);
        Assert.Empty(ps.Errors);
    }
}
