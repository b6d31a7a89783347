using System.Diagnostics;
using System.Text;
using CreateOs.Core.Wallet;
using Xunit;

namespace CreateOs.Core.Tests.Wallet;

/// <summary>Files we write must decrypt with other tools: Foundry cast (a strict reader: lowercase "crypto" required).</summary>
public class KeystoreInteropTests
{
    [Fact]
    public void Cast_decrypts_a_keystore_we_wrote()
    {
        string cast = Path.Combine(CreateOs.Core.Tests.Chain.AnvilFixture.RepoRoot(), "node_modules", ".bin", "cast");
        if (!File.Exists(cast)) return; // dev tool not installed (npm install); covered by the keystore benchmark too

        string dir = Path.Combine(Path.GetTempPath(), "createos-ks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using var key = EthereumKey.Generate();
            byte[] password = Encoding.UTF8.GetBytes("pässwörd 🔑");
            File.WriteAllText(Path.Combine(dir, "ours"), Keystore.Encrypt(key, password, KeystoreEncryptionOptions.Light));

            var start = new ProcessStartInfo(cast) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "wallet", "decrypt-keystore", "-k", dir, "ours", "--unsafe-password", "pässwörd 🔑" }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains(Hex.Encode(key.ExportPrivateKeyBytes(), false), output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
