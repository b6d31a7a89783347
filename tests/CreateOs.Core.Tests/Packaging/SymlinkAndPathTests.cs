using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class SymlinkAndPathTests
{
    [Fact]
    public void File_symlink_outside_the_root_is_refused_naming_the_path()
    {
        using var outside = new TempFolder().File("secret.txt", "outside");
        using var folder = new TempFolder().File("index.js");
        File.CreateSymbolicLink(folder.PathOf("linked.txt"), outside.PathOf("secret.txt"));
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
        Assert.Equal("linked.txt", error.Path);
        Assert.Contains("'linked.txt' is a symbolic link", error.Message);
        Assert.Contains("outside the folder", error.Message);
    }

    [Fact]
    public void Directory_symlink_outside_the_root_is_refused()
    {
        using var outside = new TempFolder().File("lib/a.js");
        using var folder = new TempFolder().File("index.js");
        Directory.CreateSymbolicLink(folder.PathOf("shared"), outside.PathOf("lib"));
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
        Assert.Equal("shared", error.Path);
    }

    [Fact]
    public void Relative_symlink_climbing_out_is_refused()
    {
        using var folder = new TempFolder().File("app/index.js");
        File.WriteAllText(Path.Combine(folder.Root, "outside.txt"), "x");
        File.CreateSymbolicLink(folder.PathOf("app/up.txt"), "../outside.txt");
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.PathOf("app")));
        Assert.Equal("up.txt", error.Path);
    }

    [Fact]
    public void Excluded_symlink_outside_is_not_an_error()
    {
        using var outside = new TempFolder().File(".env", "KEY=1");
        using var folder = new TempFolder().File("index.js").File(".gitignore", "linked/\n");
        File.CreateSymbolicLink(folder.PathOf(".env"), outside.PathOf(".env"));
        Directory.CreateSymbolicLink(folder.PathOf("linked"), outside.Root);
        var plan = UploadPlanner.Plan(folder.Root);
        plan.AssertExcluded(".env", ExclusionKind.Secret);
        plan.AssertExcluded("linked", ExclusionKind.GitIgnore);
    }

    [Fact]
    public void Symlinks_inside_the_root_are_followed_for_files_and_directories()
    {
        using var folder = new TempFolder().File("real/a.txt", "hello").File("index.js");
        File.CreateSymbolicLink(folder.PathOf("alias.txt"), folder.PathOf("real/a.txt"));
        Directory.CreateSymbolicLink(folder.PathOf("mirror"), "real");
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(new[] { "alias.txt", "index.js", "mirror/a.txt", "real/a.txt" }, plan.Paths());
        Assert.Equal(5, plan.Files.Single(f => f.RelativePath == "alias.txt").Size);
    }

    [Fact]
    public void Innocent_named_links_to_secrets_are_secret()
    {
        using var folder = new TempFolder().File("index.js").File(".env", "KEY=1").File(".ssh/id_custom", "key");
        File.CreateSymbolicLink(folder.PathOf("config.txt"), ".env");
        File.CreateSymbolicLink(folder.PathOf("notes.md"), ".ssh/id_custom");
        Directory.CreateSymbolicLink(folder.PathOf("keys"), ".ssh");
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "**" } });
        plan.AssertExcluded("config.txt", ExclusionKind.Secret, "symbolic link to a secret (.env,");
        plan.AssertExcluded("notes.md", ExclusionKind.Secret, ".ssh/");
        plan.AssertExcluded("keys", ExclusionKind.Secret);
        Assert.Equal(new[] { "index.js" }, plan.Paths());
    }

    [Fact]
    public void Link_with_a_harmless_extension_to_a_keystore_is_secret()
    {
        using var folder = new TempFolder().File("index.js").File(".gitignore", "wallet.json\n").File("wallet.json", KeystoreDetectionTests.GethKeystore);
        File.CreateSymbolicLink(folder.PathOf("readme.txt"), "wallet.json");
        UploadPlanner.Plan(folder.Root).AssertExcluded("readme.txt", ExclusionKind.Secret, "Ethereum keystore");
    }

    [Fact]
    public void Include_does_not_enter_an_excluded_symlinked_folder_pointing_outside()
    {
        using var outside = new TempFolder().File("lib/a.js");
        using var folder = new TempFolder().File("index.js");
        Directory.CreateSymbolicLink(folder.PathOf("dist"), outside.PathOf("lib"));
        var plan = UploadPlanner.Plan(folder.Root, new PackOptions { Include = { "dist/a.js" } });
        plan.AssertExcluded("dist", ExclusionKind.DefaultExclusion);
        Assert.Equal(new[] { "index.js" }, plan.Paths());
    }

    [Fact]
    public void Directory_symlink_cycles_are_skipped()
    {
        using var folder = new TempFolder().File("a/file.txt");
        Directory.CreateSymbolicLink(folder.PathOf("a/loop"), "..");
        Directory.CreateSymbolicLink(folder.PathOf("a/self"), ".");
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Equal(new[] { "a/file.txt" }, plan.Paths());
        plan.AssertExcluded("a/loop", ExclusionKind.SymlinkCycle);
        plan.AssertExcluded("a/self", ExclusionKind.SymlinkCycle);
    }

    [Fact]
    public void Mutual_directory_symlinks_terminate()
    {
        using var folder = new TempFolder().File("a/x.txt").File("b/y.txt");
        Directory.CreateSymbolicLink(folder.PathOf("a/to-b"), "../b");
        Directory.CreateSymbolicLink(folder.PathOf("b/to-a"), "../a");
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Contains("a/to-b/y.txt", plan.Paths());
        Assert.Contains(plan.Exclusions, e => e.Kind == ExclusionKind.SymlinkCycle);
    }

    [Fact]
    public void Broken_symlink_is_reported_not_uploaded()
    {
        using var folder = new TempFolder().File("index.js");
        File.CreateSymbolicLink(folder.PathOf("dangling"), folder.PathOf("missing"));
        UploadPlanner.Plan(folder.Root).AssertExcluded("dangling", ExclusionKind.BrokenSymlink);
    }

    [Fact]
    public void Root_given_through_a_symlink_works()
    {
        using var folder = new TempFolder().File("app/index.js");
        Directory.CreateSymbolicLink(folder.PathOf("current"), folder.PathOf("app"));
        var plan = UploadPlanner.Plan(folder.PathOf("current"));
        Assert.Equal(new[] { "index.js" }, plan.Paths());
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("./a")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("c:evil")]
    [InlineData(@"a\b")]
    [InlineData(@"..\..\x")]
    [InlineData("a//b")]
    [InlineData("")]
    public void Traversal_paths_are_refused(string path)
    {
        Assert.NotNull(RelativePathValidator.FindProblem(path));
        Assert.Throws<PackagingException>(() => RelativePathValidator.Validate(path));
    }

    [Theory]
    [InlineData("a/b/c.txt")]
    [InlineData("..hidden")]
    [InlineData("a/...")]
    [InlineData("ünïcode/файл.txt")]
    public void Ordinary_paths_pass(string path)
    {
        Assert.Null(RelativePathValidator.FindProblem(path));
    }

    [Fact]
    public void File_name_with_backslash_is_refused_at_plan_time()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder().File("index.js").File(@"evil\..\..\x.txt");
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
        Assert.Contains("backslash", error.Message);
    }

    [Fact]
    public void Excluded_file_with_backslash_is_fine()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder().File("index.js").File(@"node_modules/evil\x.txt");
        UploadPlanner.Plan(folder.Root).AssertExcluded("node_modules", ExclusionKind.DefaultExclusion);
    }

    [Fact]
    public void Unreadable_folder_is_reported_with_its_path()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return;
        using var folder = new TempFolder().File("index.js").File("locked/a.txt");
        File.SetUnixFileMode(folder.PathOf("locked"), UnixFileMode.None);
        try
        {
            var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
            Assert.Equal("locked", error.Path);
        }
        finally
        {
            File.SetUnixFileMode(folder.PathOf("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
    [Fact]
    public void Paths_differing_only_in_letter_case_are_refused_naming_both()
    {
        if (!OperatingSystem.IsLinux()) return; // elsewhere the file system cannot hold both
        using var folder = new TempFolder().File("src/Config.js", "a").File("src/config.js", "b");
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
        Assert.Contains("'src/config.js' and 'src/Config.js'", error.Message);
        Assert.Contains("differ only in letter case or Unicode normalisation", error.Message);
    }

    [Fact]
    public void Names_differing_only_in_Unicode_normalisation_are_refused_showing_their_code_points()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempFolder().File("caf\u00E9.js", "composed").File("cafe\u0301.js", "decomposed");
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
        Assert.Contains("cafU+00E9.js", error.Message);
        Assert.Contains("cafeU+0301.js", error.Message);
    }

    [Fact]
    public void A_twin_left_out_by_gitignore_is_no_conflict()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempFolder().File("README.md", "a").File("readme.md", "b").File(".gitignore", "/readme.md\n");
        var plan = UploadPlanner.Plan(folder.Root);
        Assert.Contains(plan.Files, f => f.RelativePath == "README.md");
        Assert.DoesNotContain(plan.Files, f => f.RelativePath == "readme.md");
    }

    [Fact]
    public void The_root_of_a_disk_is_refused_before_scanning()
    {
        var diskRoot = Path.GetPathRoot(Path.GetTempPath())!;
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(diskRoot));
        Assert.Contains("root of a disk", error.Message);
    }

    [Fact]
    public void The_home_folder_is_refused_before_scanning()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home) || !Directory.Exists(home) || Path.GetPathRoot(home) == home) return;
        var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(home));
        Assert.Contains("your home folder", error.Message);
    }
    [Fact]
    public void A_file_link_to_itself_and_a_loop_of_file_links_are_reported_not_followed()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder().File("index.js");
        File.CreateSymbolicLink(folder.PathOf("self"), "self");
        File.CreateSymbolicLink(folder.PathOf("ping"), "pong");
        File.CreateSymbolicLink(folder.PathOf("pong"), "ping");
        var plan = UploadPlanner.Plan(folder.Root);
        foreach (var link in new[] { "self", "ping", "pong" })
            plan.AssertExcluded(link, ExclusionKind.BrokenSymlink, "the links loop");
    }

    [Fact]
    public void A_link_to_the_parent_folder_or_the_disk_root_is_refused()
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var target in new[] { "..", "/" })
        {
            using var folder = new TempFolder().File("index.js");
            Directory.CreateSymbolicLink(folder.PathOf("up"), target);
            var error = Assert.Throws<PackagingException>(() => UploadPlanner.Plan(folder.Root));
            Assert.Equal("up", error.Path);
            Assert.Contains("outside the folder", error.Message);
        }
    }
}
