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
            using (var stream = PrivateFile.CreateNew(temporary))
            {
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

        /// <summary>
        /// Notes where the deployment a finished payment bought went live (Get-MppPayment shows it). Only an accepted
        /// record changes, and only its endpoint: it is written after the wallet's lock is let go, and nothing else
        /// writes an accepted record any more.
        /// </summary>
        public void RecordEndpoint(string paymentId, string? endpoint)
        {
            if (string.IsNullOrEmpty(paymentId) || EndpointIdentity.WebAddressOrNull(endpoint) is not string address) return;
            var record = Find(paymentId);
            if (record is null || record.State != PaymentState.Accepted || string.Equals(record.Endpoint, address, StringComparison.Ordinal)) return;
            record.Endpoint = address;
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
        /// A fresh path for the body of a deploy being prepared, in this owner-only folder (never the shared temp folder).
        /// Its writer holds it open while the deploy runs, so <see cref="SweepStaleBodies"/> leaves it alone.
        /// </summary>
        public string NewPendingBodyPath()
        {
            EnsureDirectory();
            return Path.Combine(Directory, PendingBodyPrefix + Guid.NewGuid().ToString("N") + BodySuffix);
        }

        /// <summary>
        /// Deletes deploy bodies nobody needs any more (they hold the upload and the -RunEnvs values): bodies of deploys
        /// being prepared whose process died (a killed run; a live run keeps its body open, so it cannot be taken
        /// exclusively), bodies of finished payments (accepted, closed, reverted), and bodies without a record that are
        /// over a day old. Returns how many were deleted.
        /// </summary>
        public int SweepStaleBodies()
        {
            if (!System.IO.Directory.Exists(Directory)) return 0;
            var deleted = 0;
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + BodySuffix))
            {
                var name = Path.GetFileName(path);
                bool stale;
                if (name.StartsWith(PendingBodyPrefix, StringComparison.Ordinal))
                {
                    stale = true;
                }
                else
                {
                    PaymentRecord? record;
                    try { record = Find(name.Substring(0, name.Length - BodySuffix.Length)); }
                    catch (ArgumentException) { record = null; }
                    stale = record is null ? File.GetLastWriteTimeUtc(path) < DateTime.UtcNow.AddDays(-1) : record.IsFinished;
                }
                if (stale && TryDeleteUnused(path)) deleted++;
            }

            return deleted;
        }

        private const string PendingBodyPrefix = "pending-";
        private const string BodySuffix = ".body.json";

        /// <summary>Deletes the file unless some process has it open (an exclusive open fails then: a share lock on Unix, a sharing violation on Windows).</summary>
        private static bool TryDeleteUnused(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(path);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>
        /// Takes the wallet's OS-level lock (an exclusively opened lock file), waiting up to <paramref name="wait"/>.
        /// Held while quoting, signing, broadcasting and submitting, so two sessions cannot pay from one wallet at once.
        /// The lock lives in <see cref="WalletLockDirectory"/>, shared by every journal folder of the user, so runs with
        /// different $CREATEOS_JOURNAL_DIR still exclude each other; it also remembers those folders (see <see cref="WalletLock"/>).
        /// </summary>
        public WalletLock LockWallet(string wallet, TimeSpan wait, CancellationToken ct)
        {
            EnsureDirectory(); // what is done under the lock writes here (the deploy body before the first record)
            return LockWallet(WalletLockDirectory(), wallet, wait, ct, Directory);
        }

        /// <summary>As <see cref="LockWallet(string, TimeSpan, CancellationToken)"/>, in a given lock folder, registering <paramref name="journalDirectory"/>.</summary>
        public static WalletLock LockWallet(string lockDirectory, string wallet, TimeSpan wait, CancellationToken ct, string? journalDirectory = null)
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
                FileStream stream;
                try
                {
                    stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    ct.WaitHandle.WaitOne(100);
                    continue;
                }
                catch (IOException ex)
                {
                    throw new IOException($"Another CreateOs session is paying from wallet {wallet} (lock {path}). Wait for it to finish, then run the command again.", ex);
                }
                try
                {
                    KeystoreFile.RestrictToOwner(path);
                    return new WalletLock(stream, journalDirectory);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
            }
        }

        /// <summary>
        /// The other journal folders the wallet's lock remembers (other runs paid from this wallet there): their unfinished
        /// payments must be finished there, and what they paid counts against the same budgets.
        /// </summary>
        public IReadOnlyList<PaymentJournal> Elsewhere(WalletLock walletLock) =>
            walletLock.JournalDirectories
                .Where(d => !string.Equals(Path.GetFullPath(d), Directory, StringComparison.Ordinal) && System.IO.Directory.Exists(d))
                .Select(d => new PaymentJournal(d))
                .ToList();

        /// <summary>
        /// Unfinished records that may have paid for <paramref name="uniqueName"/> from this wallet at this gateway, kept
        /// in <paramref name="otherJournals"/> (see <see cref="Elsewhere"/>). A new payment for that name must wait for them.
        /// </summary>
        public static IReadOnlyList<(string Directory, PaymentRecord Record)> UnfinishedIn(IEnumerable<PaymentJournal> otherJournals, string wallet, string gatewayUri, string uniqueName) =>
            otherJournals
                .SelectMany(journal => journal.Unfinished(wallet, gatewayUri).Select(r => (journal.Directory, Record: r)))
                .Where(found => found.Record.MayHavePaid && string.Equals(found.Record.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase))
                .ToList();

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
            if (string.IsNullOrEmpty(id) || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..")) throw new ArgumentException("invalid journal record id", nameof(id));
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

    /// <summary>
    /// A held wallet lock. The lock file also lists every journal folder that has paid from the wallet (one per line),
    /// so a run in one folder can see a payment left unfinished in another and never pay a second time beside it.
    /// </summary>
    public sealed class WalletLock : IDisposable
    {
        private const int MaxRemembered = 64;
        private readonly FileStream _stream;

        internal WalletLock(FileStream stream, string? journalDirectory)
        {
            _stream = stream;
            var known = new List<string>();
            using (var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1024, leaveOpen: true))
            {
                string? line;
                while ((line = reader.ReadLine()) != null && known.Count < MaxRemembered * 2)
                    if (line.Length > 0 && Path.IsPathRooted(line) && !known.Contains(line)) known.Add(line);
            }
            if (journalDirectory != null)
            {
                var mine = Path.GetFullPath(journalDirectory);
                known.Remove(mine);
                known.Add(mine);
            }
            // Folders that are gone hold nothing to finish; the newest are kept.
            known = known.Where(System.IO.Directory.Exists).Reverse().Take(MaxRemembered).Reverse().ToList();
            var bytes = new UTF8Encoding(false).GetBytes(string.Join("\n", known) + "\n");
            stream.SetLength(0);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
            JournalDirectories = known;
        }

        /// <summary>The journal folders that have taken this wallet's lock (this run's included), oldest first.</summary>
        public IReadOnlyList<string> JournalDirectories { get; }

        public void Dispose() => _stream.Dispose();
    }

    /// <summary>A payment for the same name may have paid and is unfinished in another journal folder: nothing new is paid.</summary>
    public sealed class PaymentUnfinishedElsewhereException : InvalidOperationException
    {
        public PaymentUnfinishedElsewhereException(string directory, PaymentRecord record)
            : base($"Payment {record.Id} for '{record.UniqueName}' is unfinished ({record.State}) in another journal folder, {directory}, and may have paid. Finish it there first: (Get-CreateOsContext).PaymentJournalDirectory = '{directory}'; Resume-MppDeploy -Id {record.Id}. Nothing was paid now.")
        {
            Directory = directory;
            Record = record;
        }

        public string Directory { get; }
        public PaymentRecord Record { get; }
    }
}
