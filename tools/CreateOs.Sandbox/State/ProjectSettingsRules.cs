using System.Text.Json.Nodes;
using CreateOs.Sandbox.Infrastructure;

namespace CreateOs.Sandbox.State;

/// <summary>The per-type settings rules of reference §6.</summary>
public static class ProjectSettingsRules
{
    private static readonly string[] BuildStrings =
        ["runtime", "framework", "installCommand", "buildCommand", "runCommand", "buildDir", "buildFlag", "runFlag", "directoryPath"];

    private static readonly string[] UploadFields =
        [.. BuildStrings, "port", "runEnvs", "buildVars", "buildFlags", "hasDockerfile", "useBuildAI"];

    private static readonly string[] VcsFields = [.. UploadFields, "ignoreBranches"];
    private static readonly string[] ImageFields = ["port", "runEnvs"];

    /// <summary>Validates <paramref name="settings"/> for a project of <paramref name="type"/> and returns a private copy.</summary>
    public static JsonObject Validate(string type, JsonObject settings)
    {
        var allowed = type switch
        {
            ProjectType.Image => ImageFields,
            ProjectType.Vcs => VcsFields,
            _ => UploadFields,
        };
        foreach (var (key, _) in settings)
            if (!allowed.Contains(key)) throw ApiException.BadRequest($"settings.{key} is not allowed for {type} projects");

        var port = Body.ReadLong(settings, "port", "settings.port");
        if (port is not null) Infrastructure.Validate.Range("settings.port", port.Value, 1, 65535);
        if (type == ProjectType.Image && port is null) throw ApiException.BadRequest("settings.port is required for image projects");

        foreach (var field in BuildStrings) OptionalString(settings, field);
        foreach (var field in new[] { "runEnvs", "buildVars", "buildFlags" }) StringMap(settings, field);
        var hasDockerfile = OptionalBool(settings, "hasDockerfile") ?? false;
        var useBuildAi = OptionalBool(settings, "useBuildAI") ?? false;
        if (settings["ignoreBranches"] is { } ignored && (ignored is not JsonArray list || list.Any(b => b is not JsonValue v || !v.TryGetValue<string>(out _))))
            throw ApiException.BadRequest("settings.ignoreBranches must be an array of branch names");

        var runtime = OptionalString(settings, "runtime");
        var framework = OptionalString(settings, "framework");
        if (runtime is not null && !SupportedTypes.Runtimes.Contains(runtime) && !(runtime == SupportedTypes.BuildAiRuntime && useBuildAi))
            throw ApiException.BadRequest($"settings.runtime '{runtime}' is not supported (see GET /v1/projects/supported)");
        if (framework is not null && !SupportedTypes.Frameworks.ContainsKey(framework))
            throw ApiException.BadRequest($"settings.framework '{framework}' is not supported (see GET /v1/projects/supported)");
        if (type == ProjectType.Vcs && framework is null && runtime is null)
            throw ApiException.BadRequest("settings.runtime is required when settings.framework is absent");
        if (type == ProjectType.Upload && framework is null && !useBuildAi && !hasDockerfile)
            throw ApiException.BadRequest("settings.framework is required for upload projects unless useBuildAI or hasDockerfile is true");

        return settings.DeepClone().AsObject();
    }

    private static string? OptionalString(JsonObject settings, string field)
    {
        if (!settings.TryGetPropertyValue(field, out var node) || node is null) return null;
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text)) throw ApiException.BadRequest($"settings.{field} must be a string");
        if (text.Length > 255) throw ApiException.BadRequest($"settings.{field} must be at most 255 characters");
        return text;
    }

    private static bool? OptionalBool(JsonObject settings, string field)
    {
        if (!settings.TryGetPropertyValue(field, out var node) || node is null) return null;
        return node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : throw ApiException.BadRequest($"settings.{field} must be a boolean");
    }

    /// <summary>Checks a string→string map such as runEnvs; <paramref name="label"/> names it in errors.</summary>
    public static void StringMap(JsonObject owner, string field, string? label = null)
    {
        label ??= "settings." + field;
        if (!owner.TryGetPropertyValue(field, out var node) || node is null) return;
        if (node is not JsonObject map) throw ApiException.BadRequest($"{label} must be an object of strings");
        foreach (var (key, value) in map)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 255) throw ApiException.BadRequest($"{label} has an invalid name '{key}'");
            if (value is not JsonValue v || !v.TryGetValue<string>(out _)) throw ApiException.BadRequest($"{label}.{key} must be a string");
        }
    }
}
