using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using CreateOs.Core.Wallet;

namespace CreateOs.Bench;

/// <summary>
/// Decrypting a standard-scrypt keystore (n=262144, r=8, p=1): our full decrypt, each run in a fresh child process,
/// against `cast wallet decrypt-keystore` as a whole process, alternating rounds. Goal: ours/cast ≤ 1.0.
/// </summary>
public sealed class KeystoreBenchmark : IBenchmark
{
    private const string ChildFlag = "--decrypt-child";
    private const string PasswordVariable = "CREATEOS_BENCH_KEYSTORE_PASSWORD";
    private const string Password = "benchmark password";
    private const string KeyHex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public string Name => "keystore";

    public string Description => "standard-scrypt keystore decrypt: ours (child process) vs cast wallet decrypt-keystore; [--rounds N]";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 2 && args[0] == ChildFlag) return DecryptOnceInThisProcess(args[1]);

        int rounds = 7;
        int roundsIndex = Array.IndexOf(args, "--rounds");
        if (roundsIndex >= 0 && roundsIndex + 1 < args.Length) rounds = Math.Max(5, int.Parse(args[roundsIndex + 1], CultureInfo.InvariantCulture));

        string cast = Path.Combine(FindRepoRoot(), "node_modules", ".bin", "cast");
        if (!File.Exists(cast))
        {
            Console.Error.WriteLine($"cast not found at {cast} (run npm install)");
            return 2;
        }

        string dir = Path.Combine(Path.GetTempPath(), "createos-keystore-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            byte[] password = Encoding.UTF8.GetBytes(Password);
            using (var key = EthereumKey.FromHex(KeyHex))
                File.WriteAllText(Path.Combine(dir, "bench"), Keystore.Encrypt(key, password, KeystoreEncryptionOptions.Standard));
            string keystorePath = Path.Combine(dir, "bench");
            Console.WriteLine($"keystore: scrypt n=262144 r=8 p=1, {keystorePath}");

            var oursDecrypt = new List<double>();
            var oursProcess = new List<double>();
            var castProcess = new List<double>();
            long peakWorkingSet = 0;

            // one untimed warm-up of each (disk cache, JIT of the child binary on first start)
            await RunOursAsync(keystorePath);
            await RunCastAsync(cast, dir);

            for (int round = 1; round <= rounds; round++)
            {
                var ours = await RunOursAsync(keystorePath);
                oursDecrypt.Add(ours.DecryptMs);
                oursProcess.Add(ours.ProcessMs);
                peakWorkingSet = Math.Max(peakWorkingSet, ours.PeakWorkingSet);
                double castMs = await RunCastAsync(cast, dir);
                castProcess.Add(castMs);
                Console.WriteLine($"round {round}: ours decrypt {ours.DecryptMs,7:F0} ms (whole child process {ours.ProcessMs,7:F0} ms)   cast {castMs,7:F0} ms");
            }

            double oursMedian = Median(oursDecrypt), oursProcessMedian = Median(oursProcess), castMedian = Median(castProcess);
            double ratio = oursMedian / castMedian;
            Console.WriteLine();
            Console.WriteLine($"median ours (full decrypt: read + parse + scrypt + MAC + AES, in a fresh process): {oursMedian:F0} ms");
            Console.WriteLine($"median ours (whole child process incl. .NET start-up):                          {oursProcessMedian:F0} ms");
            Console.WriteLine($"median cast wallet decrypt-keystore (whole process):                             {castMedian:F0} ms");
            Console.WriteLine($"ratio ours/cast: {ratio:F2} (goal <= 1.00); whole-process ratio {oursProcessMedian / castMedian:F2}");
            Console.WriteLine($"our peak working set (child process): {peakWorkingSet / (1024.0 * 1024.0):F0} MiB");

            // Information only: web3.py's default (r=1, p=8), which cast and BouncyCastle refuse.
            using (var key = EthereumKey.FromHex(KeyHex))
            {
                string web3py = Keystore.Encrypt(key, password, new KeystoreEncryptionOptions { ScryptN = 262144, ScryptR = 1, ScryptP = 8 });
                var clock = Stopwatch.StartNew();
                using (Keystore.Decrypt(web3py, password)) { }
                Console.WriteLine($"info: web3.py-style n=262144 r=1 p=8 decrypt in process (cast refuses these): {clock.Elapsed.TotalMilliseconds:F0} ms");
            }
            return ratio <= 1.0 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static int DecryptOnceInThisProcess(string keystorePath)
    {
        byte[] password = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(PasswordVariable) ?? "");
        try
        {
            var clock = Stopwatch.StartNew();
            string json = File.ReadAllText(keystorePath);
            using var key = Keystore.Decrypt(json, password);
            clock.Stop();
            string address = key.Address.ToString();
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"decrypt_ms={clock.Elapsed.TotalMilliseconds:F1} peak_ws={self.PeakWorkingSet64} address={address}"));
            return 0;
        }
        finally
        {
            Array.Clear(password);
        }
    }

    private sealed record OursResult(double DecryptMs, double ProcessMs, long PeakWorkingSet);

    private static async Task<OursResult> RunOursAsync(string keystorePath)
    {
        var start = SelfStartInfo();
        start.ArgumentList.Add("keystore");
        start.ArgumentList.Add(ChildFlag);
        start.ArgumentList.Add(keystorePath);
        start.Environment[PasswordVariable] = Password;
        var (output, ms) = await RunProcessAsync(start);
        var fields = output.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        if (!fields.TryGetValue("decrypt_ms", out var decrypt)) throw new InvalidOperationException("child failed: " + output);
        return new OursResult(double.Parse(decrypt, CultureInfo.InvariantCulture), ms, long.Parse(fields["peak_ws"], CultureInfo.InvariantCulture));
    }

    private static async Task<double> RunCastAsync(string cast, string dir)
    {
        var start = new ProcessStartInfo(cast);
        foreach (var a in new[] { "wallet", "decrypt-keystore", "-k", dir, "bench", "--unsafe-password", Password }) start.ArgumentList.Add(a);
        var (output, ms) = await RunProcessAsync(start);
        if (!output.Contains("0x" + KeyHex, StringComparison.OrdinalIgnoreCase) && !output.Contains(KeyHex, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("cast did not decrypt the keystore");
        return ms;
    }

    private static ProcessStartInfo SelfStartInfo()
    {
        string processPath = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(processPath);
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        return start;
    }

    private static async Task<(string Output, double Milliseconds)> RunProcessAsync(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + start.FileName);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        string output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{start.FileName} exited with {process.ExitCode}: {output}");
        return (output, clock.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string FindRepoRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CreateOs.sln"))) dir = dir.Parent;
            if (dir != null) return dir.FullName;
        }
        throw new DirectoryNotFoundException("CreateOs.sln not found");
    }
}
