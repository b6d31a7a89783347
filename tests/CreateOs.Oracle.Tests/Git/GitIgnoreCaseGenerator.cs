using System.Text;
using CreateOs.Oracle.Tests.Nethereum;

namespace CreateOs.Oracle.Tests.Git;

/// <summary>
/// Random folders with nested .gitignore files built to hit what gitignore(5) makes subtle: negations and re-includes
/// inside excluded folders, anchored and unanchored rules, <c>**</c> in every position, trailing spaces and escapes,
/// character classes (ranges, negation, POSIX classes, odd brackets), directory-only rules, case, CRLF, a BOM.
/// Names avoid the packer's secret and default rules, which override .gitignore on purpose.
/// </summary>
internal static class GitIgnoreCaseGenerator
{
    private static readonly string[] DirectoryNames = { "a", "b", "A", "doc", "lib", "foo", "Foo", "sub", "x y", "[ab]", "é", "a.d" };

    private static readonly string[] FileNames =
    {
        "a", "b", "A", "B", "a.txt", "b.txt", "A.TXT", "x.js", "y.log", "ab.log", "foo", "Foo.md", "z.c", "z.o", "abc", "ba", "a-b",
        "#h", "!bang", "sp ", "st*r", "q?", "[ab]", "a b.txt", ".hidden", "é.txt", "a]b", "x^y", "**",
    };

    private static readonly string[] Globs =
    {
        "*", "*", "*.txt", "*.log", "*.TXT", "a*", "*b", "A*", "?", "??", "a?", "?.txt", "[ab]", "[!a]", "[^a]*", "[a-c]*", "[A-Z]*",
        "[[:upper:]]*", "[[:alpha:]]", "[[:digit:]-]*", "[[:space:]]*", "[]a]", "[a-]", "[z-a]*", "[!]]*", "a[", "[", "\\*", "st\\*r", "st*r",
        "**", "**", "a**", "***", "**.txt", "\\#h", "#h", "\\!bang", "sp\\ ", "sp", "x y", "a b.txt", "\\[ab\\]", "\\[ab]", "a]b", "x^y", "[x]^y",
        "é*", "[é]", "\\a", "a\\", "[a-c-e]", "[\\]]*", "[a\\-c]", "*.[tj][xs]*",
    };

    public static GitIgnoreCase Generate(CaseRandom random, string name)
    {
        var directories = new List<string> { "" };
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var parent = random.Pick(directories.ToArray());
            if (parent.Count(c => c == '/') >= 2) continue;
            var directory = (parent.Length == 0 ? "" : parent + "/") + random.Pick(DirectoryNames);
            if (!directories.Contains(directory)) directories.Add(directory);
        }

        var files = new HashSet<string>(StringComparer.Ordinal);
        void AddFile(string folder)
        {
            var file = (folder.Length == 0 ? "" : folder + "/") + random.Pick(FileNames);
            if (!directories.Contains(file)) files.Add(file);
        }
        for (var i = random.Next(4, 13); i > 0; i--) AddFile(random.Pick(directories.ToArray()));
        // Every folder holds a file, so git sees it (a name taken by a subfolder is skipped, then another is drawn).
        foreach (var directory in directories.Where(d => d.Length > 0))
            while (!files.Any(f => f.StartsWith(directory + "/", StringComparison.Ordinal))) AddFile(directory);

        var gitIgnores = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = random.Next(1, 4); i > 0; i--)
            gitIgnores[random.Pick(directories.ToArray())] = GitIgnoreText(random, directories);
        return new GitIgnoreCase(name, files.ToList(), gitIgnores);
    }

    private static string GitIgnoreText(CaseRandom random, List<string> directories)
    {
        var newline = random.Chance(10) ? "\r\n" : "\n";
        var text = new StringBuilder();
        if (random.Chance(3)) text.Append('\uFEFF');
        var lines = random.Next(1, 7);
        for (var i = 0; i < lines; i++)
        {
            text.Append(Line(random, directories));
            if (i < lines - 1 || random.Chance(80)) text.Append(newline);
        }
        return text.ToString();
    }

    private static string Line(CaseRandom random, List<string> directories)
    {
        if (random.Chance(4)) return random.Pick("", "# a comment", "#", "!", "/", "//", "\\", " ", "**/", "/**", "!*", "\t");
        var pattern = new StringBuilder();
        if (random.Chance(25)) pattern.Append('!');
        if (random.Chance(20)) pattern.Append('/');
        var segments = random.Chance(50) ? 1 : random.Next(2, 4);
        for (var s = 0; s < segments; s++)
        {
            if (s > 0) pattern.Append('/');
            pattern.Append(random.Chance(45) ? Literal(random.Pick(random.Chance(50) ? DirectoryNames : FileNames)) : random.Pick(Globs));
        }
        if (random.Chance(20)) pattern.Append('/');
        if (random.Chance(3)) pattern.Append('/');
        if (random.Chance(8)) pattern.Append(random.Pick(" ", "  ", "\\ ", "\\  ", " \\ ", "\t"));
        return pattern.ToString();
    }

    /// <summary>A name as a pattern that matches it literally: glob characters escaped, a leading # or ! escaped, a trailing space escaped.</summary>
    private static string Literal(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (c is '*' or '?' or '[' or '\\') text.Append('\\');
            text.Append(c);
        }
        if (text[0] is '#' or '!') text.Insert(0, '\\');
        if (text[^1] == ' ') text.Insert(text.Length - 1, '\\');
        return text.ToString();
    }
}
