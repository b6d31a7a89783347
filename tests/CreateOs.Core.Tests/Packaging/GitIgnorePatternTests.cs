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

    /// <summary>Each was a disagreement with git 2.39 found by the git oracle (tests/CreateOs.Oracle.Tests/Git); git's verdict is the expected one.</summary>
    [Theory]
    [InlineData("[z-a]", "m", false)]            // a reversed range matches nothing (it used to throw and fail the whole pack)
    [InlineData("[", "[", false)]                // an unclosed '[' makes the pattern match nothing
    [InlineData("a[b", "a[b", false)]
    [InlineData("[[:upper:]]*", "Readme", true)] // POSIX classes
    [InlineData("[[:upper:]]*", "readme", false)]
    [InlineData("[[:digit:]-]x", "-x", true)]
    [InlineData("[[:space:]]*", "a]b", false)]
    [InlineData(@"[a\-c]", "-", true)]           // an escaped '-' is a member, not a range
    [InlineData(@"[a\-c]", "b", false)]
    [InlineData("?", "é", false)]                // wildmatch works on UTF-8 bytes: 'é' is two
    [InlineData("??", "é", true)]
    [InlineData("[é]", "é", false)]
    [InlineData("foo//", "foo", false)]          // only one trailing '/' is removed
    [InlineData("//foo", "foo", false)]          // only one leading '/' is removed
    [InlineData("a**/b", "a/x/b", true)]         // after the literal prefix "a", git matches "**/b" on its own
    [InlineData("a/***/b", "a/b", true)]         // "***" between slashes is "**"
    [InlineData("a[/]b", "a/b", false)]          // a bracket never matches '/'
    public void Matches_what_git_matches_where_the_old_matcher_did_not(string pattern, string path, bool expected)
    {
        var parsed = GitIgnorePattern.Parse(pattern, "test", 1);
        var name = path.Substring(path.LastIndexOf('/') + 1);
        Assert.Equal(expected, parsed != null && (parsed.IsMatch(path, name, isDirectory: true) || parsed.IsMatch(path, name, isDirectory: false)));
    }

    [Fact]
    public void A_crlf_file_keeps_the_second_carriage_return_in_the_pattern()
    {
        var file = GitIgnoreFile.Parse("a\r\r\nb\r\n", "", ".gitignore");
        Assert.Equal(new[] { "a\r", "b" }, file.Patterns.Select(p => p.Text));
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
