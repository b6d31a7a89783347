using System.Text;

namespace CreateOs.Oracle.Tests.Git;

/// <summary>One folder to judge: its files (forward-slash paths) and its .gitignore files (folder → exact bytes).</summary>
internal sealed record GitIgnoreCase(string Name, IReadOnlyList<string> Files, IReadOnlyDictionary<string, string> GitIgnores)
{
    /// <summary>Every file of the folder, the .gitignore files included (git and the packer judge those too).</summary>
    public IEnumerable<string> AllFiles => Files.Concat(GitIgnores.Keys.Select(folder => folder.Length == 0 ? ".gitignore" : folder + "/.gitignore")).Distinct(StringComparer.Ordinal);

    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Files)
        {
            var path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Array.Empty<byte>());
        }
        foreach (var (directory, content) in GitIgnores)
        {
            var path = Path.Combine(folder, directory, ".gitignore");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, new UTF8Encoding(false));
        }
    }

    /// <summary>The case as a reader needs it to reproduce a disagreement.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var (directory, content) in GitIgnores.OrderBy(g => g.Key, StringComparer.Ordinal))
            text.Append("  ").Append(directory.Length == 0 ? "" : directory + "/").Append(".gitignore: ").AppendLine(Quote(content));
        text.Append("  files: ").AppendLine(string.Join(", ", Files.Select(Quote)));
        return text.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\uFEFF", "\\uFEFF") + "\"";
}
