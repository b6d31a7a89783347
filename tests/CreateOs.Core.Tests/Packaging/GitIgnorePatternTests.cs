using CreateOs.Core.Packaging;
using Xunit;

namespace CreateOs.Core.Tests.Packaging;

public class GitIgnorePatternTests
{
    private static bool Matches(string pattern, string path, bool isDirectory = false)
    {
        var parsed = GitIgnorePattern.Parse(pattern, "test", 1);
        Assert.NotNull(parsed);
        return parsed!.IsMatch(path, path.Substring(path.LastIndexOf('/') + 1), isDirectory);
    }

    [Theory]
    [InlineData("*.log", "a.log", true)]
    [InlineData("*.log", "deep/dir/a.log", true)]
    [InlineData("*.log", "a.logs", false)]
    [InlineData("/todo.txt", "todo.txt", true)]
    [InlineData("/todo.txt", "sub/todo.txt", false)]
    [InlineData("doc/*.txt", "doc/notes.txt", true)]
    [InlineData("doc/*.txt", "doc/server/arch.txt", false)]
    [InlineData("doc/**/*.txt", "doc/server/arch.txt", true)]
    [InlineData("doc/**/*.txt", "doc/notes.txt", true)]
    [InlineData("**/foo", "foo", true)]
    [InlineData("**/foo", "a/b/foo", true)]
    [InlineData("**/foo/bar", "x/foo/bar", true)]
    [InlineData("abc/**", "abc/x/y", true)]
    [InlineData("abc/**", "abc", false)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", false)]
    [InlineData("[abc].txt", "b.txt", true)]
    [InlineData("[!abc].txt", "b.txt", false)]
    [InlineData("[!abc].txt", "d.txt", true)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData(@"\#hash", "#hash", true)]
    [InlineData(@"\!bang", "!bang", true)]
    [InlineData("trailing\\ ", "trailing ", true)]
    [InlineData("name.txt   ", "name.txt", true)]
    [InlineData("a.b", "axb", false)]
    public void Matches_like_git(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, Matches(pattern, path));
    }

    [Fact]
    public void Trailing_slash_matches_directories_only()
    {
        Assert.True(Matches("logs/", "logs", isDirectory: true));
        Assert.False(Matches("logs/", "logs", isDirectory: false));
        Assert.True(Matches("logs/", "a/logs", isDirectory: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# comment")]
    [InlineData("/")]
    [InlineData("!")]
    public void Blank_lines_and_comments_are_not_rules(string line)
    {
        Assert.Null(GitIgnorePattern.Parse(line, "test", 1));
    }

    [Fact]
    public void Negation_is_recorded()
    {
        var pattern = GitIgnorePattern.Parse("!keep.log", "test", 1)!;
        Assert.True(pattern.Negated);
        Assert.True(pattern.IsMatch("keep.log", "keep.log", false));
    }

    [Theory]
    [InlineData("dist/app.js", "dist", true)]
    [InlineData("dist/**/*.js", "dist/sub", true)]
    [InlineData("src/app.js", "dist", false)]
    [InlineData("**/*.js", "node_modules", true)]
    [InlineData("*.js", "anything", false)]
    [InlineData("/dist", "dist", false)]
    public void Could_match_beneath(string pattern, string directory, bool expected)
    {
        Assert.Equal(expected, GitIgnorePattern.Parse(pattern, "test", 1)!.CouldMatchBeneath(directory));
    }
}
