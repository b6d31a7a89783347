using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class GitIgnoreScanTests
{
    [Fact]
    public void Root_gitignore_excludes_with_rule_file_and_line()
    {
        using var folder = new TempFolder()
            .File(".gitignore", "# logs\n*.log\ncoverage/\n")
            .File("index.js").File("debug.log").File("sub/trace.log").File("coverage/lcov.info");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded("debug.log", ExclusionKind.GitIgnore, "'*.log' (.gitignore line 2)");
        plan.AssertExcluded("sub/trace.log", ExclusionKind.GitIgnore);
        plan.AssertExcluded("coverage", ExclusionKind.GitIgnore, "'coverage/'");
        Assert.Equal(new[] { ".gitignore", "index.js" }, plan.Paths());
    }

    [Fact]
    public void Negation_re_includes_a_file()
    {
        using var folder = new TempFolder()
            .File(".gitignore", "*.log\n!keep.log\n")
            .File("a.log").File("keep.log");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded("a.log", ExclusionKind.GitIgnore);
        plan.AssertIncluded("keep.log");
    }

    [Fact]
    public void Negation_cannot_re_include_inside_an_excluded_directory_like_git()
    {
        using var folder = new TempFolder()
            .File(".gitignore", "logs/\n!logs/keep.log\n")
            .File("index.js").File("logs/keep.log");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded("logs", ExclusionKind.GitIgnore);
    }

    [Fact]
    public void Directory_contents_pattern_with_negation_works()
    {
        using var folder = new TempFolder()
            .File(".gitignore", "data/*\n!data/seed.json\n")
            .File("data/seed.json", "[]").File("data/big.bin");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertIncluded("data/seed.json");
        plan.AssertExcluded("data/big.bin", ExclusionKind.GitIgnore);
    }

    [Fact]
    public void Nested_gitignore_applies_below_its_folder_and_overrides_the_root()
    {
        using var folder = new TempFolder()
            .File(".gitignore", "*.tmp\n")
            .File("app/.gitignore", "/local.txt\n!special.tmp\n")
            .File("local.txt").File("app/local.txt").File("app/deeper/local.txt")
            .File("app/special.tmp").File("other.tmp").File("special.tmp");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertIncluded("local.txt");
        plan.AssertExcluded("app/local.txt", ExclusionKind.GitIgnore, "app/.gitignore line 1");
        plan.AssertIncluded("app/deeper/local.txt");
        plan.AssertIncluded("app/special.tmp");
        plan.AssertExcluded("other.tmp", ExclusionKind.GitIgnore);
        plan.AssertExcluded("special.tmp", ExclusionKind.GitIgnore);
        plan.AssertIncluded("app/.gitignore");
    }

    [Fact]
    public void Gitignore_can_be_turned_off()
    {
        using var folder = new TempFolder().File(".gitignore", "*.log\n").File("a.log");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { UseGitIgnore = false });
        plan.AssertIncluded("a.log");
    }

    [Fact]
    public void Include_overrides_gitignore()
    {
        using var folder = new TempFolder().File(".gitignore", "generated/\n").File("generated/api.js");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "generated/" } });
        plan.AssertIncluded("generated/api.js");
    }

    [Fact]
    public void Crlf_and_bom_in_gitignore_are_handled()
    {
        using var folder = new TempFolder().File(".gitignore", "\uFEFF*.log\r\nsecret-notes.txt\r\n").File("a.log").File("secret-notes.txt").File("index.js");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded("a.log", ExclusionKind.GitIgnore);
        plan.AssertExcluded("secret-notes.txt", ExclusionKind.GitIgnore);
    }
}
