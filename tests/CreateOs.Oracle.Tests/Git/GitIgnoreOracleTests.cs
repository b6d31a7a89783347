using CreateOs.Oracle.Tests.Nethereum;
using Xunit.Abstractions;

namespace CreateOs.Oracle.Tests.Git;

/// <summary>
/// What leaves the user's machine, judged by git itself: for generated folders with nested .gitignore files and for the
/// examples of gitignore(5), the packer uploads exactly the files git does not ignore.
/// </summary>
public class GitIgnoreOracleTests(ITestOutputHelper output)
{
    public const int GeneratedCases = 5_000;

    [Fact]
    public void The_packer_uploads_exactly_what_git_does_not_ignore_in_5000_generated_folders()
    {
        var cases = Enumerable.Range(0, GeneratedCases)
            .Select(i => GitIgnoreCaseGenerator.Generate(new CaseRandom(OracleCases.Seed, "gitignore", i), $"c{i:D4}"))
            .ToList();
        AssertAgrees(GitIgnoreJudge.Judge(cases, folder => GitIgnoreJudge.Packer(folder)), $" (seed {OracleCases.Seed}; replay with {OracleCases.SeedVariable}={OracleCases.Seed})");
    }

    [Fact]
    public void The_packer_uploads_exactly_what_git_does_not_ignore_in_the_gitignore_documentation_examples() =>
        AssertAgrees(GitIgnoreJudge.Judge(GitIgnoreDocumentationCases.All, folder => GitIgnoreJudge.Packer(folder)), "");

    /// <summary>The comparison can fail: a packer that reads no .gitignore disagrees with git on the same folders.</summary>
    [Fact]
    public void A_packer_that_skipped_gitignore_files_would_be_caught()
    {
        var verdict = GitIgnoreJudge.Judge(GitIgnoreDocumentationCases.All, folder => GitIgnoreJudge.Packer(folder, useGitIgnore: false));
        Assert.True(verdict.Disagreements.Count > 20, $"only {verdict.Disagreements.Count} disagreements ({verdict.Timings})");
    }

    private void AssertAgrees(GitIgnoreJudge.Verdict verdict, string replay)
    {
        output.WriteLine($"{verdict.GitVersion}: {verdict.Cases} folders, {verdict.Paths} files judged, {verdict.Disagreements.Count} disagreements ({verdict.Timings})");
        Assert.True(verdict.Problems.Count == 0, "the comparison itself is unsound:" + Environment.NewLine + string.Join(Environment.NewLine, verdict.Problems.Take(10)));
        Assert.True(verdict.Disagreements.Count == 0,
            $"{verdict.Disagreements.Count} of {verdict.Paths} files decided differently from {verdict.GitVersion}{replay}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, verdict.Disagreements.Take(8)));
    }
}
