using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Packaging;
using CreateOs.Core.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Gateway
{
    /// <summary>The fields of POST /agent/deploy besides the upload (reference §3).</summary>
    public sealed class GatewayDeploySpec
    {
        public string UniqueName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? Description { get; set; }
        public int Months { get; set; } = 1;
        public ProjectSettings Settings { get; set; } = new ProjectSettings();

        public const int MaxMonths = 36;

        /// <summary>
        /// Validates against the stricter of the gateway's and CreateOS's rules: CreateOS validates downstream, after the
        /// gateway has taken the money (a 48+ character display name is accepted by the gateway and then fails).
        /// </summary>
        public void Validate()
        {
            CreateOsRules.UniqueName("Name", UniqueName);
            CreateOsRules.DisplayName("DisplayName", DisplayName);
            CreateOsRules.Description("Description", Description);
            CreateOsRules.Range("Months", Months, 1, MaxMonths);
            if (Settings.Port is null)
                throw new ValidationException("Port", null, "The app's port is unknown: pass -Port (the port your app listens on). It cannot be changed after paying.");
            CreateOsRules.ProjectSettings("upload", Settings);
        }
    }

    /// <summary>
    /// The exact bytes of a gateway deploy request, written once to a file and sent identically on every attempt. The file
    /// holds the upload and the -RunEnvs values, so it is created owner-only (no moment readable by others) in the payment
    /// journal's owner-only folder, held open while the deploy runs, and deleted when it ends; a run that was killed leaves
    /// it unopened, and the next run's <see cref="PaymentJournal.SweepStaleBodies"/> deletes it.
    /// </summary>
    public sealed class GatewayDeployBody : IDisposable
    {
        private FileStream? _hold;

        private GatewayDeployBody(string path, long length, string sha256Hex, FileStream hold)
        {
            Path = path;
            Length = length;
            Sha256Hex = sha256Hex;
            _hold = hold;
        }

        public string Path { get; }
        public long Length { get; }
        public string Sha256Hex { get; }

        /// <summary>The gateway caps the whole request at 50 MB.</summary>
        public const long MaxRequestBytes = 50_000_000;

        public static async Task<GatewayDeployBody> WriteAsync(GatewayDeploySpec spec, UploadPlan plan, PaymentJournal journal, IProgress<PackProgress>? progress, CancellationToken ct)
        {
            spec.Validate();
            var path = journal.NewPendingBodyPath();
            FileStream? hold = null;
            try
            {
                using (var file = PrivateFile.CreateNew(path, FileShare.None, 81920, useAsync: true))
                using (var text = new StreamWriter(file, new UTF8Encoding(false), 81920))
                using (var json = new JsonTextWriter(text) { Formatting = Formatting.None })
                {
                    json.WriteStartObject();
                    json.WritePropertyName("uniqueName"); json.WriteValue(spec.UniqueName);
                    json.WritePropertyName("displayName"); json.WriteValue(spec.DisplayName);
                    if (spec.Description != null) { json.WritePropertyName("description"); json.WriteValue(spec.Description); }
                    json.WritePropertyName("months"); json.WriteValue(spec.Months);
                    json.WritePropertyName("settings");
                    JObject.FromObject(spec.Settings, Json.Serializer).WriteTo(json);
                    json.WritePropertyName("upload");
                    await UploadPacker.WriteGatewayUploadJsonAsync(plan, json, progress, ct).ConfigureAwait(false);
                    json.WriteEndObject();
                    await json.FlushAsync(ct).ConfigureAwait(false);
                }

                // Held open (shared for reading) until disposed: the sweep of stale bodies cannot take it meanwhile.
                hold = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.None);
                var length = hold.Length;
                if (length > MaxRequestBytes)
                    throw new PackagingException($"The deploy request is {length / 1_000_000.0:0.0} MB; the gateway accepts at most 50 MB. Exclude build outputs and large assets (see -Verbose for what is uploaded).", plan.Root);
                return new GatewayDeployBody(path, length, Sha256Of(path), hold);
            }
            catch
            {
                hold?.Dispose();
                try { File.Delete(path); } catch (IOException) { }
                throw;
            }
        }

        private static string Sha256Of(string path)
        {
            using var sha = SHA256.Create();
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.SequentialScan);
            var hash = sha.ComputeHash(stream);
            var builder = new StringBuilder(64);
            foreach (var b in hash) builder.Append(b.ToString("x2"));
            return builder.ToString();
        }

        public void Dispose()
        {
            _hold?.Dispose();
            _hold = null;
            try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
