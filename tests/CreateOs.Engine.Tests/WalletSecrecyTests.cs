using System.Management.Automation;
using CreateOs.Core.Wallet;
using CreateOs.Engine.Tests.Infrastructure;

namespace CreateOs.Engine.Tests;

/// <summary>No stream, error, verbose or debug message, host output or file the module writes ever shows the key or the password.</summary>
public class WalletSecrecyTests
{
    private const string Password = "correct-horse-battery-staple-7731";

    [Fact]
    public void Wallet_cmdlets_never_reveal_the_key_or_the_password()
    {
        using var ps = new PowerShellSession();
        var folder = Directory.CreateTempSubdirectory("secrecy-").FullName;
        var path = Path.Combine(folder, "wallet.json");
        File.WriteAllText(Path.Combine(folder, "index.html"), "<p>the wallet sits in the folder being deployed</p>");
        ps.SetVariable("password", PowerShellSession.Secure(Password));
        ps.SetVariable("wrong", PowerShellSession.Secure("not-the-password"));
        ps.SetVariable("path", path);
        ps.SetVariable("app", folder);
        ps.Invoke("$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; (Get-CreateOsContext).PaymentJournalDirectory = [IO.Path]::Combine($app, 'journal')");

        var outputs = new List<object>();
        outputs.AddRange(ps.Invoke("New-CreateOsWallet -Path $path -Password $password -Light -Confirm:$false -Verbose -Debug"));
        outputs.AddRange(ps.Invoke("Connect-CreateOsWallet -Path $path -Password $password -PassThru -Verbose -Debug"));
        outputs.AddRange(ps.Invoke("Get-CreateOsContext | Out-Default; Get-CreateOsContext"));
        outputs.AddRange(ps.Invoke("try { Connect-CreateOsWallet -Path $path -Password $wrong -Verbose } catch { $_ | Out-Default; $_ }"));
        outputs.AddRange(ps.Invoke("New-CreateOsWallet -Path $path -Password $password -Light -Confirm:$false"));
        outputs.AddRange(ps.Invoke("Invoke-MppDeploy -Path $app -Name secrecy-app -Port 80 -WhatIf -Verbose"));

        using var key = Keystore.Decrypt(File.ReadAllText(path), System.Text.Encoding.UTF8.GetBytes(Password));
        var privateKeyHex = Hex.Encode(PrivateKeyBytes(key), withPrefix: false);
        var everything = string.Join("\n", new[]
        {
            ps.HostText,
            string.Join("\n", outputs.Select(Describe)),
            string.Join("\n", ps.Errors.Select(e => e + " " + e.Exception + " " + e.ErrorDetails?.Message + " " + e.ErrorDetails?.RecommendedAction)),
            string.Join("\n", ps.Verbose.Select(v => v.Message)),
            string.Join("\n", ps.Warnings.Select(w => w.Message)),
            string.Join("\n", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => f != path).Select(File.ReadAllText)),
        });

        Assert.Contains(key.Address.ToChecksumString(), everything); // the scan does see what the cmdlets wrote
        Assert.Contains(outputs.OfType<PSObject>().Select(o => o.BaseObject).OfType<ErrorRecord>(), e => e.CategoryInfo.Category == ErrorCategory.AuthenticationError);
        Assert.Contains(ps.Verbose, v => v.Message.Contains("wallet.json") && v.Message.Contains("Not uploaded"));
        Assert.DoesNotContain(Password, everything);
        Assert.DoesNotContain(privateKeyHex, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(File.ReadAllText(path).Contains("ciphertext") ? ExtractCiphertext(path) : "\u0000", everything);
    }

    private static string Describe(object value) => value is PSObject ps
        ? string.Join(" ", ps.Properties.Where(p => p.IsGettable).Select(p => { try { return p.Name + "=" + p.Value; } catch (Exception ex) { return p.Name + "!" + ex.GetType().Name; } }))
        : value?.ToString() ?? "";

    private static string ExtractCiphertext(string path) =>
        (string)Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path))["crypto"]!["ciphertext"]!;

    /// <summary>The key bytes, found by signing: the test knows the key only through the keystore it decrypted.</summary>
    private static byte[] PrivateKeyBytes(EthereumKey key)
    {
        var field = typeof(EthereumKey).GetField("_privateKey", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        return (byte[])((byte[])field.GetValue(key)!).Clone();
    }
}
