using System.Text.Json.Serialization;

namespace CreateOs.Sandbox.State;

public sealed class GithubInstallation
{
    public long InstallationId { get; init; }
    public string Username { get; init; } = "";
    public long OwnerId { get; init; }
    public string AvatarUrl { get; init; } = "";

    [JsonIgnore] public Guid UserId { get; init; }
    [JsonIgnore] public List<GithubRepository> Repositories { get; init; } = new();
}

public sealed class GithubRepository
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string FullName { get; init; } = "";
    public bool Private { get; init; }
    public string DefaultBranch { get; init; } = "main";

    [JsonIgnore] public List<GithubBranch> Branches { get; init; } = new();
    /// <summary>The file tree (path → content) every branch of the emulated repository shares.</summary>
    [JsonIgnore] public Dictionary<string, string> Files { get; init; } = new();
}

public sealed class GithubBranch
{
    public string Name { get; init; } = "";
    public bool Protected { get; init; }
    public GithubCommit Commit { get; init; } = new();
    [JsonIgnore] public string CommitMessage { get; init; } = "";
}

public sealed class GithubCommit
{
    public string Sha { get; init; } = "";
    public string Url { get; init; } = "";
}
