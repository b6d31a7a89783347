using System.Collections.Concurrent;
using CreateOs.Core.Packaging;

namespace CreateOs.Oracle.Tests.Git;

/// <summary>A path on which the packer and git decide differently.</summary>
internal sealed record Disagreement(GitIgnoreCase Case, string Path, bool GitIgnores)
{
    public override string ToString() =>
        $"{Case.Name}: '{Path}' is {(GitIgnores ? "ignored by git but uploaded by the packer" : "kept by git but left out by the packer")}{Environment.NewLine}{Case.Describe()}";
}

/// <summary>What the packer decides for one folder: the files it uploads, and anything it left out for a reason other than .gitignore.</summary>
internal sealed record PackerDecision(ISet<string> Uploaded, IReadOnlyList<string> OtherExclusions);

/// <summary>
/// Writes every case as a folder of one scratch repository, asks git once for all of them (<c>git status</c>, with
/// <c>git check-ignore --no-index</c> as a second opinion) and compares git's decision with the packer's file by file.
/// </summary>
internal static class GitIgnoreJudge
{
    public sealed record Verdict(string GitVersion, int Cases, int Paths, IReadOnlyList<Disagreement> Disagreements, IReadOnlyList<string> Problems, string Timings);

    /// <summary>The shipped packer: the folder scan of UploadPlanner with default options and no -Exclude/-Include.</summary>
    public static PackerDecision Packer(string folder, bool useGitIgnore = true)
    {
        var real = RealPath.TryResolve(folder) ?? folder;
        var scan = FolderScanner.Scan(real, new PackOptions { UseGitIgnore = useGitIgnore }, Array.Empty<GitIgnorePattern>(), Array.Empty<GitIgnorePattern>());
        return new PackerDecision(
            new HashSet<string>(scan.Files.Select(f => f.RelativePath), StringComparer.Ordinal),
            scan.Exclusions.Where(e => e.Kind != ExclusionKind.GitIgnore).Select(e => e.ToString()).ToList());
    }

    public static Verdict Judge(IReadOnlyList<GitIgnoreCase> cases, Func<string, PackerDecision> packer)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var repository = GitRepository.Create();
        Parallel.ForEach(cases, c => c.WriteTo(Path.Combine(repository.Root, c.Name)));
        var written = clock.Elapsed;

        var status = repository.Status();
        var allPaths = cases.SelectMany(c => c.AllFiles.Select(f => c.Name + "/" + f)).ToList();
        var checkIgnore = repository.CheckIgnore(allPaths);
        var asked = clock.Elapsed;
        var decisions = new ConcurrentDictionary<string, PackerDecision>();
        Parallel.ForEach(cases, c => decisions[c.Name] = packer(Path.Combine(repository.Root, c.Name)));
        var timings = $"writing {written.TotalSeconds:0.0} s, git {(asked - written).TotalSeconds:0.0} s, packer {(clock.Elapsed - asked).TotalSeconds:0.0} s";

        var disagreements = new List<Disagreement>();
        var problems = new List<string>();
        foreach (var gitIgnoreCase in cases)
        {
            var decision = decisions[gitIgnoreCase.Name];
            problems.AddRange(decision.OtherExclusions.Select(e => $"{gitIgnoreCase.Name}: the case hits a non-.gitignore rule: {e}"));
            foreach (var file in gitIgnoreCase.AllFiles)
            {
                var path = gitIgnoreCase.Name + "/" + file;
                if (!status.TryGetValue(path, out var gitIgnores))
                {
                    problems.Add($"{path}: not listed by git status");
                    continue;
                }
                if (gitIgnores != checkIgnore.Contains(path))
                    problems.Add($"{path}: git status says {(gitIgnores ? "ignored" : "not ignored")}, git check-ignore --no-index the opposite");
                if (gitIgnores == decision.Uploaded.Contains(file)) disagreements.Add(new Disagreement(gitIgnoreCase, file, gitIgnores));
            }
        }
        return new Verdict(repository.Version(), cases.Count, allPaths.Count, disagreements, problems, timings);
    }
}
