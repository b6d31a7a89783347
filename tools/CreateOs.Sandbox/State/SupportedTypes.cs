using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.State;

/// <summary>The runtimes and frameworks of reference §6, as GET /v1/projects/supported returns them.</summary>
public static class SupportedTypes
{
    public static readonly string[] Runtimes =
        ["node:18", "node:20", "node:22", "python:3.11", "python:3.12", "golang:1.22", "golang:1.25", "rust:1.75", "bun:1.1", "bun:1.3", "static"];

    /// <summary>Pseudo-runtime used together with useBuildAI:true.</summary>
    public const string BuildAiRuntime = "build-ai";

    private static readonly string[] NodeRuntimes = ["node:18", "node:20", "node:22", "bun:1.1", "bun:1.3"];
    private static readonly string[] PythonRuntimes = ["python:3.11", "python:3.12"];
    private static readonly string[] GoRuntimes = ["golang:1.22", "golang:1.25"];

    public static readonly IReadOnlyDictionary<string, string[]> Frameworks = new Dictionary<string, string[]>
    {
        ["nextjs"] = NodeRuntimes, ["reactjs-spa"] = NodeRuntimes, ["reactjs-ssr"] = NodeRuntimes,
        ["vuejs-spa"] = NodeRuntimes, ["vuejs-ssr"] = NodeRuntimes, ["nuxtjs"] = NodeRuntimes,
        ["astro"] = NodeRuntimes, ["remix"] = NodeRuntimes, ["express"] = NodeRuntimes,
        ["fastapi"] = PythonRuntimes, ["flask"] = PythonRuntimes, ["django"] = PythonRuntimes,
        ["gin"] = GoRuntimes, ["fiber"] = GoRuntimes, ["actix"] = ["rust:1.75"],
    };

    public static JsonArray ToJson()
    {
        var list = new JsonArray();
        foreach (var (name, runtimes) in Frameworks)
            list.Add(Entry("framework", name, runtimes, isStaticSpa: name.EndsWith("-spa", StringComparison.Ordinal) || name == "astro"));
        foreach (var runtime in Runtimes)
            list.Add(Entry("runtime", runtime, [], isStaticSpa: runtime == "static"));
        return list;
    }

    private static JsonObject Entry(string type, string name, string[] runtimes, bool isStaticSpa)
    {
        var editables = new JsonObject
        {
            ["installCommand"] = Editable("string", isStaticSpa && type == "runtime" ? "" : "npm install"),
            ["buildCommand"] = Editable("string", "npm run build"),
            ["runCommand"] = Editable("string", isStaticSpa ? "" : "npm start"),
            ["buildDir"] = Editable("string", isStaticSpa ? "dist" : ""),
            ["port"] = Editable("number", 3000, required: !isStaticSpa),
        };
        return new JsonObject
        {
            ["type"] = type,
            ["name"] = name,
            ["runtimes"] = new JsonArray(runtimes.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["editables"] = editables,
        };
    }

    private static JsonObject Editable(string type, JsonNode? defaultValue, bool? required = null)
    {
        var editable = new JsonObject { ["type"] = type, ["default"] = defaultValue };
        if (required is not null) editable["required"] = required;
        return editable;
    }
}
