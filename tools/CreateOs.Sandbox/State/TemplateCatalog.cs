using System.Text;

namespace CreateOs.Sandbox.State;

/// <summary>The seeded marketplace: one free, listed starter template.</summary>
public static class TemplateCatalog
{
    public static ProjectTemplate Starter(Guid id, Guid ownerId, DateTimeOffset now) => new()
    {
        Id = id,
        Name = "sandbox-starter",
        Description = "A static starter site served by the CreateOS sandbox",
        Status = TemplateStatus.Listed,
        Categories = ["static", "starter"],
        Amount = 0,
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
