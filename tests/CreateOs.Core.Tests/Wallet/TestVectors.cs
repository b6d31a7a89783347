using Newtonsoft.Json.Linq;

namespace CreateOs.Core.Tests.Wallet;

/// <summary>
/// Loads ../shared/vectors/eth-test-vectors.json, found by walking up from the test binaries to the folder holding
/// CreateOs.sln and then looking for shared/vectors beside it (or beside one of its ancestors, for worktrees).
/// Each entry gets a stable id "group/index name" used as the theory case name.
/// </summary>
public static class TestVectors
{
    private static readonly Lazy<JObject> Root = new(Load);

    public static string VectorsDirectory { get; } = FindVectorsDirectory();

    public static IEnumerable<object[]> Ids(string group, Func<JObject, bool>? filter = null)
    {
        var array = (JArray)Root.Value[group]!;
        for (int i = 0; i < array.Count; i++)
        {
            var entry = (JObject)array[i];
            if (filter == null || filter(entry)) yield return new object[] { IdOf(group, i, entry) };
        }
    }

    public static JObject Get(string id)
    {
        string group = id.Substring(0, id.IndexOf('/'));
        var array = (JArray)Root.Value[group]!;
        for (int i = 0; i < array.Count; i++)
            if (IdOf(group, i, (JObject)array[i]) == id) return (JObject)array[i];
        throw new KeyNotFoundException(id);
    }

    private static string IdOf(string group, int index, JObject entry)
    {
        string? label = group switch
        {
            "abi" => entry["kind"] + " " + ((string?)entry["signature"] ?? (string?)entry["function"]),
            "personalSign" => entry["messageEncoding"] + " " + entry["message"] + " " + ((string?)entry["address"] ?? "recover")[..6],
            "keccak" => (string?)entry["inputEncoding"] + " " + (string?)entry["input"],
            "kdf" => entry["kdf"] + " N=" + (entry["N"] ?? entry["c"]),
            "rpc" => (string?)entry["method"],
            _ => (string?)entry["name"] ?? (string?)entry["kind"],
        };
        label ??= "";
        if (label.Length > 48) label = label.Substring(0, 48);
        return $"{group}/{index:D2} {label}";
    }

    private static JObject Load() =>
        JObject.Parse(File.ReadAllText(Path.Combine(VectorsDirectory, "eth-test-vectors.json")));

    private static string FindVectorsDirectory()
    {
        string? env = Environment.GetEnvironmentVariable("CREATEOS_VECTORS_DIR");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "eth-test-vectors.json"))) return env;

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "CreateOs.sln"))) dir = dir.Parent;
        if (dir == null) throw new DirectoryNotFoundException("CreateOs.sln not found above " + AppContext.BaseDirectory);

        for (var candidate = dir.Parent; candidate != null; candidate = candidate.Parent)
        {
            string path = Path.Combine(candidate.FullName, "shared", "vectors");
            if (File.Exists(Path.Combine(path, "eth-test-vectors.json"))) return path;
        }
        throw new DirectoryNotFoundException("shared/vectors/eth-test-vectors.json not found beside " + dir.FullName);
    }
}
