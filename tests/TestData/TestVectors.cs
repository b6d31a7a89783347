using Newtonsoft.Json.Linq;

namespace CreateOs.TestData;

/// <summary>
/// The vectors of tests/TestData/eth-test-vectors.json (embedded in this assembly; see tests/TestData/README.md).
/// Each entry gets a stable id "group/index name" used as the theory case name.
/// </summary>
public static class TestVectors
{
    private static readonly Lazy<JObject> Root = new(Load);

    /// <summary>How many entries each group of the file holds (PITFALLS.md): a shorter file fails, not a theory with fewer cases.</summary>
    public static readonly IReadOnlyDictionary<string, int> GroupSizes = new Dictionary<string, int>
    {
        ["keystores"] = 23, ["addresses"] = 25, ["personalSign"] = 24, ["transactions"] = 21, ["rlp"] = 46,
        ["keccak"] = 12, ["abi"] = 13, ["kdf"] = 5, ["rpc"] = 4,
    };

    public static JArray Group(string group) => (JArray)(Root.Value[group] ?? throw new KeyNotFoundException("eth-test-vectors.json has no group " + group));

    public static IEnumerable<object[]> Ids(string group, Func<JObject, bool>? filter = null)
    {
        var array = Group(group);
        for (int i = 0; i < array.Count; i++)
        {
            var entry = (JObject)array[i];
            if (filter == null || filter(entry)) yield return new object[] { IdOf(group, i, entry) };
        }
    }

    public static JObject Get(string id)
    {
        string group = id.Substring(0, id.IndexOf('/'));
        var array = Group(group);
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

    /// <summary>An rlp[] entry's "inHex": nested arrays of hex strings ("0x" is the empty string).</summary>
    public static CreateOs.Core.Chain.RlpItem RlpItemOf(JToken token) => token is JArray array
        ? CreateOs.Core.Chain.RlpItem.List(array.Select(RlpItemOf).ToList())
        : CreateOs.Core.Chain.RlpItem.String(CreateOs.Core.Wallet.Hex.Decode((string)token!));

    private static JObject Load() => JObject.Parse(EmbeddedTestData.ReadText("eth-test-vectors.json"));
}
