using System.Text;

namespace CreateOs.Sandbox.State;

/// <summary>The seeded marketplace: one free, listed starter template.</summary>
public static class TemplateCatalog
{
    public static ProjectTemplate Starter(Guid id, Guid ownerId, DateTimeOffset now) => new()
    {
        Id = id,
        Name = "sandbox-starter",
        Description = "A static starter site served by the CreateOS sandbox: one index.html and a README, ready to deploy as an upload project.",
        Overview = "The smallest site the sandbox can serve. Buy it (it is free), download it and deploy the folder to try the whole marketplace flow offline.",
        UseCases = "Rehearsing the template marketplace: listing, buying, downloading a purchase and deploying it, without real money or a real account.",
        ImageUri = "https://sandbox.local/templates/starter.png",
        Status = TemplateStatus.Listed,
        Categories = ["static", "starter"],
        Amount = 0,
        ProjectConfiguration = new() { ["type"] = "upload", ["settings"] = new System.Text.Json.Nodes.JsonObject { ["framework"] = "reactjs-spa" } },
        EnvironmentConfiguration = new() { ["runEnvs"] = new System.Text.Json.Nodes.JsonObject() },
        BuildResources = new() { ["cpu"] = 200, ["memory"] = 500 },
        DeploymentResources = new() { ["cpu"] = 200, ["memory"] = 500, ["replicas"] = 1 },
        UserId = ownerId,
        CreatedAt = now,
        UpdatedAt = now,
        Files = new Dictionary<string, byte[]>
        {
            ["index.html"] = Encoding.UTF8.GetBytes("<!doctype html><html><body><h1>Sandbox starter</h1></body></html>\n"),
            ["README.md"] = Encoding.UTF8.GetBytes("# sandbox-starter\n"),
        },
    };
}
