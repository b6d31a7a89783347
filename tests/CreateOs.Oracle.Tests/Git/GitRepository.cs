using System.Diagnostics;
using System.Text;

namespace CreateOs.Oracle.Tests.Git;

/// <summary>
/// A scratch repository where git itself says what is ignored. Only the folder's own .gitignore files count: no system
/// or global configuration, no global excludes file, case-sensitive matching (git's default on Linux).
/// </summary>
internal sealed class GitRepository : IDisposable
{
    private readonly string _home;

    private GitRepository(string root, string home)
    {
        Root = root;
        _home = home;
    }

    public string Root { get; }

    public static GitRepository Create()
    {
        // Thousands of small files: on a RAM disk where there is one (Linux), which keeps the file system cost down.
        var ramDisk = OperatingSystem.IsLinux() && Directory.Exists("/dev/shm") ? "/dev/shm" : null;
        var scratch = ramDisk != null
            ? Directory.CreateDirectory(Path.Combine(ramDisk, "createos-git-oracle-" + Guid.NewGuid().ToString("N"))).FullName
            : Directory.CreateTempSubdirectory("createos-git-oracle-").FullName;
        var home = Path.Combine(scratch, "home");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "empty"), "");
        var repository = new GitRepository(Path.Combine(scratch, "repo"), home);
        Directory.CreateDirectory(repository.Root);
        repository.Run(null, "init", "-q", ".");
        return repository;
    }

    /// <summary>"git version 2.39.5" of the git on PATH.</summary>
    public string Version() => Run(null, "--version").Trim();

    /// <summary>
    /// <c>git status --porcelain --ignored --untracked-files=all</c>: every untracked file, each marked ignored or not
    /// (files inside ignored folders are listed one by one).
    /// </summary>
    public Dictionary<string, bool> Status()
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var entry in Run(null, "status", "--porcelain=v1", "-z", "--ignored", "--untracked-files=all").Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var code = entry[..2];
            if (code is not ("??" or "!!")) throw new InvalidOperationException("unexpected git status entry: " + entry);
            result[entry[3..]] = code == "!!";
        }
        return result;
    }

    /// <summary><c>git check-ignore --no-index --stdin</c>: which of the paths are ignored.</summary>
    public HashSet<string> CheckIgnore(IEnumerable<string> paths)
    {
        var input = string.Concat(paths.Select(p => p + "\0"));
        return new HashSet<string>(Run(input, "check-ignore", "--no-index", "--stdin", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
    }

    private string Run(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Root,
            RedirectStandardInput = input != null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var (name, value) in new[] { ("core.excludesFile", Path.Combine(_home, "empty")), ("core.ignoreCase", "false"), ("core.quotePath", "false"), ("core.untrackedCache", "false") })
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(name + "=" + value);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = Path.Combine(_home, "empty");
        start.Environment["HOME"] = _home;
        start.Environment["XDG_CONFIG_HOME"] = _home;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("git is needed on PATH: it is the oracle of the .gitignore tests (" + e.Message + ")", e);
        }
        using (process)
        {
            if (input != null)
            {
                var writer = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false));
                var writing = Task.Run(() => { writer.Write(input); writer.Close(); });
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                writing.Wait();
                process.WaitForExit();
                // check-ignore exits 1 when no path is ignored.
                if (process.ExitCode is not (0 or 1)) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
                return output.Result;
            }
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Result;
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
