using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreateOs.Sandbox.Infrastructure;
using CreateOs.Sandbox.Routes;

namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// A POST /agent/deploy body checked with the gateway's own rules (mpp-gateway.md §3): everything here is a 400.
/// The stricter CreateOS rules (displayName ≤ 48 and its character set, unique names, settings) are applied
/// downstream by <see cref="GatewayDeployer"/>, after payment, as the real gateway does.
/// </summary>
public sealed partial record GatewayDeployRequest(
    string UniqueName,
    string DisplayName,
    string? Description,
    int Months,
    JsonObject Settings,
    IReadOnlyDictionary<string, byte[]> Files)
{
    [GeneratedRegex("^[a-zA-Z0-9-]+$")] private static partial Regex UniqueNamePattern();

    /// <summary>The body bytes exactly as received: a v2 challenge is bound to their SHA-256.</summary>
    public byte[] RawBody { get; init; } = [];

    /// <summary>The zip's size for the zip form (CreateOS takes it as one upload-zip), null for the files form (at most 100 files).</summary>
    public long? ZipBytes { get; init; }

    /// <summary>What the gateway fills in when the body leaves settings out. Parsed from text so the values behave like
    /// request JSON (a JsonValue built from an int does not read back as long in the settings rules).</summary>
    public static JsonObject DefaultSettings() => JsonNode.Parse("""
        {"port":3000,"runtime":"build-ai","useBuildAI":true,"hasDockerfile":false,"framework":null,"installCommand":null,
         "buildCommand":null,"runCommand":null,"buildDir":null,"buildFlag":null,"runFlag":null,"directoryPath":null,
         "runEnvs":null,"buildVars":null}
        """)!.AsObject();

    /// <summary>Reads the body, capped at <paramref name="maxBytes"/> (413 above), and validates it (400).</summary>
    public static async Task<GatewayDeployRequest> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) throw TooLarge();
        }
        var raw = buffer.ToArray();
        JsonNode? node;
        try
        {
            node = raw.Length == 0 ? null : JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            throw GatewayException.BadRequest("Invalid JSON body");
        }
        return Parse(node as JsonObject ?? throw GatewayException.BadRequest("Request body must be a JSON object")) with { RawBody = raw };
    }

    public static GatewayDeployRequest Parse(JsonObject body)
    {
        var uniqueName = RequiredString(body, "uniqueName");
        if (uniqueName.Length is < 4 or > 32 || !UniqueNamePattern().IsMatch(uniqueName))
            throw GatewayException.BadRequest("uniqueName must be 4-32 characters of letters, digits and hyphens");
        var displayName = RequiredString(body, "displayName");
        if (displayName.Length is < 4 or > 100) throw GatewayException.BadRequest("displayName must be 4-100 characters");
        var description = OptionalString(body, "description");
        if (description is { Length: < 4 or > 2048 }) throw GatewayException.BadRequest("description must be 4-2048 characters");
        var (files, zipBytes) = ReadUpload(body);
        return new GatewayDeployRequest(uniqueName, displayName, description, ReadMonths(body), ReadSettings(body), files) { ZipBytes = zipBytes };
    }

    private static GatewayException TooLarge() => new(413, "Request entity too large");

    private static int ReadMonths(JsonObject body)
    {
        if (!body.TryGetPropertyValue("months", out var node) || node is null) return 1;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.GetValue<JsonElement>().TryGetInt32(out var months) && months > 0)
            return months;
        throw GatewayException.BadRequest("months must be a positive integer");
    }

    private static JsonObject ReadSettings(JsonObject body)
    {
        var settings = DefaultSettings();
        if (!body.TryGetPropertyValue("settings", out var node) || node is null) return settings;
        if (node is not JsonObject given) throw GatewayException.BadRequest("settings must be an object");
        foreach (var (key, value) in given) settings[key] = value?.DeepClone();
        return settings;
    }

    private static (Dictionary<string, byte[]> Files, long? ZipBytes) ReadUpload(JsonObject body)
    {
        if (body["upload"] is not JsonObject upload) throw GatewayException.BadRequest("upload is required");
        return OptionalString(upload, "type") switch
        {
            "files" => (ReadFiles(upload), null),
            "zip" => ReadZip(upload),
            _ => throw GatewayException.BadRequest("upload.type must be \"files\" or \"zip\""),
        };
    }

    private static Dictionary<string, byte[]> ReadFiles(JsonObject upload)
    {
        if (upload["files"] is not JsonArray { Count: > 0 } array) throw GatewayException.BadRequest("upload.files must be a non-empty array");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject file) throw GatewayException.BadRequest($"upload.files[{i}] must be an object with path and content");
            var path = NormalizePath(RequiredString(file, "path", $"upload.files[{i}]."), $"upload.files[{i}].path");
            var content = OptionalString(file, "content") ?? throw GatewayException.BadRequest($"upload.files[{i}].content is required");
            files[path] = Base64(content, $"upload.files[{i}].content");
        }
        return files;
    }

    private static (Dictionary<string, byte[]> Files, long? ZipBytes) ReadZip(JsonObject upload)
    {
        var data = Base64(RequiredString(upload, "data", "upload."), "upload.data");
        try
        {
            using var archive = new MemoryStream(data);
            return (ZipUpload.Extract(archive, entry => NormalizePath(entry, "upload.data entry")), data.LongLength);
        }
        catch (ZipUploadException e)
        {
            throw GatewayException.BadRequest("upload.data " + e.Message);
        }
    }

    private static string NormalizePath(string path, string field)
    {
        try
        {
            return DeploymentsRoutes.NormalizePath(path, field);
        }
        catch (Infrastructure.ApiException e)
        {
            throw GatewayException.BadRequest(e.Message);
        }
    }

    private static byte[] Base64(string text, string field)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw GatewayException.BadRequest($"{field} is not valid base64");
        }
    }

    private static string RequiredString(JsonObject owner, string name, string prefix = "") =>
        OptionalString(owner, name, prefix) is { Length: > 0 } text ? text : throw GatewayException.BadRequest($"{prefix}{name} is required");

    private static string? OptionalString(JsonObject owner, string name, string prefix = "")
    {
        if (!owner.TryGetPropertyValue(name, out var node) || node is null) return null;
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw GatewayException.BadRequest($"{prefix}{name} must be a string");
    }
}
