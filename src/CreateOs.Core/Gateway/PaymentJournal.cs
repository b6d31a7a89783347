using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using CreateOs.Core.Http;
using CreateOs.Core.Wallet;
using Newtonsoft.Json;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// The payment journal: one JSON file per quote in a per-user folder, written atomically (temp file, flush to disk,
    /// rename) and readable only by the owner. Every state change of a payment is written BEFORE the step it enables,
    /// so a crash at any point leaves enough to resume without paying twice. A per-wallet lock file in one per-user
    /// folder (whatever journal folder a run uses) serialises payments across PowerShell processes that share a wallet.
    /// </summary>
    public sealed class PaymentJournal
    {
        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings { Formatting = Formatting.Indented, NullValueHandling = NullValueHandling.Ignore };

        public PaymentJournal(string directory)
        {
            Directory = Path.GetFullPath(directory);
        }

        public string Directory { get; }

        /// <summary>
        /// $CREATEOS_JOURNAL_DIR, else %LOCALAPPDATA%\CreateOs\payments on Windows, $XDG_DATA_HOME/createos/payments or
        /// ~/.local/share/createos/payments elsewhere.
        /// </summary>
        public static string DefaultDirectory()
        {
            var configured = Environment.GetEnvironmentVariable("CREATEOS_JOURNAL_DIR");
            if (!string.IsNullOrEmpty(configured)) return configured!;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "CreateOs", "payments");
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg!, "createos", "payments");
        }

        public void Save(PaymentRecord record)
        {
            EnsureDirectory();
            record.UpdatedAt = DateTimeOffset.UtcNow;
            var path = PathOf(record.Id);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var bytes = new UTF8Encoding(false).GetBytes(JsonConvert.SerializeObject(record, Settings));
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                KeystoreFile.RestrictToOwner(temporary);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
            if (File.Exists(path)) File.Replace(temporary, path, null);
            else File.Move(temporary, path);
        }

        /// <summary>Records a state change with a note, then saves.</summary>
        public void Advance(PaymentRecord record, PaymentState state, string? note = null)
        {
            record.State = state;
            record.History.Add(new PaymentEvent { State = state, Note = note });
            Save(record);
        }

        public PaymentRecord? Find(string id)
        {
            var path = PathOf(id);
            return File.Exists(path) ? Read(path) : null;
        }

        public IReadOnlyList<PaymentRecord> All()
        {
            if (!System.IO.Directory.Exists(Directory)) return Array.Empty<PaymentRecord>();
            return System.IO.Directory.EnumerateFiles(Directory, "*.json")
                .Where(f => !f.EndsWith(".body.json", StringComparison.OrdinalIgnoreCase))
                .Select(Read).Where(r => r != null).Select(r => r!)
                .OrderBy(r => r.CreatedAt).ToList();
        }

        /// <summary>
        /// Unfinished records of a wallet at a gateway, oldest first. The gateway is matched by what it is, not how its
        /// address was spelled (localhost or 127.0.0.1, a trailing slash, letter case: see <see cref="EndpointIdentity"/>).
        /// </summary>
        public IReadOnlyList<PaymentRecord> Unfinished(string wallet, string gatewayUri) =>
            All().Where(r => !r.IsFinished && string.Equals(r.Wallet, wallet, StringComparison.OrdinalIgnoreCase) && EndpointIdentity.SameEndpoint(r.GatewayUri, gatewayUri)).ToList();

        /// <summary>Where the exact deploy body of a record is kept until the gateway accepts it, so a resume sends the same bytes.</summary>
        public string BodyPathOf(string id) => Path.Combine(Directory, id + ".body.json");

        public void DeleteBody(string id)
        {
            var path = BodyPathOf(id);
            if (File.Exists(path)) File.Delete(path);
        }

        /// <summary>
        /// Takes the wallet's OS-level lock (an exclusively opened lock file), waiting up to <paramref name="wait"/>.
        /// Held while quoting, signing, broadcasting and submitting, so two sessions cannot pay from one wallet at once.
        /// The lock lives in <see cref="WalletLockDirectory"/>, shared by every journal folder of the user, so runs with
        /// different $CREATEOS_JOURNAL_DIR still exclude each other.
        /// </summary>
        public IDisposable LockWallet(string wallet, TimeSpan wait, CancellationToken ct)
        {
            EnsureDirectory(); // what is done under the lock writes here (the deploy body before the first record)
            return LockWallet(WalletLockDirectory(), wallet, wait, ct);
        }

        /// <summary>As <see cref="LockWallet(string, TimeSpan, CancellationToken)"/>, in a given lock folder.</summary>
        public static IDisposable LockWallet(string lockDirectory, string wallet, TimeSpan wait, CancellationToken ct)
        {
            if (!EthereumAddress.TryParse(wallet, out var address)) throw new ArgumentException($"'{wallet}' is not a wallet address.", nameof(wallet));
            EnsurePrivateDirectory(lockDirectory);
            // The file stays in place after use: deleting it on close would let a third process lock a new file while
            // a second one still waits on the old one, and both would then think they hold the lock.
            var path = Path.Combine(lockDirectory, address.ToLowerHexString() + ".lock");
            var deadline = DateTime.UtcNow + wait;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                    KeystoreFile.RestrictToOwner(path);
                    return stream;
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    ct.WaitHandle.WaitOne(100);
                }
                catch (IOException ex)
                {
                    throw new IOException($"Another CreateOs session is paying from wallet {wallet} (lock {path}). Wait for it to finish, then run the command again.", ex);
                }
            }
        }

        /// <summary>
        /// The per-user folder of the wallet locks: %LOCALAPPDATA%\CreateOs\locks on Windows, ~/.local/share/createos/locks
        /// elsewhere. Deliberately not configurable and not under the journal folder: every run of the user must meet
        /// in the same place, whatever journal it writes.
        /// </summary>
        public static string WalletLockDirectory()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "CreateOs", "locks");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home)
                ? Path.Combine(Path.GetTempPath(), "createos-locks-" + Environment.UserName)
                : Path.Combine(home, ".local", "share", "createos", "locks");
        }

        private void EnsureDirectory() => EnsurePrivateDirectory(Directory);

        private static void EnsurePrivateDirectory(string directory)
        {
            if (System.IO.Directory.Exists(directory)) return;
            System.IO.Directory.CreateDirectory(directory);
            KeystoreFile.RestrictToOwner(directory, directory: true);
        }

        private string PathOf(string id)
        {
            if (id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..")) throw new ArgumentException("invalid journal record id", nameof(id));
            return Path.Combine(Directory, id + ".json");
        }

        private static PaymentRecord? Read(string path)
        {
            try
            {
                return JsonConvert.DeserializeObject<PaymentRecord>(File.ReadAllText(path), Settings);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
