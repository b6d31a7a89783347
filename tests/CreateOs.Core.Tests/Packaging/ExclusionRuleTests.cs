using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class ExclusionRuleTests
{
    [Theory]
    [InlineData("node_modules")]
    [InlineData("dist")]
    [InlineData("build")]
    [InlineData(".next")]
    [InlineData(".git")]
    [InlineData("__pycache__")]
    [InlineData("venv")]
    [InlineData(".venv")]
    public void Platform_directories_are_excluded_at_any_depth(string name)
    {
        using var folder = new TempFolder().File("index.js").File(name + "/a.js").File("pkg/sub/" + name + "/b.js").File("pkg/sub/keep.js");
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded(name, ExclusionKind.DefaultExclusion, name + "/");
        plan.AssertExcluded("pkg/sub/" + name, ExclusionKind.DefaultExclusion);
        Assert.True(plan.ExclusionOf(name).IsDirectory);
        Assert.Equal(new[] { "index.js", "pkg/sub/keep.js" }, plan.Paths());
    }

    [Fact]
    public void Files_named_like_platform_directories_are_kept_except_git()
    {
        using var folder = new TempFolder().File("build", "#!/bin/sh").File("dist").File(".git", "gitdir: ../x");
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(new[] { "build", "dist" }, plan.Paths());
        plan.AssertExcluded(".git", ExclusionKind.DefaultExclusion);
    }

    [Theory]
    [InlineData(".vscode/settings.json")]
    [InlineData(".idea/workspace.xml")]
    [InlineData(".vs/x.suo")]
    [InlineData(".fleet/settings.json")]
    [InlineData(".cursor/rules")]
    [InlineData(".claude/settings.json")]
    [InlineData(".history/a.js")]
    public void Editor_and_agent_directories_are_excluded(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file);
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded(file.Split('/')[0], ExclusionKind.EditorTooling);
        Assert.Equal(new[] { "index.js" }, plan.Paths());
    }

    [Theory]
    [InlineData(".DS_Store")]
    [InlineData("sub/.DS_Store")]
    [InlineData("Thumbs.db")]
    [InlineData(".aider.chat.history.md")]
    [InlineData(".aider.conf.yml")]
    [InlineData(".aider.tags.cache.v3/x")]
    public void Editor_and_agent_files_are_excluded(string file)
    {
        using var folder = new TempFolder().File("index.js").File(file);
        var plan = UploadPlanner.Plan(folder.Root);
        var excluded = file.StartsWith(".aider.tags") ? ".aider.tags.cache.v3" : file;
        plan.AssertExcluded(excluded, ExclusionKind.EditorTooling);
    }

    [Fact]
    public void User_exclusions_use_gitignore_syntax_and_say_which_pattern()
    {
        using var folder = new TempFolder().File("index.js").File("media/a.mp4").File("docs/x.md").File("src/docs/y.md");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Exclude = { "*.mp4", "/docs/" } });
        plan.AssertExcluded("media/a.mp4", ExclusionKind.UserExclusion, "'*.mp4'");
        plan.AssertExcluded("docs", ExclusionKind.UserExclusion, "'/docs/'");
        plan.AssertIncluded("src/docs/y.md");
    }

    [Fact]
    public void Include_re_adds_default_excluded_folders_but_not_user_exclusions()
    {
        using var folder = new TempFolder().File("index.html").File("dist/app.js").File("dist/app.js.map").File("build/x");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "dist/" }, Exclude = { "*.map" } });
        plan.AssertIncluded("dist/app.js");
        plan.AssertExcluded("dist/app.js.map", ExclusionKind.UserExclusion);
        plan.AssertExcluded("build", ExclusionKind.DefaultExclusion);
    }

    [Fact]
    public void Include_can_pick_single_files_out_of_an_excluded_folder()
    {
        using var folder = new TempFolder().File("index.js").File("dist/app.js").File("dist/other.css").File("dist/deep/z.txt");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "dist/app.js" } });
        plan.AssertIncluded("dist/app.js");
        plan.AssertExcluded("dist/other.css", ExclusionKind.DefaultExclusion, "inside dist/");
        plan.AssertExcluded("dist/deep", ExclusionKind.DefaultExclusion);
    }

    [Fact]
    public void Include_patterns_never_re_add_secrets()
    {
        using var folder = new TempFolder().File("index.js").File(".env", "KEY=1").File("key.pem", "-----BEGIN");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { ".env*", "*.pem", "**" } });
        plan.AssertExcluded(".env", ExclusionKind.Secret);
        plan.AssertExcluded("key.pem", ExclusionKind.Secret);
    }

    [Fact]
    public void Negated_user_exclusion_is_refused_with_a_hint()
    {
        using var folder = new TempFolder().File("index.js");
        var error = Assert.Throws<ArgumentException>(() => UploadPlanner.Plan(folder.Root, new PackOptions { Exclude = { "!x" } }));
        Assert.Contains("-Include", error.Message);
    }

    [Fact]
    public void Order_is_deterministic_ordinal_depth_first()
    {
        using var folder = new TempFolder().File("b.js").File("a/z.js").File("C.js").File("a/b/c.js").File("a.js");
        Assert.Equal(new[] { "C.js", "a/b/c.js", "a/z.js", "a.js", "b.js" }, UploadPlanner.Plan(folder.Root).Paths());
    }

    [Fact]
    public void Empty_folder_after_exclusions_is_an_error()
    {
        using var folder = new TempFolder().File("node_modules/x.js").File(".env");
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
        Assert.Contains("nothing to upload", error.Message);
    }

    [Fact]
    public void Missing_folder_is_an_error()
    {
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid())));
        Assert.Contains("does not exist", error.Message);
    }
}
